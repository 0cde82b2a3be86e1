// Which columns a model uses (h2o-training.md §1.1, lifecycle §0.8 and §11.6): the predictors are
// x (or every column) minus the response, weights, offset and ignored_columns, in frame order; string
// columns are always dropped, and with ignore_const_cols all-NA and constant columns too (NAs do not
// make a column non-constant). The response, weights and offset columns are checked here, once.

import { AquiferError } from '../util/errors';
import type { Column } from '../frame/column';
import { type FrameLike, hasColumn, isNumericType } from './frame-access';
import { msg } from './messages';
import type { ResolvedParams } from './params';

export type DropReason = 'constant' | 'all_na' | 'string';
export interface DroppedColumn { column: string; reason: DropReason }

export interface ColumnSelection {
  /** Predictor columns in frame order. */
  predictors: string[];
  dropped: DroppedColumn[];
  /** The response column, its kind, and (categorical) its domain. */
  response: { column: string; kind: 'categorical' | 'numeric'; domain: string[] | null } | null;
  warnings: string[];
}

function requireColumn(frame: FrameLike, param: string, name: string): void {
  if (!hasColumn(frame, name)) {
    throw new AquiferError('BAD_COLUMN', msg.unknownColumn(param, name, frame.names), { subject: name });
  }
}

/** Whether `c` has no non-NA value, and whether its non-NA values are all equal (true when none). */
function constancy(c: Column): { allNA: boolean; constant: boolean } {
  const codes = c.codes;
  const values: ArrayLike<number> = codes ?? c.numbers();
  const isNA = codes !== undefined ? (v: number) => v < 0 : (v: number) => v !== v;
  let first = NaN, seen = false;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (isNA(v)) continue;
    if (!seen) { first = v; seen = true; } else if (v !== first) return { allNA: false, constant: false };
  }
  return { allNA: !seen, constant: true };
}

const isConstant = (c: Column) => constancy(c).constant;

function checkResponse(frame: FrameLike, y: string): ColumnSelection['response'] {
  const c = frame.col(y);
  if (c.type === 'string') throw new AquiferError('BAD_COLUMN', msg.responseType(y, c.type), { subject: y });
  if (isConstant(c)) throw new AquiferError('BAD_COLUMN', msg.responseConstant(y), { subject: y });
  if (c.type === 'enum') {
    const domain = c.domain!;
    if (domain.length > 1 << 20) throw new AquiferError('BAD_COLUMN', msg.responseTooManyLevels(y, domain.length), { subject: y });
    return { column: y, kind: 'categorical', domain: [...domain] };
  }
  return { column: y, kind: 'numeric', domain: null };
}

function checkWeights(frame: FrameLike, w: string): void {
  const c = frame.col(w);
  if (c.type !== 'int' && c.type !== 'real') throw new AquiferError('BAD_COLUMN', msg.weightsType(w, c.type), { subject: w });
  let max = -Infinity;
  for (let i = 0; i < c.length; i++) {
    const v = c.at(i);
    if (v !== v) throw new AquiferError('BAD_COLUMN', msg.weightsNA(w), { subject: w });
    if (v < 0) throw new AquiferError('BAD_COLUMN', msg.weightsNegative(w), { subject: w });
    if (v > max) max = v;
  }
  if (!(max > 0)) throw new AquiferError('BAD_COLUMN', msg.weightsAllZero(w), { subject: w });
}

function checkOffset(frame: FrameLike, o: string): void {
  const c = frame.col(o);
  if (!isNumericType(c.type)) throw new AquiferError('BAD_COLUMN', msg.offsetType(o, c.type), { subject: o });
  for (let i = 0; i < c.length; i++) if (c.isNA(i)) throw new AquiferError('BAD_COLUMN', msg.offsetNA(o), { subject: o });
}

/** Only 0s and 1s (and NAs): H2O suggests a factor for such a regression response. */
function isZeroOne(c: Column): boolean {
  for (let i = 0; i < c.length; i++) { const v = c.at(i); if (v === v && v !== 0 && v !== 1) return false; }
  return true;
}

export function selectColumns(frame: FrameLike, p: ResolvedParams): ColumnSelection {
  const { y, weights_column: w, offset_column: o } = p;
  const warnings: string[] = [];
  if (y !== null) requireColumn(frame, 'y', y);
  if (w !== null) requireColumn(frame, 'weights_column', w);
  if (o !== null) requireColumn(frame, 'offset_column', o);
  for (const c of p.x ?? []) requireColumn(frame, 'x', c);
  for (const c of p.ignored_columns) requireColumn(frame, 'ignored_columns', c);

  if (p.autoencoder && y !== null) throw new AquiferError('BAD_PARAMETER', msg.responseWithAutoencoder(y), { subject: 'y' });
  if (!p.autoencoder && y === null) throw new AquiferError('BAD_PARAMETER', msg.responseMissing(), { subject: 'y' });
  if (y !== null && y === w) throw new AquiferError('BAD_PARAMETER', msg.sameColumn('y', 'weights_column', y), { subject: 'weights_column' });
  if (y !== null && y === o) throw new AquiferError('BAD_PARAMETER', msg.sameColumn('y', 'offset_column', y), { subject: 'offset_column' });
  if (w !== null && w === o) throw new AquiferError('BAD_PARAMETER', msg.sameColumn('weights_column', 'offset_column', w), { subject: 'offset_column' });

  const response = y === null ? null : checkResponse(frame, y);
  if (w !== null) checkWeights(frame, w);
  if (o !== null) {
    if (p.autoencoder) throw new AquiferError('BAD_PARAMETER', msg.offsetAutoencoder(), { subject: 'offset_column' });
    if (response?.kind === 'categorical') throw new AquiferError('BAD_PARAMETER', msg.offsetClassification(), { subject: 'offset_column' });
    checkOffset(frame, o);
  }
  if (response?.kind === 'numeric' && isZeroOne(frame.col(response.column))) warnings.push(msg.binaryResponseRegression(response.column));

  const wanted = p.x === null ? null : new Set(p.x);
  const special = new Set([y, w, o, ...p.ignored_columns].filter((c): c is string => c !== null));
  const predictors: string[] = [], dropped: DroppedColumn[] = [];
  for (const name of frame.names) {
    if (special.has(name) || (wanted !== null && !wanted.has(name))) continue;
    const c = frame.col(name);
    if (c.type === 'string') { dropped.push({ column: name, reason: 'string' }); continue; }
    const k = p.ignore_const_cols ? constancy(c) : { allNA: false, constant: false };
    if (k.allNA) dropped.push({ column: name, reason: 'all_na' });
    else if (k.constant) dropped.push({ column: name, reason: 'constant' });
    else predictors.push(name);
  }
  if (dropped.length > 0) warnings.push(msg.droppedColumns(dropped.map((d) => d.column)));
  if (predictors.length === 0) throw new AquiferError('BAD_FRAME', msg.noColumns());
  return { predictors, dropped, response, warnings };
}
