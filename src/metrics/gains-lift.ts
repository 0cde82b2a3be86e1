// lift_top_group of a binomial model (h2o-lifecycle.md §3.2, H2O GainsLift): the response rate among
// the rows in the top group of predictions, divided by the overall response rate. The group
// boundaries are weighted quantiles of p1; a row is in the top group when p1 ≥ the highest boundary.
// Only the top group is computed here (it is what the scoring history and stopping use).

import { AquiferError } from '../util/errors';
import { msg } from './messages';
import { quantileOfSorted } from './quantile';
import { indexAtThreshold, type RocCurve } from './roc-curve';

/**
 * The quantile level of the top group's lower boundary: with the default gainslift_bins = −1 the
 * boundaries are the quantiles 0.99, 0.98, …, 0 (the top group is the top 1 %); with g > 0 groups they
 * are (g−1)/g, …, 0. Returns NaN for gainslift_bins = 0 (the table is off).
 */
export function topGroupLevel(gainslift_bins: number): number {
  if (!Number.isInteger(gainslift_bins) || gainslift_bins < -1) {
    throw new AquiferError('BAD_PARAMETER', msg.badGainsLiftBins(gainslift_bins), { subject: 'gainslift_bins' });
  }
  if (gainslift_bins === 0) return NaN;
  return gainslift_bins === -1 ? 0.99 : (gainslift_bins - 1) / gainslift_bins;
}

export function liftTopGroup(c: RocCurve, gainslift_bins = -1): number {
  const level = topGroupLevel(gainslift_bins);
  const m = c.ths.length;
  if (Number.isNaN(level) || m === 0) return NaN;
  // The curve already holds the distinct scores with their weights: reverse it to ascending order.
  const values = new Float64Array(m), weights = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const prevT = i === 0 ? 0 : c.tps[i - 1], prevF = i === 0 ? 0 : c.fps[i - 1];
    values[m - 1 - i] = c.ths[i];
    weights[m - 1 - i] = c.tps[i] - prevT + (c.fps[i] - prevF);
  }
  const boundary = quantileOfSorted(values, weights, level);
  const i = indexAtThreshold(c, boundary);
  const groupW = i < 0 ? 0 : c.tps[i] + c.fps[i];
  const groupRate = groupW === 0 ? 0 : c.tps[i] / groupW;
  return groupRate / (c.p / (c.p + c.n));
}
