// Multinomial AUC and AUCPR (h2o-lifecycle.md §3.3; H2O MultinomialAUC, PairwiseAUC): averages of
// binomial curves, each the exact, weighted curve of roc-curve.ts and auc.ts.
// - One-vs-rest, class k: p_k of every used row, positive when y = k.
// - One-vs-one, pair (j, k): only the rows of classes j and k. As in H2O (and Hand & Till 2001), the
//   pair's value is the mean of A(k|j), p_k with class k positive, and A(j|k), p_j with class j positive.
// - Macro: the plain mean over classes or pairs. Weighted: class k counts W_k (its weight sum), pair
//   (j, k) counts W_j + W_k.
// Empty curves follow auc.ts: a class with no rows has OVR AUC 0 (no positives), as in H2O's AUC2;
// a pair with no rows has AUC NaN, which MACRO_OVO keeps and WEIGHTED_OVO (weight 0) leaves out.
// A row of a level the model never saw (y ≥ K) is a negative in every OVR curve and belongs to no
// pair.

import { AquiferError } from '../util/errors';
import { prAuc, rocAuc } from './auc';
import { rocCurve } from './roc-curve';
import type { Numbers } from './inputs';

export const MULTINOMIAL_AUC_TYPES = ['AUTO', 'NONE', 'MACRO_OVR', 'WEIGHTED_OVR', 'MACRO_OVO', 'WEIGHTED_OVO'] as const;
export type MultinomialAucType = (typeof MULTINOMIAL_AUC_TYPES)[number];

/** H2O computes no multinomial AUC for more classes than this (MultinomialAUC.MAX_AUC_CLASSES). */
export const MAX_AUC_CLASSES = 50;

/** The rows the metrics used: row index into probs (rows×K), actual level and weight (null = all 1). */
export interface UsedRows {
  rows: Int32Array;
  labels: Int32Array;
  weights: Float64Array | null;
}

export interface MulticlassAuc { auc: number; pr_auc: number }

export function checkAucType(type: unknown): MultinomialAucType {
  if (MULTINOMIAL_AUC_TYPES.includes(type as MultinomialAucType)) return type as MultinomialAucType;
  throw new AquiferError('BAD_PARAMETER', `auc_type must be one of ${MULTINOMIAL_AUC_TYPES.join(', ')}, got ${JSON.stringify(type)}`,
    { subject: 'auc_type' });
}

/** Whether `type` asks for an AUC at all with K classes (AUTO and NONE do not). */
export function wantsMulticlassAuc(type: MultinomialAucType, K: number): boolean {
  return type !== 'AUTO' && type !== 'NONE' && K <= MAX_AUC_CLASSES;
}

export function multiclassAuc(type: MultinomialAucType, probs: Numbers, K: number, used: UsedRows): MulticlassAuc {
  if (!wantsMulticlassAuc(type, K)) return { auc: NaN, pr_auc: NaN };
  const classW = new Float64Array(K);
  for (let i = 0; i < used.rows.length; i++) {
    const a = used.labels[i];
    if (a < K) classW[a] += used.weights === null ? 1 : used.weights[i];
  }
  const weighted = type === 'WEIGHTED_OVR' || type === 'WEIGHTED_OVO';
  return type === 'MACRO_OVR' || type === 'WEIGHTED_OVR'
    ? oneVsRest(probs, K, used, weighted ? classW : null)
    : oneVsOne(probs, K, used, classW, weighted);
}

/** Weighted means of the AUC and AUCPR of one curve after another. A term of weight 0 is left out,
 *  so an empty pair (NaN) does not spoil a weighted mean it has no share in. */
class Average {
  private auc = 0;
  private pr = 0;
  private total = 0;
  add(w: number, scores: Float64Array, labels: Uint8Array, weights: Float64Array | null): void {
    if (w === 0) return;
    const c = rocCurve(scores, labels, weights);
    this.auc += w * rocAuc(c);
    this.pr += w * prAuc(c);
    this.total += w;
  }
  result(): MulticlassAuc { return { auc: this.auc / this.total, pr_auc: this.pr / this.total }; }
}

function oneVsRest(probs: Numbers, K: number, used: UsedRows, classW: Float64Array | null): MulticlassAuc {
  const n = used.rows.length;
  const scores = new Float64Array(n), labels = new Uint8Array(n);
  const avg = new Average();
  for (let k = 0; k < K; k++) {
    for (let i = 0; i < n; i++) {
      scores[i] = probs[used.rows[i] * K + k];
      labels[i] = used.labels[i] === k ? 1 : 0;
    }
    avg.add(classW === null ? 1 : classW[k], scores, labels, used.weights);
  }
  return avg.result();
}

function oneVsOne(probs: Numbers, K: number, used: UsedRows, classW: Float64Array, weighted: boolean): MulticlassAuc {
  // The used rows of each class, as indices into `used`.
  const members: number[][] = Array.from({ length: K }, () => []);
  for (let i = 0; i < used.rows.length; i++) if (used.labels[i] < K) members[used.labels[i]].push(i);
  const avg = new Average();
  for (let j = 0; j < K - 1; j++) {
    for (let k = j + 1; k < K; k++) {
      const pair = members[j].concat(members[k]);
      const m = pair.length;
      const scores = new Float64Array(m), labels = new Uint8Array(m);
      const ws = used.weights === null ? null : Float64Array.from(pair, (i) => used.weights![i]);
      // Each of the pair's two curves counts half of the pair's weight.
      const w = (weighted ? classW[j] + classW[k] : 1) / 2;
      for (const positive of [k, j]) {
        for (let r = 0; r < m; r++) {
          scores[r] = probs[used.rows[pair[r]] * K + positive];
          labels[r] = used.labels[pair[r]] === positive ? 1 : 0;
        }
        avg.add(w, scores, labels, ws);
      }
    }
  }
  return avg.result();
}
