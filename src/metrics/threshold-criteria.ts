// The 18 threshold criteria of a binomial model and its two tables, thresholds_and_metric_scores and
// max_criteria_and_metric_scores (h2o-lifecycle.md §3.2; formulas as in H2O AUC2.ThresholdCriterion).
// With tp, fp at a threshold, fn = P − tp and tn = N − fp. 0/0 gives NaN, as in H2O, and a NaN value
// never wins a maximum.

import type { RocCurve } from './roc-curve';

export const THRESHOLD_CRITERIA = [
  'f1', 'f2', 'f0point5', 'accuracy', 'precision', 'recall', 'specificity', 'absolute_mcc',
  'min_per_class_accuracy', 'mean_per_class_accuracy', 'tns', 'fns', 'fps', 'tps', 'tnr', 'fnr', 'fpr', 'tpr',
] as const;
export type ThresholdCriterion = (typeof THRESHOLD_CRITERIA)[number];

/** One row of thresholds_and_metric_scores: the threshold, the 18 criteria, and the row index. */
export type ThresholdRow = { threshold: number } & Record<ThresholdCriterion, number> & { idx: number };

/** One row of max_criteria_and_metric_scores. idx is the row of thresholds_and_metric_scores (−1: none). */
export interface MaxCriterionRow {
  metric: `max ${ThresholdCriterion}`;
  threshold: number;
  value: number;
  idx: number;
}

/**
 * All 18 criteria at one point, in THRESHOLD_CRITERIA order, written to `out`. One function filling
 * all of them (rather than one call per criterion) keeps the 18-way scan over a 1e6-point curve in
 * one tight loop.
 */
export function criteriaAt(tp: number, fp: number, fn: number, tn: number, out: Float64Array): void {
  const prec = tp / (tp + fp), tpr = tp / (tp + fn), tnr = tn / (tn + fp);
  out[0] = (2 * (prec * tpr)) / (prec + tpr);               // f1
  out[1] = (5 * (prec * tpr)) / (4 * prec + tpr);           // f2
  out[2] = (1.25 * (prec * tpr)) / (0.25 * prec + tpr);     // f0point5
  out[3] = (tn + tp) / (tp + fn + tn + fp);                 // accuracy
  out[4] = prec;                                            // precision
  out[5] = tpr;                                             // recall
  out[6] = tnr;                                             // specificity
  const num = tp * tn - fp * fn;                            // absolute_mcc, clamped: with real-valued
  out[7] = num === 0 ? 0                                    // weights it can round to just above 1
    : Math.min(1, Math.abs(num / Math.sqrt((tp + fp) * (tp + fn) * (tn + fp) * (tn + fn))));
  out[8] = Math.min(tpr, tnr);                              // min_per_class_accuracy
  out[9] = 0.5 * (tpr + tnr);                               // mean_per_class_accuracy
  out[10] = tn; out[11] = fn; out[12] = fp; out[13] = tp;   // tns, fns, fps, tps
  out[14] = tnr;                                            // tnr
  out[15] = fn / (fn + tp);                                 // fnr
  out[16] = fp / (fp + tn);                                 // fpr
  out[17] = tpr;                                            // tpr
}

function criteriaAtPoint(c: RocCurve, i: number, out: Float64Array): void {
  criteriaAt(c.tps[i], c.fps[i], c.p - c.tps[i], c.n - c.fps[i], out);
}

/**
 * For each criterion, the curve index that maximises it: the first index with a strictly larger value,
 * scanning from the highest threshold down, so ties go to the highest threshold. −1 if every value is NaN.
 */
export function maxCriterionIndices(c: RocCurve): Int32Array {
  const K = THRESHOLD_CRITERIA.length;
  const best = new Float64Array(K).fill(-Number.MAX_VALUE), at = new Int32Array(K).fill(-1);
  const v = new Float64Array(K);
  for (let i = 0; i < c.ths.length; i++) {
    criteriaAtPoint(c, i, v);
    for (let k = 0; k < K; k++) if (v[k] > best[k]) { best[k] = v[k]; at[k] = i; }
  }
  return at;
}

/** H2O's AUC2.NBINS: its thresholds table never has more than 400 rows. */
export const MAX_THRESHOLD_ROWS = 400;

/**
 * Which curve points become table rows. All of them when there are at most maxRows; otherwise every
 * point that maximises a criterion plus evenly spaced points (by rank of the score) up to maxRows.
 * H2O's table holds its ≤ 400 histogram bins; ours holds ≤ 400 exact curve points instead of
 * merged bin centres, and always the exact maximisers, so the max table can point into it.
 */
function tableRows(m: number, maximisers: readonly number[], maxRows: number): Int32Array {
  if (m <= maxRows) return Int32Array.from({ length: m }, (_, i) => i);
  const forced = [...new Set(maximisers.filter((i) => i >= 0))].sort((a, b) => a - b);
  const rest = m - forced.length; // points that are not maximisers
  const picks = Math.max(0, maxRows - forced.length);
  const rows = [...forced];
  for (let j = 0; j < picks; j++) {
    // The j-th evenly spaced rank among the non-maximisers (distinct, as rest > picks), mapped back to
    // a curve index by stepping over the maximisers at or below it.
    let i = picks === 1 ? 0 : Math.round((j * (rest - 1)) / (picks - 1));
    for (const f of forced) if (f <= i) i++;
    rows.push(i);
  }
  return Int32Array.from(rows).sort();
}

export interface ThresholdTables {
  thresholds_and_metric_scores: ThresholdRow[];
  max_criteria_and_metric_scores: MaxCriterionRow[];
  /** Curve index of the max-F1 point (−1 when F1 is NaN everywhere, e.g. no positive rows). */
  maxF1Index: number;
}

export function thresholdTables(c: RocCurve, maxRows = MAX_THRESHOLD_ROWS): ThresholdTables {
  const maximisers = Array.from(maxCriterionIndices(c));
  const rows = tableRows(c.ths.length, maximisers, maxRows);
  const rowOf = new Map<number, number>();
  const table: ThresholdRow[] = [];
  const v = new Float64Array(THRESHOLD_CRITERIA.length);
  rows.forEach((i, r) => {
    rowOf.set(i, r);
    criteriaAtPoint(c, i, v);
    const row = { threshold: c.ths[i] } as ThresholdRow;
    THRESHOLD_CRITERIA.forEach((name, k) => { row[name] = v[k]; });
    row.idx = r;
    table.push(row);
  });
  const max = THRESHOLD_CRITERIA.map((name, k): MaxCriterionRow => {
    const i = maximisers[k];
    if (i < 0) return { metric: `max ${name}`, threshold: NaN, value: NaN, idx: -1 };
    criteriaAtPoint(c, i, v);
    return { metric: `max ${name}`, threshold: c.ths[i], value: v[k], idx: rowOf.get(i)! };
  });
  return { thresholds_and_metric_scores: table, max_criteria_and_metric_scores: max, maxF1Index: maximisers[0] };
}
