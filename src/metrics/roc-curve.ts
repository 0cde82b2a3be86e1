// The exact ROC curve of binomial scores: one point per distinct score (h2o-lifecycle.md §3.2).
// H2O builds the same arrays from a 400-bin histogram (AUC2); aquifer keeps every distinct score,
// so the AUC is exact at any size, and equals H2O's whenever there are ≤ 400 distinct scores.
// Point i stands for the threshold ths[i]: a row is predicted positive when p1 ≥ ths[i].

import { ascendingOrder } from './distinct';

export interface RocCurve {
  /** Distinct scores, descending (H2O orders its bins "from 1 down to 0"). */
  ths: Float64Array;
  /** Weighted true positives at each threshold: Σ w over positives with p1 ≥ ths[i] (cumulative). */
  tps: Float64Array;
  /** Weighted false positives at each threshold: Σ w over negatives with p1 ≥ ths[i] (cumulative). */
  fps: Float64Array;
  /** Total positive weight (P) and negative weight (N). */
  p: number;
  n: number;
}

/** scores, labels (0/1) and weights hold only the usable rows. */
export function rocCurve(scores: Float64Array, labels: Uint8Array, weights: Float64Array | null): RocCurve {
  const order = ascendingOrder(scores);
  const n = scores.length;
  const ths = new Float64Array(n), tps = new Float64Array(n), fps = new Float64Array(n);
  // Walk the rows from the highest score down; a new distinct score starts a new curve point that
  // begins with the running totals.
  let m = 0, p = 0, neg = 0;
  for (let k = n - 1; k >= 0; k--) {
    const i = order[k], s = scores[i], w = weights === null ? 1 : weights[i];
    if (m === 0 || s !== ths[m - 1]) { ths[m] = s === 0 ? 0 : s; m++; }
    if (labels[i] === 1) p += w; else neg += w;
    tps[m - 1] = p;
    fps[m - 1] = neg;
  }
  return { ths: ths.slice(0, m), tps: tps.slice(0, m), fps: fps.slice(0, m), p, n: neg };
}

/**
 * The curve index of the lowest threshold ≥ t (the point that labels rows with p1 ≥ t positive),
 * or −1 when every score is below t.
 */
export function indexAtThreshold(curve: RocCurve, t: number): number {
  let lo = 0, hi = curve.ths.length; // first index with ths < t
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (curve.ths[mid] >= t) lo = mid + 1; else hi = mid;
  }
  return lo - 1;
}
