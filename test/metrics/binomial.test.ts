import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { binomialMetrics, type BinomialMetrics } from '../../src/metrics/binomial';
import { isAquiferError } from '../../src/util/errors';
import { Random } from '../../src/util/random';

const close = (got: number, want: number, tol = 1e-12) =>
  assert.ok(Math.abs(got - want) <= tol * Math.max(1, Math.abs(want)), `got ${got}, want ${want}`);
const f64 = (xs: number[]) => Float64Array.from(xs);
const i32 = (xs: number[]) => Int32Array.from(xs);

// Four rows with a tie between a positive and a negative at 0.6:
//   p1:  0.9  0.6  0.6  0.1
//   y:    1    0    1    0
// Curve (threshold: tp, fp): 0.9: 1, 0;  0.6: 2, 1;  0.1: 2, 2.  P = N = 2.
const tie = { y: i32([1, 0, 1, 0]), p1: f64([0.9, 0.6, 0.6, 0.1]), domain: ['no', 'yes'] };

test('AUC with a tie: the tied pair counts one half (trapezoid)', () => {
  // Trapezoids: (1 − 0)(2 + 1)/2 + (2 − 1)(2 + 2)/2 = 3.5, over P·N = 4 → 0.875.
  // Mann–Whitney: pairs (0.9,0.6) 1, (0.9,0.1) 1, (0.6,0.6) ½, (0.6,0.1) 1 → 3.5/4.
  const m = binomialMetrics(tie);
  close(m.auc, 0.875);
  close(m.gini, 0.75);
});

test('AUCPR interpolates precision between curve points (H2O/XGBoost closed form)', () => {
  // Recall 0 → ½ at precision 1: area ½.  Recall ½ → 1 along tp: 1 → 2, fp: 0 → 1 (fp = tp − 1), precision
  // tp/(2tp − 1) with r = tp/2: ∫_{½}^{1} 2r/(4r − 1) dr = ¼ + ⅛·ln 3.  The last point adds no recall.
  close(binomialMetrics(tie).pr_auc, 0.75 + Math.log(3) / 8);
});

test('logloss, MSE and R² on the probability of the actual class', () => {
  // p_actual = 0.9, 0.4, 0.6, 0.9.  MSE = (0.01 + 0.36 + 0.16 + 0.01)/4 = 0.135.
  // σ² of y = 0.25 → R² = 1 − 0.135/0.25 = 0.46.
  const m = binomialMetrics(tie);
  close(m.logloss, -(2 * Math.log(0.9) + Math.log(0.4) + Math.log(0.6)) / 4);
  close(m.mse, 0.135);
  close(m.rmse, Math.sqrt(0.135));
  close(m.r2, 0.46);
  assert.is(m.nobs, 4);
});

test('max-F1 threshold, confusion matrix and errors', () => {
  // F1 at 0.9: P = 1, R = ½ → ⅔;  at 0.6: P = ⅔, R = 1 → 0.8;  at 0.1: P = ½, R = 1 → ⅔.
  // At 0.6: tn = 1, fp = 1, fn = 0, tp = 2.
  const m = binomialMetrics(tie);
  assert.is(m.threshold, 0.6);
  assert.equal(m.cm.matrix, [[1, 1], [0, 2]]);
  close(m.classification_error, 0.25);
  close(m.mean_per_class_error, 0.25); // class errors ½ and 0
  assert.equal(m.cm.columns, ['no', 'yes', 'Error', 'Rate']);
  assert.equal(m.cm.row_labels, ['no', 'yes', 'Totals']);
  assert.equal(m.cm.table, [[1, 1, 0.5, '1 / 2'], [0, 2, 0, '0 / 2'], [1, 3, 0.25, '1 / 4']]);
});

