// Variable importances by Gedeon's method (h2o-lifecycle.md §5; H2O's
// DeepLearningModelInfo.computeVariableImportances): how much of each input unit's absolute weight
// reaches the next layer through the first hidden layer, one row per expanded input unit.

import { AquiferError } from '../util/errors';
import type { DataInfo } from '../data/data-info';
import type { ParamLayout } from './network';

/** A row of H2O's "Variable Importances" table. */
export interface VarimpRow {
  variable: string;
  /** vi, already divided by the largest vi (so the top row is 1). */
  relative_importance: number;
  /** vi / max vi. */
  scaled_importance: number;
  /** vi / Σ vi. */
  percentage: number;
}

const f32 = Math.fround;

/**
 * Importance per input unit, max-normalized. With no hidden layer, vi[i] = Σ_k |W0[k][i]| over the
 * outputs. Otherwise, with W1 from hidden layer 1 to the next layer (hidden layer 2 or the output):
 *   Q[i][k] = Σ_j (|W0[j][i]| / Σ_i' |W0[j][i']|) · (|W1[k][j]| / Σ_j' |W1[k][j']|),
 * each column Q[·][k] normalized to sum 1, vi[i] = Σ_k Q[i][k]. Every intermediate sum is a float32,
 * in H2O's order of operations. A Maxout unit's two channels (rows 2j, 2j+1) both count as its
 * incoming weights: |W0[j][i]| is |W[2j][i]| + |W[2j+1][i]| (see docs/h2o-differences.md).
 * A network whose weights are all zero has no importances: all NaN, as H2O's 0/0.
 */
export function gedeonImportances(layout: ParamLayout, theta: Float32Array): Float32Array {
  const [first, second] = layout.layers;
  const n0 = first!.cols, n1 = first!.rows / first!.k;
  const vi = new Float32Array(n0);
  // |W0[j][i]|, unit j summed over its channels.
  const a0 = new Float32Array(n1 * n0);
  for (let r = 0; r < first!.rows; r++) {
    const j = Math.floor(r / first!.k);
    for (let i = 0; i < n0; i++) a0[j * n0 + i] = f32(a0[j * n0 + i]! + Math.abs(theta[first!.W + r * n0 + i]!));
  }
  if (second === undefined) {
    for (let j = 0; j < n1; j++) for (let i = 0; i < n0; i++) vi[i] = f32(vi[i]! + a0[j * n0 + i]!);
    return divideByMax(vi);
  }
  const n2 = second.rows / second.k;
  const a1 = new Float32Array(n2 * n1);
  for (let r = 0; r < second.rows; r++) {
    const k = Math.floor(r / second.k);
    for (let j = 0; j < n1; j++) a1[k * n1 + j] = f32(a1[k * n1 + j]! + Math.abs(theta[second.W + r * n1 + j]!));
  }
  const sumW0 = new Float32Array(n1), sumW1 = new Float32Array(n2);
  for (let j = 0; j < n1; j++) for (let i = 0; i < n0; i++) sumW0[j] = f32(sumW0[j]! + a0[j * n0 + i]!);
  for (let k = 0; k < n2; k++) for (let j = 0; j < n1; j++) sumW1[k] = f32(sumW1[k]! + a1[k * n1 + j]!);
  const Q = new Float32Array(n0 * n2);
  for (let i = 0; i < n0; i++) {
    for (let k = 0; k < n2; k++) {
      let q = 0;
      // H2O: Qik += |wij| / sum_wj[j] * |wjk| / sum_wk[k], left to right in float.
      for (let j = 0; j < n1; j++) q = f32(q + f32(f32(f32(a0[j * n0 + i]! / sumW0[j]!) * a1[k * n1 + j]!) / sumW1[k]!));
      Q[i * n2 + k] = q;
    }
  }
  for (let k = 0; k < n2; k++) {
    let s = 0;
    for (let i = 0; i < n0; i++) s = f32(s + Q[i * n2 + k]!);
    for (let i = 0; i < n0; i++) Q[i * n2 + k] = f32(Q[i * n2 + k]! / s);
  }
  for (let i = 0; i < n0; i++) {
    let s = 0;
    for (let k = 0; k < n2; k++) s = f32(s + Q[i * n2 + k]!);
    vi[i] = s;
  }
  return divideByMax(vi);
}

function divideByMax(vi: Float32Array): Float32Array {
  let max = -Infinity;
  for (const v of vi) if (v > max) max = v;
  for (let i = 0; i < vi.length; i++) vi[i] = f32(vi[i]! / max);
  return vi;
}

/** H2O zeroes the importance of a categorical's NA bucket when training never lit it. With hashing
 *  the buckets share hashed units with real levels, so nothing is zeroed. */
export function zeroUnseenMissing(vi: Float32Array, info: DataInfo): void {
  if (info.hashing) return;
  info.categoricals.forEach((f, i) => {
    if (f.na_seen === false) vi[info.catOffsets[i + 1]! - 1] = 0;
  });
}

/** H2O's "Variable Importances" table: one row per input unit (one-hot levels and NA buckets are
 *  not aggregated), sorted by decreasing importance, ties in input order (Java's stable sort). */
export function varimpTable(info: DataInfo, layout: ParamLayout, theta: Float32Array): VarimpRow[] {
  const vi = gedeonImportances(layout, theta);
  zeroUnseenMissing(vi, info);
  const names = info.inputNames;
  if (names.length !== vi.length) {
    throw new AquiferError('INTERNAL', `the network has ${vi.length} input units but the preprocessing names ${names.length}`);
  }
  let max = -Infinity, sum = 0;
  for (const v of vi) { sum += v; if (v > max) max = v; }
  const rows = Array.from(vi, (v, i) => ({ variable: names[i]!, relative_importance: v, scaled_importance: v / max, percentage: v / sum }));
  return rows.sort((a, b) => b.relative_importance - a.relative_importance);
}
