// Weighted quantile with linear interpolation, as H2O's Quantile model computes it for
// huber_delta (h2o-lifecycle.md §1.3, §3.1) and the gains/lift groups (§3.2).
// H2O takes the fractional row number p = α·(W − 1) in the sorted data and interpolates between
// the values at rows ⌊p⌋ and ⌊p⌋ + 1. With weights, a row of weight w occupies w consecutive
// positions, so an integer weight is exactly a duplicated row; a fractional weight occupies a
// fractional span [cum_before, cum_after). (The spec does not pin the fractional case down; this is
// the natural extension of "weight = replication count".)

import { distinctAscending } from './distinct';

/**
 * The α-quantile of ascending distinct `values` that carry total weights `weights` (> 0 each is not
 * required; zero-weight values occupy no position). NaN when the total weight is 0.
 */
export function quantileOfSorted(values: Float64Array, weights: Float64Array, alpha: number): number {
  const m = values.length;
  let total = 0;
  for (let i = 0; i < m; i++) total += weights[i];
  if (!(total > 0)) return NaN;
  const p = Math.max(0, alpha * (total - 1));
  const r = Math.floor(p);
  // Value at integer position r: the first value whose cumulative weight exceeds r.
  let i = 0, cum = weights[0];
  while (cum <= r && i < m - 1) cum += weights[++i];
  const lo = values[i];
  if (p === r) return lo;
  while (cum <= r + 1 && i < m - 1) cum += weights[++i];
  const hi = values[i];
  return lo === hi ? lo : lo + (hi - lo) * (p - r);
}

/** The α-quantile of `values` (NaN-free) with optional per-row `weights` (≥ 0). */
export function weightedQuantile(values: Float64Array, weights: Float64Array | null, alpha: number): number {
  if (values.length === 0) return NaN;
  const d = distinctAscending(values);
  const w = new Float64Array(d.values.length);
  for (let k = 0; k < values.length; k++) w[d.index[k]] += weights === null ? 1 : weights[k];
  return quantileOfSorted(d.values, w, alpha);
}