test('the thresholds table has one row per distinct score, with the 18 criteria in H2O order', () => {
  const t = binomialMetrics(tie).thresholds_and_metric_scores;
  assert.equal(t.map((r) => r.threshold), [0.9, 0.6, 0.1]);
  assert.equal(t.map((r) => r.idx), [0, 1, 2]);
  assert.equal(Object.keys(t[0]), [
    'threshold', 'f1', 'f2', 'f0point5', 'accuracy', 'precision', 'recall', 'specificity', 'absolute_mcc',
    'min_per_class_accuracy', 'mean_per_class_accuracy', 'tns', 'fns', 'fps', 'tps', 'tnr', 'fnr', 'fpr', 'tpr', 'idx',
  ]);
  const r = t[1]; // tp 2, fp 1, fn 0, tn 1
  close(r.f1, 0.8);
  close(r.f2, (5 * (2 / 3)) / (4 * (2 / 3) + 1));
  close(r.f0point5, (1.25 * (2 / 3)) / (0.25 * (2 / 3) + 1));
  close(r.accuracy, 0.75);
  close(r.precision, 2 / 3);
  close(r.recall, 1);
  close(r.specificity, 0.5);
  close(r.absolute_mcc, 2 / Math.sqrt(12)); // (2·1 − 1·0)/sqrt(3·2·2·1)
  close(r.min_per_class_accuracy, 0.5);
  close(r.mean_per_class_accuracy, 0.75);
  assert.equal([r.tns, r.fns, r.fps, r.tps], [1, 0, 1, 2]);
  assert.equal([r.tnr, r.fnr, r.fpr, r.tpr], [0.5, 0, 0.5, 1]);
});

test('max criteria: ties go to the highest threshold', () => {
  const max = binomialMetrics(tie).max_criteria_and_metric_scores;
  assert.is(max.length, 18);
  const byName = Object.fromEntries(max.map((r) => [r.metric, r]));
  assert.equal(byName['max f1'], { metric: 'max f1', threshold: 0.6, value: 0.8, idx: 1 });
  assert.equal(byName['max tps'], { metric: 'max tps', threshold: 0.6, value: 2, idx: 1 }); // 2 at idx 1 and 2
  assert.equal(byName['max tns'], { metric: 'max tns', threshold: 0.9, value: 2, idx: 0 });
  assert.equal(byName['max recall'].idx, 1);
});

test('a weight of 2 gives the same metrics as a duplicated row', () => {
  const rnd = new Random(3);
  const n = 60;
  const y = new Int32Array(n), p = new Float64Array(n), w = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    y[i] = rnd.nextDouble() < 0.4 ? 1 : 0;
    p[i] = Math.round((0.3 * y[i] + 0.7 * rnd.nextDouble()) * 20) / 20; // ties on purpose
    w[i] = 1 + rnd.nextInt(3);
  }
  const dy: number[] = [], dp: number[] = [];
  for (let i = 0; i < n; i++) for (let k = 0; k < w[i]; k++) { dy.push(y[i]); dp.push(p[i]); }
  const a = binomialMetrics({ y, p1: p, weights: w, gainslift_bins: 4 });
  const b = binomialMetrics({ y: i32(dy), p1: f64(dp), gainslift_bins: 4 });
  for (const k of ['mse', 'r2', 'logloss', 'auc', 'pr_auc', 'lift_top_group', 'threshold', 'classification_error',
    'mean_per_class_error'] as const) close(a[k], b[k], 1e-12);
  assert.equal(a.cm.matrix, b.cm.matrix);
  assert.is(a.thresholds_and_metric_scores.length, b.thresholds_and_metric_scores.length);
  a.thresholds_and_metric_scores.forEach((r, i) => close(r.f1, b.thresholds_and_metric_scores[i].f1));
});

test('NA labels (−1 or NaN), NaN probabilities and zero or NaN weights are skipped', () => {
  const m = binomialMetrics({
    y: f64([1, 0, 1, 0, -1, NaN, 1, 0, 1]),
    p1: f64([0.9, 0.6, 0.6, 0.1, 0.5, 0.5, NaN, 0.99, 0.01]),
    weights: f64([1, 1, 1, 1, 1, 1, 1, 0, NaN]),
  });
  const ref = binomialMetrics(tie);
  assert.is(m.nobs, 4);
  for (const k of ['auc', 'pr_auc', 'logloss', 'mse', 'threshold'] as const) assert.is(m[k], ref[k]);
});

