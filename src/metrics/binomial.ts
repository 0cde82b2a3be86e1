// Binomial model metrics (h2o-lifecycle.md §3.2, §3.5; H2O ModelMetricsBinomial, AUC2).
// A row is used when its label is present (0/1), p1 is not NaN and its weight is > 0; everything
// is weighted (a weight of 2 counts like a duplicated row). Differences from H2O, on purpose:
// - AUC, AUCPR and the threshold criteria come from the exact ROC curve (every distinct p1), not
//   from H2O's 400-bin histogram; they agree with H2O whenever there are ≤ 400 distinct scores.
// - When no threshold maximises F1 (no positive rows), H2O has no confusion matrix; aquifer gives the
//   one at the default threshold 0.5, so classification_error is always defined for non-empty data.

import { AquiferError } from '../util/errors';
import { rocAuc, prAuc } from './auc';
import { confusionMatrix, meanPerClassError, type ConfusionMatrix } from './confusion-matrix';
import { liftTopGroup } from './gains-lift';
import { checkLength, checkWeights, weightAt, type Numbers } from './inputs';
import { msg } from './messages';
import { rSquared, weightedSigma } from './r-squared';
import { indexAtThreshold, rocCurve } from './roc-curve';
import { thresholdTables, type MaxCriterionRow, type ThresholdRow } from './threshold-criteria';

export interface BinomialMetricsInput {
  /** Actual class per row: 0 or 1; a negative code (enum NA = −1) or NaN is a missing response. */
  y: Numbers;
  /** Predicted probability of class 1 per row. */
  p1: Numbers;
  weights?: Numbers;
  /** The two class labels; defaults to ['0', '1']. */
  domain?: readonly string[];
  /** −1 (default): top group = top 1 %; 0: no lift (NaN); g > 0: g equal-weight groups. */
  gainslift_bins?: number;
}

export interface BinomialMetrics {
  /** Rows used. */
  nobs: number;
  /** Σw·(1 − p_actual)²/W: the error of the probability given to the actual class. */
  mse: number;
  rmse: number;
  r2: number;
  /** Σw·−ln(max(1e−15, p_actual))/W. */
  logloss: number;
  auc: number;
  pr_auc: number;
  gini: number;
  lift_top_group: number;
  /** The max-F1 threshold: the model's labelling threshold (0.5 when there is none). */
  threshold: number;
  /** (fp + fn)/(P + N) of the confusion matrix at `threshold`. */
  classification_error: number;
  mean_per_class_error: number;
  cm: ConfusionMatrix;
  thresholds_and_metric_scores: ThresholdRow[];
  max_criteria_and_metric_scores: MaxCriterionRow[];
  domain: string[];
}

export function binomialMetrics(input: BinomialMetricsInput): BinomialMetrics {
  const { y, p1, weights } = input;
  const rows = y.length;
  checkLength('p1', p1, rows, 'y');
  checkWeights(weights, rows);
  const domain = input.domain === undefined ? ['0', '1'] : [...input.domain];
  if (domain.length !== 2) {
    throw new AquiferError('BAD_PARAMETER', msg.lengthMismatch('domain', domain.length, 2, 'a binomial response'),
      { subject: 'domain' });
  }

  // Gather the usable rows into compact arrays for the curve.
  const scores = new Float64Array(rows), labels = new Uint8Array(rows);
  const ws = weights === undefined ? null : new Float64Array(rows);
  let N = 0, W = 0, sqe = 0, ll = 0, wy = 0;
  for (let i = 0; i < rows; i++) {
    const a = y[i];
    if (a !== a || a < 0) continue;
    if (a !== 0 && a !== 1) throw new AquiferError('BAD_FRAME', msg.badBinaryLabel(i, a), { subject: 'y' });
    const p = p1[i], w = weightAt(weights, i);
    if (p !== p || !(w > 0)) continue;
    const pa = a === 1 ? p : 1 - p;
    sqe += w * (1 - pa) * (1 - pa);
    ll += w * -Math.log(Math.max(1e-15, pa));
    wy += w * a;
    W += w;
    scores[N] = p; labels[N] = a;
    if (ws !== null) ws[N] = w;
    N++;
  }

  const curve = rocCurve(scores.subarray(0, N), labels.subarray(0, N), ws === null ? null : ws.subarray(0, N));
  const tables = thresholdTables(curve);
  const atMaxF1 = tables.maxF1Index;
  const threshold = atMaxF1 < 0 ? 0.5 : curve.ths[atMaxF1];
  const at = atMaxF1 < 0 ? indexAtThreshold(curve, threshold) : atMaxF1;
  const tp = at < 0 ? 0 : curve.tps[at], fp = at < 0 ? 0 : curve.fps[at];
  const fn = curve.p - tp, tn = curve.n - fp;
  const matrix = [[tn, fp], [fn, tp]];

  const mse = sqe / W;
  const auc = rocAuc(curve);
  return {
    nobs: N,
    mse,
    rmse: Math.sqrt(mse),
    // For classifiers σ is over the class index; Σw·y² = Σw·y for 0/1 labels.
    r2: rSquared(mse, weightedSigma(N, W, wy, wy)),
    logloss: ll / W,
    auc,
    pr_auc: prAuc(curve),
    gini: 2 * auc - 1,
    lift_top_group: liftTopGroup(curve, input.gainslift_bins ?? -1),
    threshold,
    classification_error: (fp + fn) / (curve.p + curve.n),
    mean_per_class_error: N === 0 ? NaN : meanPerClassError(matrix),
    cm: confusionMatrix(matrix, domain),
    thresholds_and_metric_scores: tables.thresholds_and_metric_scores,
    max_criteria_and_metric_scores: tables.max_criteria_and_metric_scores,
    domain,
  };
}
