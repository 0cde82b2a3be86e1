// Areas under the ROC and precision-recall curves, from the exact curve (h2o-lifecycle.md §3.2,
// H2O AUC2.compute_auc and AUC2.pr_auc). Tied scores form one curve point, so a tie between a
// positive and a negative contributes a diagonal segment: the trapezoid rule counts it as half.

import type { RocCurve } from './roc-curve';

/** Trapezoids from (0,0) through every (fps, tps) point, scaled by P·N. 1 if N = 0, 0 if P = 0. */
export function rocAuc(c: RocCurve): number {
  const m = c.ths.length;
  if (m === 0) return NaN;
  if (c.n === 0) return 1;
  if (c.p === 0) return 0;
  let area = 0, tp0 = 0, fp0 = 0;
  for (let i = 0; i < m; i++) {
    area += ((c.fps[i] - fp0) * (c.tps[i] + tp0)) / 2;
    tp0 = c.tps[i];
    fp0 = c.fps[i];
  }
  return area / c.p / c.n;
}

/**
 * H2O's AUCPR: the XGBoost interpolation between consecutive curve points. Between two points the
 * false positives grow linearly with the true positives (fp = prevfp + h·(tp − prevtp)), so precision
 * is tp/(tp + fp) along the segment and its integral over recall has the closed form below (not the
 * trapezoid rule, and not the step-wise "average precision"). 1 if N = 0, 0 if P = 0.
 */
export function prAuc(c: RocCurve): number {
  const m = c.ths.length;
  if (m === 0) return NaN;
  if (c.n === 0) return 1;
  if (c.p === 0) return 0;
  const P = c.p;
  let area = 0, prevtp = 0, prevfp = 0;
  for (let j = 0; j < m; j++) {
    const tp = c.tps[j], fp = c.fps[j];
    let a = 1, b = 0;
    if (tp !== prevtp) {
      const h = (fp - prevfp) / (tp - prevtp);
      a = 1 + h;
      b = (prevfp - h * prevtp) / P;
    }
    const tpp = tp / P, prevtpp = prevtp / P;
    area += b !== 0
      ? (tpp - prevtpp - (b / a) * (Math.log(a * tpp + b) - Math.log(a * prevtpp + b))) / a
      : (tpp - prevtpp) / a;
    prevtp = tp;
    prevfp = fp;
  }
  return area;
}
