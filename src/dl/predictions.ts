// From network outputs to H2O's prediction columns (h2o-lifecycle.md §4), shared by
// model.predict and the standalone scorer so that both label, name and un-standardize alike.

import type { DataInfo } from '../data/data-info';
import { linkInverse, type RegressionDistribution } from './distribution';
import type { ScoringEvent } from './trainer';

const INT32 = /^[+-]?\d+$/;

/** H2O's Model.makeScoringNames: `predict`, then one column per class named by its level; a
 *  level that Java's Integer.valueOf accepts gets a `p` prefix (0 → p0), so names stay usable. */
export function predictionNames(domain: readonly string[] | null): string[] {
  if (!domain) return ['predict'];
  return ['predict', ...domain.map((level) => {
    if (!INT32.test(level)) return level;
    const v = Number(level);
    return v >= -(2 ** 31) && v < 2 ** 31 ? `p${level}` : level;
  })];
}

/** H2O's default_threshold: the max-F1 threshold of the last scoring event's validation metrics,
 *  else of its training metrics; 0.5 without one. */
export function defaultThreshold(history: readonly ScoringEvent[]): number {
  const ev = history[history.length - 1];
  return ((ev?.validation ?? ev?.training) as { threshold?: number } | undefined)?.threshold ?? 0.5;
}

/** Class index per row from n rows × K probabilities: binomial p1 ≥ threshold; multinomial the
 *  argmax, the lowest index on ties (H2O breaks exact ties at random). */
export function predictLabels(probs: ArrayLike<number>, n: number, K: number, threshold: number, codes: Int32Array, at = 0): void {
  for (let i = 0; i < n; i++) {
    const o = i * K;
    if (K === 2) { codes[at + i] = probs[o + 1]! >= threshold ? 1 : 0; continue; }
    let best = 0;
    for (let k = 1; k < K; k++) if (probs[o + k]! > probs[o + best]!) best = k;
    codes[at + i] = best;
  }
}

/** A regression output (f in link space, training units) in the response's units. */
export function regressionValue(f: number, info: DataInfo, distribution: RegressionDistribution): number {
  return linkInverse(distribution, info.unstandardizeResponse(f));
}

/** Regression predictions in the response's units: un-standardize, then the inverse link. */
export function regressionPredictions(f: ArrayLike<number>, info: DataInfo, distribution: RegressionDistribution): Float64Array {
  return Float64Array.from(f, (v) => regressionValue(v, info, distribution));
}

/** balance_classes: the class shares before and after resampling (class-balance.ts). */
export interface ClassDistribution {
  /** Class shares of the original training rows (weighted by the weights column). */
  prior: number[];
  /** Class shares of the resampled rows the model trained on. */
  model: number[];
}

/** prior_k/model_k per class, 1 where either is 0 (H2O's GenModel.correctProbabilities). */
export function classRatio(d: ClassDistribution): number[] {
  return d.prior.map((p, k) => (p > 0 && d.model[k]! > 0 ? p / d.model[k]! : 1));
}

/** balance_classes: n rows × K probabilities corrected back to the original class priors in place,
 *  p_k ← p_k·ratio_k (ratio_k = prior_k/model_k, class-balance.ts) then renormalized to sum 1. */
export function correctProbabilities(probs: Float32Array | Float64Array, n: number, K: number, ratio: readonly number[], at = 0): void {
  for (let i = 0; i < n; i++) {
    const o = at + i * K;
    let sum = 0;
    for (let k = 0; k < K; k++) sum += (probs[o + k] = probs[o + k]! * ratio[k]!);
    if (sum > 0) for (let k = 0; k < K; k++) probs[o + k] = probs[o + k]! / sum;
  }
}
