// Metrics of a scored frame: the network's outputs (probabilities, or f in link space) against the
// packed responses, weighted by the packed weights, in the response's own units.

import { scoreSetTargets, type ScoreSet } from './score-set';
import type { DataInfo } from '../data/data-info';
import {
  binomialMetrics, multinomialMetrics, regressionMetrics, type BinomialMetrics, type MultinomialAucType, type MultinomialMetrics,
  type RegressionMetrics,
} from '../metrics';
import type { RegressionDistribution } from './distribution';
import { regressionPredictions } from './predictions';

export { regressionPredictions };

export type ModelMetrics =
  | ({ kind: 'binomial' } & BinomialMetrics)
  | ({ kind: 'multinomial' } & MultinomialMetrics)
  | ({ kind: 'regression' } & RegressionMetrics);

export interface EvaluateOptions {
  distribution: RegressionDistribution;
  tweedie_power: number;
  quantile_alpha: number;
  huber_alpha: number;
  max_hit_ratio_k: number;
  /** Binomial lift_top_group: −1 top 1 %, 0 none (NaN), g > 0 the top of g groups. */
  gainslift_bins: number;
  /** Which multinomial AUC/AUCPR to report; AUTO and NONE give NaN. */
  auc_type: MultinomialAucType;
}

export function evaluate(out: Float32Array, set: ScoreSet, info: DataInfo, o: EvaluateOptions): ModelMetrics {
  const { y, w } = scoreSetTargets(set);
  const n = y.length;
  const K = info.nclasses;
  const domain = info.responseDomain ?? undefined;
  if (domain && K === 2) {
    const p1 = new Float64Array(n);
    for (let i = 0; i < n; i++) p1[i] = out[2 * i + 1]!;
    return { kind: 'binomial', ...binomialMetrics({ y, p1, weights: w, domain, gainslift_bins: o.gainslift_bins }) };
  }
  if (domain) {
    const probs = Float64Array.from(out);
    return { kind: 'multinomial', ...multinomialMetrics({ y, probs, K, weights: w, domain, max_hit_ratio_k: o.max_hit_ratio_k, auc_type: o.auc_type }) };
  }
  const pred = regressionPredictions(out, info, o.distribution);
  const actual = Float64Array.from(y, (v) => info.unstandardizeResponse(v));
  return { kind: 'regression', ...regressionMetrics({ y: actual, pred, weights: w, distribution: o.distribution, tweedie_power: o.tweedie_power, quantile_alpha: o.quantile_alpha, huber_alpha: o.huber_alpha }) };
}