test('perfect separation: AUC 1, AUCPR 1, no errors', () => {
  const m = binomialMetrics({ y: i32([0, 0, 1, 1]), p1: f64([0.1, 0.2, 0.8, 0.9]) });
  assert.is(m.auc, 1);
  assert.is(m.pr_auc, 1);
  assert.is(m.threshold, 0.8);
  assert.equal(m.cm.matrix, [[2, 0], [0, 2]]);
  assert.is(m.classification_error, 0);
  assert.is(m.mean_per_class_error, 0);
});

test('perfectly wrong: AUC 0, AUCPR 1 − ln 2', () => {
  // Curve: 0.9 (neg), 0.8 (neg), 0.2 (pos), 0.1 (pos). With fp = 2 fixed, precision tp/(tp + 2) along
  // recall r = tp/2: ∫_0^1 r/(r + 1) dr = 1 − ln 2.
  const m = binomialMetrics({ y: i32([0, 0, 1, 1]), p1: f64([0.9, 0.8, 0.2, 0.1]) });
  assert.is(m.auc, 0);
  close(m.gini, -1);
  close(m.pr_auc, 1 - Math.LN2);
});

test('only negatives: AUC 0 and AUCPR 0 (H2O AUC2), no max-F1 point, so the matrix is at 0.5', () => {
  const m = binomialMetrics({ y: i32([0, 0, 0]), p1: f64([0.2, 0.7, 0.4]) });
  assert.is(m.auc, 0);
  assert.is(m.pr_auc, 0);
  assert.is(m.threshold, 0.5);
  assert.equal(m.cm.matrix, [[2, 1], [0, 0]]); // 0.7 ≥ 0.5 is labelled positive
  close(m.classification_error, 1 / 3);
  const f1 = m.max_criteria_and_metric_scores[0];
  assert.is(f1.idx, -1);
  assert.ok(Number.isNaN(f1.threshold) && Number.isNaN(f1.value));
});

test('only positives: AUC 1 and AUCPR 1', () => {
  const m = binomialMetrics({ y: i32([1, 1]), p1: f64([0.2, 0.7]) });
  assert.is(m.auc, 1);
  assert.is(m.pr_auc, 1);
  assert.is(m.threshold, 0.2); // F1 = 1 at the lowest threshold: everything labelled positive
});

test('no usable rows: NaN metrics and the default threshold 0.5', () => {
  const m = binomialMetrics({ y: i32([-1]), p1: f64([0.3]) });
  assert.is(m.nobs, 0);
  assert.ok(Number.isNaN(m.auc) && Number.isNaN(m.logloss) && Number.isNaN(m.mse) && Number.isNaN(m.pr_auc));
  assert.ok(Number.isNaN(m.classification_error) && Number.isNaN(m.mean_per_class_error));
  assert.is(m.threshold, 0.5);
  assert.is(m.thresholds_and_metric_scores.length, 0);
});

test('logloss is capped at −ln(1e−15) for a zero probability on the actual class', () => {
  const m = binomialMetrics({ y: i32([1, 0]), p1: f64([0, 0]) });
  close(m.logloss, -Math.log(1e-15) / 2);
});

test('more than 400 distinct scores: ≤ 400 table rows, and every max-criterion row points into the table', () => {
  const rnd = new Random(9);
  const n = 5000;
  const y = new Int32Array(n), p = new Float64Array(n);
  for (let i = 0; i < n; i++) { y[i] = rnd.nextDouble() < 0.3 ? 1 : 0; p[i] = 0.5 * rnd.nextDouble() + 0.3 * y[i]; }
  const m = binomialMetrics({ y, p1: p });
  const t = m.thresholds_and_metric_scores;
  assert.is(t.length, 400);
  t.forEach((r, i) => { assert.is(r.idx, i); if (i > 0) assert.ok(r.threshold < t[i - 1].threshold); });
  assert.is(t[0].threshold, Math.max(...p));
  assert.is(t[t.length - 1].threshold, Math.min(...p));
  for (const row of m.max_criteria_and_metric_scores) {
    const name = row.metric.slice(4) as keyof (typeof t)[number];
    assert.is(t[row.idx].threshold, row.threshold, row.metric);
    assert.is(t[row.idx][name], row.value, row.metric);
  }
  // The labelling threshold is the exact max-F1 point, whatever rows the table keeps.
  assert.is(m.threshold, m.max_criteria_and_metric_scores[0].threshold);
});

