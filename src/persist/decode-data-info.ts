// The DataInfo section of a model file, checked field by field before DataInfo.fromJSON sees it
// (that constructor trusts its input, as code inside aquifer may): every list a list of the right
// things, every enumeration one of its values, every per-numeric array as long as the numerics.

import type { DataInfoJSON } from '../data/data-info';
import type { Feature } from '../data/features';
import type { ResolvedParams } from '../data/params';
import {
  boolean, count, equal, integer, list, nullable, number, numbers, object, oneOf, optional, ShapeError, string, strings,
} from './shape';

const ENCODINGS = ['one_hot_internal', 'binary', 'eigen', 'label_encoder', 'sort_by_response', 'enum_limited'] as const;
const TRANSFORMS = ['standardize', 'descale', 'normalize', 'none'] as const;
const INT_MAX = 2147483647;
/** Optional true/false facts recorded per categorical feature (na_seen: training lit its NA bucket). */
const CATEGORICAL_FLAGS = ['na_seen'];

function positive(v: unknown, path: string, max = INT_MAX): number {
  const n = count(v, path);
  if (n < 1 || n > max) throw new ShapeError(`${path} must be between 1 and ${max}, got ${n}`);
  return n;
}

function params(v: unknown, path: string): ResolvedParams {
  const o = object(v, path);
  const seed = integer(o.seed, `${path}.seed`);
  if (seed !== (seed | 0)) throw new ShapeError(`${path}.seed must be a 32-bit integer, got ${seed}`);
  return {
    x: nullable(strings)(o.x, `${path}.x`),
    y: nullable(string)(o.y, `${path}.y`),
    ignored_columns: strings(o.ignored_columns, `${path}.ignored_columns`),
    ignore_const_cols: boolean(o.ignore_const_cols, `${path}.ignore_const_cols`),
    use_all_factor_levels: boolean(o.use_all_factor_levels, `${path}.use_all_factor_levels`),
    categorical_encoding: oneOf(o.categorical_encoding, `${path}.categorical_encoding`, ENCODINGS),
    max_categorical_levels: positive(o.max_categorical_levels, `${path}.max_categorical_levels`),
    max_categorical_features: positive(o.max_categorical_features, `${path}.max_categorical_features`),
    standardize: boolean(o.standardize, `${path}.standardize`),
    sparse: boolean(o.sparse, `${path}.sparse`),
    autoencoder: boolean(o.autoencoder, `${path}.autoencoder`),
    missing_values_handling: oneOf(o.missing_values_handling, `${path}.missing_values_handling`, ['MeanImputation', 'Skip'] as const),
    weights_column: nullable(string)(o.weights_column, `${path}.weights_column`),
    offset_column: nullable(string)(o.offset_column, `${path}.offset_column`),
    distribution: string(o.distribution, `${path}.distribution`),
    seed,
  };
}

function feature(v: unknown, path: string): Feature {
  const o = object(v, path);
  const kind = oneOf(o.kind, `${path}.kind`, ['categorical', 'numeric'] as const);
  const column = string(o.column, `${path}.column`), name = string(o.name, `${path}.name`);
  if (kind === 'categorical') {
    const domain = strings(o.domain, `${path}.domain`);
    const source_domain = optional(strings)(o.source_domain, `${path}.source_domain`);
    const other = optional(integer)(o.other, `${path}.other`);
    if (other !== undefined && (other < -1 || other >= domain.length)) throw new ShapeError(`${path}.other must be -1 or a level index, got ${other}`);
    const flags: Record<string, boolean> = {};
    for (const k of CATEGORICAL_FLAGS) if (o[k] !== undefined) flags[k] = boolean(o[k], `${path}.${k}`);
    return { kind, column, name, domain, ...(source_domain ? { source_domain } : {}), ...(other !== undefined ? { other } : {}), ...flags } as Feature;
  }
  const encoding = oneOf(o.encoding, `${path}.encoding`, ['none', 'binary', 'label_encoder', 'eigen'] as const);
  if (encoding === 'none') return { kind, column, name, encoding };
  const domain = strings(o.domain, `${path}.domain`);
  if (encoding === 'binary') {
    const bit = count(o.bit, `${path}.bit`);
    if (bit > 52) throw new ShapeError(`${path}.bit must be at most 52, got ${bit}`);
    return { kind, column, name, encoding, domain, bit };
  }
  if (encoding === 'eigen') {
    const values = numbers(o.values, `${path}.values`);
    if (values.length !== domain.length) throw new ShapeError(`${path}.values has ${values.length} entries for ${domain.length} levels`);
    return { kind, column, name, encoding, domain, values };
  }
  return { kind, column, name, encoding, domain };
}

/** A numeric feature without an encoding, the bulk of a wide DataInfo (784 of MNIST's), checked
 *  without the paths that feature() names in its errors; null for anything else. */
function plainNumeric(v: unknown): Feature | null {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return null;
  const { kind, column, name, encoding } = v as Record<string, unknown>;
  return kind === 'numeric' && encoding === 'none' && typeof column === 'string' && typeof name === 'string'
    ? { kind, column, name, encoding } : null;
}

function response(v: unknown, path: string): DataInfoJSON['response'] {
  const o = object(v, path);
  const kind = oneOf(o.kind, `${path}.kind`, ['categorical', 'numeric'] as const);
  const domain = kind === 'categorical' ? strings(o.domain, `${path}.domain`) : (equal(o.domain, null, `${path}.domain`), null);
  if (domain !== null && domain.length < 2) throw new ShapeError(`${path}.domain must have at least 2 levels, got ${domain.length}`);
  return {
    column: string(o.column, `${path}.column`), kind, domain,
    standardized: boolean(o.standardized, `${path}.standardized`),
    norm_resp_sub: number(o.norm_resp_sub, `${path}.norm_resp_sub`),
    norm_resp_mul: number(o.norm_resp_mul, `${path}.norm_resp_mul`),
  };
}

export function decodeDataInfo(v: unknown, path = 'data_info'): DataInfoJSON {
  const o = object(v, path);
  equal(o.format, 'aquifer.data_info', `${path}.format`);
  equal(o.version, 1, `${path}.version`);
  // A feature's path is built only for one that is not a plain numeric one.
  const features = Array.isArray(o.features)
    ? o.features.map((f: unknown, i) => plainNumeric(f) ?? feature(f, `${path}.features[${i}]`))
    : list(o.features, `${path}.features`, feature);
  const nNum = features.filter((f) => f.kind === 'numeric').length;
  const perNumeric = (k: 'num_means' | 'norm_sub' | 'norm_mul') => {
    const a = numbers(o[k], `${path}.${k}`);
    if (a.length !== nNum) throw new ShapeError(`${path}.${k} has ${a.length} entries for ${nNum} numeric features`);
    return a;
  };
  return {
    format: 'aquifer.data_info', version: 1,
    params: params(o.params, `${path}.params`),
    transform: oneOf(o.transform, `${path}.transform`, TRANSFORMS),
    features,
    num_means: perNumeric('num_means'), norm_sub: perNumeric('norm_sub'), norm_mul: perNumeric('norm_mul'),
    response: nullable(response)(o.response, `${path}.response`),
    dropped: list(o.dropped, `${path}.dropped`, (d, p) => {
      const x = object(d, p);
      return { column: string(x.column, `${p}.column`), reason: oneOf(x.reason, `${p}.reason`, ['constant', 'all_na', 'string'] as const) };
    }),
    warnings: strings(o.warnings, `${path}.warnings`),
  };
}
