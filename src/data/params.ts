// The preprocessing parameters DataInfo reads, with H2O's names and defaults, validated once here.
// Enum-valued parameters accept H2O's Java spelling (OneHotInternal), the Python one (one_hot_internal)
// and any case; they are stored in the Python spelling.

import { AquiferError } from '../util/errors';
import { msg } from './messages';

export type CategoricalEncoding =
  | 'one_hot_internal' | 'binary' | 'eigen' | 'label_encoder' | 'sort_by_response' | 'enum_limited';
export type MissingValuesHandling = 'MeanImputation' | 'Skip';
/** DataInfo's predictor transform (h2o-training.md §1.4). */
export type TransformType = 'standardize' | 'descale' | 'normalize' | 'none';

export interface DataInfoParams {
  /** Predictor columns; default: every column but y, weights and offset. */
  x?: readonly string[] | null;
  /** Response column (H2O's response_column); none for an autoencoder. */
  y?: string | null;
  ignored_columns?: readonly string[] | null;
  ignore_const_cols?: boolean;
  use_all_factor_levels?: boolean;
  categorical_encoding?: string;
  /** Levels kept by enum_limited (H2O's max_categorical_levels, not in the DL schema). */
  max_categorical_levels?: number;
  max_categorical_features?: number;
  standardize?: boolean;
  sparse?: boolean;
  autoencoder?: boolean;
  missing_values_handling?: string;
  weights_column?: string | null;
  offset_column?: string | null;
  /** Decides the response transform: identity-link families get a standardized response. */
  distribution?: string;
  /** Seed of the categorical hashing (max_categorical_features); cast to int32 as H2O does. */
  seed?: number | bigint;
}

export interface ResolvedParams {
  x: string[] | null;
  y: string | null;
  ignored_columns: string[];
  ignore_const_cols: boolean;
  use_all_factor_levels: boolean;
  categorical_encoding: CategoricalEncoding;
  max_categorical_levels: number;
  max_categorical_features: number;
  standardize: boolean;
  sparse: boolean;
  autoencoder: boolean;
  missing_values_handling: MissingValuesHandling;
  weights_column: string | null;
  offset_column: string | null;
  distribution: string;
  /** The int32 the hash is seeded with. */
  seed: number;
}

const ENCODINGS: Record<string, CategoricalEncoding | 'enum' | 'one_hot_explicit'> = {
  auto: 'one_hot_internal', onehotinternal: 'one_hot_internal', binary: 'binary', eigen: 'eigen',
  labelencoder: 'label_encoder', sortbyresponse: 'sort_by_response', enumlimited: 'enum_limited',
  enum: 'enum', onehotexplicit: 'one_hot_explicit',
};
const ENCODING_NAMES = ['AUTO', 'one_hot_internal', 'binary', 'eigen', 'label_encoder', 'sort_by_response', 'enum_limited'];
const IDENTITY_LINK = new Set(['auto', 'gaussian', 'laplace', 'quantile', 'huber']);

const squash = (s: string) => s.toLowerCase().replace(/[_\s-]/g, '');

function bool(name: string, v: unknown, dflt: boolean): boolean {
  if (v === undefined || v === null) return dflt;
  if (typeof v !== 'boolean') throw new AquiferError('BAD_PARAMETER', msg.notBoolean(name, v), { subject: name });
  return v;
}

function positiveInt(name: string, v: unknown, dflt: number): number {
  if (v === undefined || v === null) return dflt;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > 2147483647) {
    throw new AquiferError('BAD_PARAMETER', msg.notPositiveInt(name, v), { subject: name });
  }
  return v;
}

function columnName(name: string, v: unknown): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string') {
    throw new AquiferError('BAD_PARAMETER', `${name} must be a column name, got ${JSON.stringify(v)}`, { subject: name });
  }
  return v;
}

function columnList(name: string, v: unknown): string[] | null {
  if (v === undefined || v === null) return null;
  if (!Array.isArray(v) || v.some((c) => typeof c !== 'string')) {
    throw new AquiferError('BAD_PARAMETER', `${name} must be a list of column names`, { subject: name });
  }
  return [...v] as string[];
}

