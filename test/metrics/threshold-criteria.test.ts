import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { rocCurve } from '../../src/metrics/roc-curve';
import { criteriaAt, maxCriterionIndices, THRESHOLD_CRITERIA, thresholdTables } from '../../src/metrics/threshold-criteria';

const at = (tp: number, fp: number, fn: number, tn: number) => {
  const out = new Float64Array(18);
  criteriaAt(tp, fp, fn, tn, out);
  return Object.fromEntries(THRESHOLD_CRITERIA.map((k, i) => [k, out[i]]));
};

test('criteria at tp 3, fp 1, fn 1, tn 5', () => {
  // precision ¾, recall ¾, specificity ⅚; MCC = (15 − 1)/sqrt(4·4·6·6) = 14/24.
  const c = at(3, 1, 1, 5);
  assert.is(c.precision, 0.75);
  assert.is(c.recall, 0.75);
  assert.is(c.f1, 0.75);
  assert.is(c.f2, 0.75);
  assert.is(c.f0point5, 0.75);
  assert.is(c.accuracy, 0.8);
  assert.is(c.specificity, 5 / 6);
  assert.is(c.absolute_mcc, 14 / 24);
  assert.is(c.min_per_class_accuracy, 0.75);
  assert.is(c.mean_per_class_accuracy, 0.5 * (0.75 + 5 / 6));
  assert.equal([c.tns, c.fns, c.fps, c.tps, c.tnr, c.fnr, c.fpr, c.tpr], [5, 1, 1, 3, 5 / 6, 0.25, 1 / 6, 0.75]);
});

test('0/0 gives NaN (as H2O) and a zero MCC numerator gives 0', () => {
  const c = at(0, 0, 2, 2); // nothing predicted positive
  assert.ok(Number.isNaN(c.precision) && Number.isNaN(c.f1));
  assert.is(c.absolute_mcc, 0);
  assert.is(c.recall, 0);
});

test('NaN values never win a maximum; all-NaN gives −1', () => {
  const c = rocCurve(Float64Array.from([0.2, 0.8]), Uint8Array.from([0, 0]), null); // no positives
  const idx = maxCriterionIndices(c);
  assert.is(idx[THRESHOLD_CRITERIA.indexOf('f1')], -1);
  assert.is(idx[THRESHOLD_CRITERIA.indexOf('tns')], 0); // tn = 1 at 0.8, 0 at 0.2
});

test('a thinned table keeps the first and last points, every maximiser, and exactly maxRows rows', () => {
  const n = 40;
  const s = Float64Array.from({ length: n }, (_, i) => i / n);
  const y = Uint8Array.from({ length: n }, (_, i) => (i % 3 === 0 || i > 30 ? 1 : 0));
  const c = rocCurve(s, y, null);
  const full = thresholdTables(c, 1000), thin = thresholdTables(c, 8);
  assert.is(full.thresholds_and_metric_scores.length, n);
  const t = thin.thresholds_and_metric_scores;
  assert.is(t.length, 8);
  assert.is(t[0].threshold, c.ths[0]);
  assert.is(t[7].threshold, c.ths[n - 1]);
  thin.max_criteria_and_metric_scores.forEach((row, k) => {
    const ref = full.max_criteria_and_metric_scores[k];
    assert.is(row.threshold, ref.threshold, row.metric);
    assert.is(row.value, ref.value, row.metric);
    assert.is(t[row.idx].threshold, row.threshold, row.metric);
  });
});

test.run();
