// Multinomial model metrics (h2o-lifecycle.md §3.3, §3.5; H2O ModelMetricsMultinomial).
// A row is used when its label is present, none of its K probabilities is NaN and its weight is > 0.
// `domain` is the actual response's levels: its first K are the model's classes; a level ≥ K (a class
// the model never saw) gets p_actual = 0, so err = 1 and the capped logloss.
// Difference from H2O, on purpose: H2O's multinomial confusion matrix, classification error and
// mean per-class error count 1 per row even with weights; aquifer weights them like every other
// metric, so a weight of 2 counts exactly like a duplicated row.

import { AquiferError } from '../util/errors';
import { confusionMatrix, type ConfusionMatrix } from './confusion-matrix';
import { DEFAULT_MAX_HIT_RATIO_K, HitCounter } from './hit-ratios';
import { checkWeights, weightAt, type Numbers } from './inputs';
import { msg } from './messages';
import { checkAucType, multiclassAuc, wantsMulticlassAuc, type MultinomialAucType } from './multiclass-auc';
import { rSquared, weightedSigma } from './r-squared';

/** H2O builds no confusion matrix for more classes than this (the errors are still computed). */
export const MAX_CM_CLASSES = 1000;

export interface MultinomialMetricsInput {
  /** Actual level index per row; a negative code (enum NA = −1) or NaN is a missing response. */
  y: Numbers;
  /** Predicted class probabilities, rows×K, row-major. */
  probs: Numbers;
  K: number;
  weights?: Numbers;
  /** Levels of the actual response (≥ K of them); defaults to '0'..'K−1'. */
  domain?: readonly string[];
  /** Hit ratios are reported for k = 1..min(max_hit_ratio_k, K); default 10, 0 = none. */
  max_hit_ratio_k?: number;
  /** Which multinomial AUC to report (multiclass-auc.ts); AUTO (default) and NONE give NaN. */
  auc_type?: MultinomialAucType;
}

export interface MultinomialMetrics {
  nobs: number;
  /** Σw·(1 − p_actual)²/W. */
  mse: number;
  rmse: number;
  r2: number;
  /** Σw·−ln(max(1e−15, p_actual))/W. */
  logloss: number;
  /** Weighted share of rows whose argmax class (lowest index on ties) is not the actual class. */
  classification_error: number;
  /** Mean over all levels of the per-level error; a level with no rows contributes 0. */
  mean_per_class_error: number;
  /** null when there are more than MAX_CM_CLASSES levels. */
  cm: ConfusionMatrix | null;
  /** hit_ratios[j] = top-(j+1) hit ratio, cumulative. */
  hit_ratios: number[];
  /** The AUC and AUCPR that auc_type asks for; NaN for AUTO, NONE or more than 50 classes. */
  auc: number;
  pr_auc: number;
  domain: string[];
}

function argmax(probs: Numbers, r: number, K: number): number {
  const base = r * K;
  let best = 0;
  for (let j = 1; j < K; j++) if (probs[base + j] > probs[base + best]) best = j;
  return best;
}

export function multinomialMetrics(input: MultinomialMetricsInput): MultinomialMetrics {
  const { y, probs, K, weights } = input;
  if (!Number.isInteger(K) || K < 2) throw new AquiferError('BAD_PARAMETER', msg.badK(K), { subject: 'K' });
  const rows = y.length;
  if (probs.length !== rows * K) {
    throw new AquiferError('BAD_FRAME', msg.probsShape(probs.length, rows, K), { subject: 'probs' });
  }
  checkWeights(weights, rows);
  const domain = input.domain === undefined ? Array.from({ length: K }, (_, i) => String(i)) : [...input.domain];
  if (domain.length < K) {
    throw new AquiferError('BAD_PARAMETER', msg.domainTooShort('domain', domain.length, K), { subject: 'domain' });
  }
  const kHit = input.max_hit_ratio_k ?? DEFAULT_MAX_HIT_RATIO_K;
  if (!Number.isInteger(kHit) || kHit < 0) {
    throw new AquiferError('BAD_PARAMETER', msg.badHitRatioK(kHit), { subject: 'max_hit_ratio_k' });
  }
  const aucType = checkAucType(input.auc_type ?? 'AUTO');
  const D = domain.length;

  // Per-level totals and correct counts give the errors without a D×D matrix; the matrix itself is
  // only built for ≤ MAX_CM_CLASSES levels.
  const rowTotal = new Float64Array(D), correct = new Float64Array(D);
  const matrix = D <= MAX_CM_CLASSES ? Array.from({ length: D }, () => new Array<number>(D).fill(0)) : null;
  const hits = new HitCounter(Math.min(kHit, K));
  // The used rows, kept only when an AUC is asked for.
  const keep = wantsMulticlassAuc(aucType, K);
  const usedRows = new Int32Array(keep ? rows : 0), usedLabels = new Int32Array(keep ? rows : 0);
  const usedW = keep && weights !== undefined ? new Float64Array(rows) : null;
  let N = 0, W = 0, sqe = 0, ll = 0, wy = 0, wyy = 0;
  rowLoop: for (let r = 0; r < rows; r++) {
    const a = y[r];
    if (a !== a || a < 0) continue;
    if (!Number.isInteger(a) || a >= D) throw new AquiferError('BAD_FRAME', msg.badClassLabel(r, a, D), { subject: 'y' });
    const w = weightAt(weights, r);
    if (!(w > 0)) continue;
    for (let j = r * K; j < r * K + K; j++) if (probs[j] !== probs[j]) continue rowLoop;
    const pa = a < K ? probs[r * K + a] : 0;
    sqe += w * (1 - pa) * (1 - pa);
    ll += w * -Math.log(Math.max(1e-15, pa));
    const pred = argmax(probs, r, K);
    rowTotal[a] += w;
    if (pred === a) correct[a] += w;
    if (matrix !== null) matrix[a][pred] += w;
    hits.add(probs, r, K, a, w);
    wy += w * a;
    wyy += w * a * a;
    W += w;
    if (keep) {
      usedRows[N] = r; usedLabels[N] = a;
      if (usedW !== null) usedW[N] = w;
    }
    N++;
  }

  let wrong = 0, perClass = 0;
  for (let c = 0; c < D; c++) {
    wrong += rowTotal[c] - correct[c];
    perClass += rowTotal[c] === 0 ? 0 : (rowTotal[c] - correct[c]) / rowTotal[c];
  }
  const mse = sqe / W;
  const used = { rows: usedRows.subarray(0, N), labels: usedLabels.subarray(0, N), weights: usedW === null ? null : usedW.subarray(0, N) };
  return {
    nobs: N,
    mse,
    rmse: Math.sqrt(mse),
    r2: rSquared(mse, weightedSigma(N, W, wy, wyy)),
    logloss: ll / W,
    classification_error: wrong / W,
    mean_per_class_error: N === 0 ? NaN : perClass / D,
    cm: matrix === null ? null : confusionMatrix(matrix, domain),
    hit_ratios: hits.ratios(W),
    ...multiclassAuc(aucType, probs, K, used),
    domain,
  };
}