export function resolveEncoding(v: unknown): CategoricalEncoding {
  if (v === undefined || v === null) return 'one_hot_internal';
  const e = typeof v === 'string' ? ENCODINGS[squash(v)] : undefined;
  if (e === 'enum') throw new AquiferError('BAD_PARAMETER', msg.enumEncodingRejected(), { subject: 'categorical_encoding' });
  if (e === 'one_hot_explicit') {
    throw new AquiferError('BAD_PARAMETER', msg.oneHotExplicitRejected(), { subject: 'categorical_encoding' });
  }
  if (e === undefined) {
    throw new AquiferError('BAD_PARAMETER', msg.badEnum('categorical_encoding', v, ENCODING_NAMES), { subject: 'categorical_encoding' });
  }
  return e;
}

function resolveMissing(v: unknown): MissingValuesHandling {
  if (v === undefined || v === null) return 'MeanImputation';
  const s = typeof v === 'string' ? squash(v) : '';
  if (s === 'meanimputation') return 'MeanImputation';
  if (s === 'skip') return 'Skip';
  throw new AquiferError('BAD_PARAMETER', msg.badEnum('missing_values_handling', v, ['MeanImputation', 'Skip']),
    { subject: 'missing_values_handling' });
}

/** H2O casts the 64-bit model seed to int for the hash: keep the low 32 bits, signed. */
function int32Seed(v: unknown): number {
  if (v === undefined || v === null) return -1;
  if (typeof v === 'bigint') return Number(BigInt.asIntN(32, v));
  if (typeof v !== 'number' || !Number.isInteger(v)) {
    throw new AquiferError('BAD_PARAMETER', `seed must be an integer, got ${JSON.stringify(v)}`, { subject: 'seed' });
  }
  return Number(BigInt.asIntN(32, BigInt(v)));
}

export function resolveParams(p: DataInfoParams = {}): ResolvedParams {
  const autoencoder = bool('autoencoder', p.autoencoder, false);
  const distribution = p.distribution ?? 'AUTO';
  if (typeof distribution !== 'string') {
    throw new AquiferError('BAD_PARAMETER', `distribution must be a string, got ${JSON.stringify(distribution)}`,
      { subject: 'distribution' });
  }
  return {
    x: columnList('x', p.x),
    y: columnName('y', p.y),
    ignored_columns: columnList('ignored_columns', p.ignored_columns) ?? [],
    ignore_const_cols: bool('ignore_const_cols', p.ignore_const_cols, true),
    // An autoencoder reconstructs every level, so H2O forces all levels on (lifecycle §11.3).
    use_all_factor_levels: autoencoder || bool('use_all_factor_levels', p.use_all_factor_levels, true),
    categorical_encoding: resolveEncoding(p.categorical_encoding),
    max_categorical_levels: positiveInt('max_categorical_levels', p.max_categorical_levels, 10),
    max_categorical_features: positiveInt('max_categorical_features', p.max_categorical_features, 2147483647),
    standardize: bool('standardize', p.standardize, true),
    sparse: bool('sparse', p.sparse, false),
    autoencoder,
    missing_values_handling: resolveMissing(p.missing_values_handling),
    weights_column: columnName('weights_column', p.weights_column),
    offset_column: columnName('offset_column', p.offset_column),
    distribution,
    seed: int32Seed(p.seed),
  };
}

/** §1.4: the autoencoder normalizes, sparse descales, otherwise standardize. */
export function transformType(p: ResolvedParams): TransformType {
  if (!p.standardize) return 'none';
  if (p.autoencoder) return 'normalize';
  return p.sparse ? 'descale' : 'standardize';
}

/** §1.6: gaussian, laplace, quantile and huber (and AUTO for a numeric response) have the identity link. */
export function hasIdentityLink(distribution: string): boolean {
  return IDENTITY_LINK.has(distribution.toLowerCase());
}