test('lift_top_group: response rate of the top quantile group over the overall rate', () => {
  // Scores 0.1..1.0, positives at 1.0 and 0.3 (rate 0.2).
  // Default: boundary = 0.99-quantile, position 0.99·9 = 8.91 → 0.9 + 0.91·0.1 = 0.991: top group {1.0},
  // rate 1 → lift 5.  gainslift_bins = 2: boundary = median 0.55 → {0.6..1.0}, rate 1/5 → lift 1.
  const p = f64([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0]);
  const y = i32([0, 0, 1, 0, 0, 0, 0, 0, 0, 1]);
  close(binomialMetrics({ y, p1: p }).lift_top_group, 5);
  close(binomialMetrics({ y, p1: p, gainslift_bins: 2 }).lift_top_group, 1);
  assert.ok(Number.isNaN(binomialMetrics({ y, p1: p, gainslift_bins: 0 }).lift_top_group));
});

test('gainslift_bins: the top of g equal-probability groups; tied scores at the boundary all join it', () => {
  // Eight rows, ascending: 0.2 0.3 0.4 0.5 0.6 0.8 0.8 0.9 with y 0 1 0 0 1 1 0 1: overall rate ½.
  // g = 2: level ½, position ½·7 = 3.5 → 0.5 + ½·0.1 = 0.55: top group {0.6, 0.8, 0.8, 0.9}, rate ¾ → 1.5.
  // g = 4: level ¾, position 5.25 between the two 0.8s → boundary 0.8: top group {0.8, 0.8, 0.9}
  //        (3 rows, not 8/4 = 2: the tie stays together), rate ⅔ → 4/3.
  const p = f64([0.9, 0.8, 0.8, 0.6, 0.5, 0.4, 0.3, 0.2]);
  const y = i32([1, 0, 1, 1, 0, 0, 1, 0]);
  close(binomialMetrics({ y, p1: p, gainslift_bins: 2 }).lift_top_group, 1.5);
  close(binomialMetrics({ y, p1: p, gainslift_bins: 4 }).lift_top_group, 4 / 3);
  assert.ok(Number.isNaN(binomialMetrics({ y, p1: p, gainslift_bins: 0 }).lift_top_group));
});

function binomialThrows(input: Parameters<typeof binomialMetrics>[0], code: string, subject: string) {
  let result: BinomialMetrics | undefined;
  try { result = binomialMetrics(input); } catch (e) {
    assert.ok(isAquiferError(e), String(e));
    assert.is(e.code, code);
    assert.is(e.subject, subject);
    return;
  }
  assert.unreachable(`expected an AquiferError, got ${JSON.stringify(result?.auc)}`);
}

test('bad inputs throw AquiferError naming the argument', () => {
  binomialThrows({ y: i32([0, 2]), p1: f64([0.1, 0.2]) }, 'BAD_FRAME', 'y');
  binomialThrows({ y: i32([0, 1]), p1: f64([0.1]) }, 'BAD_FRAME', 'p1');
  binomialThrows({ y: i32([0, 1]), p1: f64([0.1, 0.2]), weights: f64([1, -2]) }, 'BAD_FRAME', 'weights');
  binomialThrows({ ...tie, domain: ['a', 'b', 'c'] }, 'BAD_PARAMETER', 'domain');
  binomialThrows({ ...tie, gainslift_bins: -2 }, 'BAD_PARAMETER', 'gainslift_bins');
});

test.run();
