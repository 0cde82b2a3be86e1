import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { multinomialMetrics } from '../../src/metrics/multinomial';
import { isAquiferError } from '../../src/util/errors';
import { Random } from '../../src/util/random';

const close = (got: number, want: number, tol = 1e-12) =>
  assert.ok(Math.abs(got - want) <= tol * Math.max(1, Math.abs(want)), `got ${got}, want ${want}`);
const f64 = (xs: number[]) => Float64Array.from(xs);
const i32 = (xs: number[]) => Int32Array.from(xs);

// Three classes, four rows:
//   y   probabilities         argmax   rank of y
//   0   0.7  0.2  0.1         0        0
//   1   0.5  0.3  0.2         0        1
//   2   0.2  0.2  0.6         2        0
//   2   0.4  0.4  0.2         0 (tie → lower index)   2
const base = {
  y: i32([0, 1, 2, 2]),
  probs: f64([0.7, 0.2, 0.1, 0.5, 0.3, 0.2, 0.2, 0.2, 0.6, 0.4, 0.4, 0.2]),
  K: 3,
  domain: ['a', 'b', 'c'],
};

test('logloss, MSE and R² use the probability of the actual class', () => {
  // p_actual = 0.7, 0.3, 0.6, 0.2 → MSE = (0.09 + 0.49 + 0.16 + 0.64)/4 = 0.345.
  // y = 0, 1, 2, 2: mean 1.25, mean of y² 2.25, σ² = 2.25 − 1.5625 = 0.6875 → R² = 1 − 0.345/0.6875.
  const m = multinomialMetrics(base);
  assert.is(m.nobs, 4);
  close(m.logloss, -(Math.log(0.7) + Math.log(0.3) + Math.log(0.6) + Math.log(0.2)) / 4);
  close(m.mse, 0.345);
  close(m.rmse, Math.sqrt(0.345));
  close(m.r2, 1 - 0.345 / 0.6875);
});

test('confusion matrix by argmax (ties to the lower index), errors and H2O table layout', () => {
  const m = multinomialMetrics(base);
  assert.equal(m.cm!.matrix, [[1, 0, 0], [1, 0, 0], [1, 0, 1]]);
  close(m.classification_error, 0.5);
  close(m.mean_per_class_error, 0.5); // class errors 0, 1, ½
  assert.equal(m.cm!.columns, ['a', 'b', 'c', 'Error', 'Rate']);
  assert.equal(m.cm!.row_labels, ['a', 'b', 'c', 'Totals']);
  assert.equal(m.cm!.table[3], [3, 0, 1, 0.5, '2 / 4']);
});

test('top-k hit ratios are cumulative over ranks', () => {
  // Ranks 0, 1, 0, 2 → hits [2, 1, 1] → [2/4, 3/4, 4/4].
  assert.equal(multinomialMetrics(base).hit_ratios, [0.5, 0.75, 1]);
  assert.equal(multinomialMetrics({ ...base, max_hit_ratio_k: 2 }).hit_ratios, [0.5, 0.75]);
  assert.equal(multinomialMetrics({ ...base, max_hit_ratio_k: 0 }).hit_ratios, []);
});

test('hit ratios default to k = 1..10 (fewer with fewer classes)', () => {
  const K = 12, rows = 3;
  const probs = new Float64Array(rows * K).fill(1 / K);
  assert.is(multinomialMetrics({ y: i32([0, 5, 11]), probs, K }).hit_ratios.length, 10);
  assert.is(multinomialMetrics(base).hit_ratios.length, 3);
});

test('a weight of 2 gives the same metrics as a duplicated row, the matrix and hit ratios included', () => {
  const rnd = new Random(8);
  const K = 4, n = 50;
  const y = new Int32Array(n), probs = new Float64Array(n * K), w = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    y[r] = rnd.nextInt(K);
    let s = 0;
    for (let k = 0; k < K; k++) { probs[r * K + k] = rnd.nextInt(5) + (k === y[r] ? 2 : 0); s += probs[r * K + k]; }
    for (let k = 0; k < K; k++) probs[r * K + k] /= s || 1;
    w[r] = 1 + rnd.nextInt(3);
  }
  const dy: number[] = [], dp: number[] = [];
  for (let r = 0; r < n; r++) for (let c = 0; c < w[r]; c++) { dy.push(y[r]); dp.push(...probs.subarray(r * K, r * K + K)); }
  const a = multinomialMetrics({ y, probs, K, weights: w });
  const b = multinomialMetrics({ y: i32(dy), probs: f64(dp), K });
  for (const k of ['mse', 'r2', 'logloss', 'classification_error', 'mean_per_class_error'] as const) close(a[k], b[k]);
  assert.equal(a.cm!.matrix, b.cm!.matrix);
  a.hit_ratios.forEach((h, i) => close(h, b.hit_ratios[i]));
});

test('rows with NA label, any NaN probability, or zero / NaN weight are skipped', () => {
  const m = multinomialMetrics({
    y: f64([0, 1, 2, 2, -1, NaN, 0, 1, 2]),
    probs: f64([...base.probs, 1, 0, 0, 1, 0, 0, NaN, 0.5, 0.5, 0, 1, 0, 0, 0, 1]),
    K: 3,
    weights: f64([1, 1, 1, 1, 1, 1, 1, 0, NaN]),
  });
  const ref = multinomialMetrics(base);
  assert.is(m.nobs, 4);
  for (const k of ['mse', 'logloss', 'classification_error'] as const) assert.is(m[k], ref[k]);
});

test('all correct with certainty: zero logloss, MSE and error; every hit ratio 1', () => {
  const m = multinomialMetrics({ y: i32([0, 1, 2]), probs: f64([1, 0, 0, 0, 1, 0, 0, 0, 1]), K: 3 });
  assert.is(m.logloss, 0);
  assert.is(m.mse, 0);
  assert.is(m.classification_error, 0);
  assert.is(m.mean_per_class_error, 0);
  assert.equal(m.hit_ratios, [1, 1, 1]);
});

test('perfectly wrong: MSE 1 and logloss capped at −ln(1e−15)', () => {
  const m = multinomialMetrics({ y: i32([0, 1]), probs: f64([0, 1, 1, 0]), K: 2 });
  assert.is(m.mse, 1);
  close(m.logloss, -Math.log(1e-15));
  assert.is(m.classification_error, 1);
  assert.equal(m.hit_ratios, [0, 1]);
});

test('an actual level the model does not predict counts as p_actual = 0 and never hits', () => {
  // domain has 4 levels, the model K = 3; the row with y = 3 has err = 1.
  const m = multinomialMetrics({ y: i32([0, 3]), probs: f64([0.5, 0.25, 0.25, 0.2, 0.5, 0.3]), K: 3, domain: ['a', 'b', 'c', 'd'] });
  close(m.mse, (0.25 + 1) / 2);
  close(m.logloss, (-Math.log(0.5) - Math.log(1e-15)) / 2);
  assert.equal(m.cm!.matrix[3], [0, 1, 0, 0]);
  assert.equal(m.hit_ratios, [0.5, 0.5, 0.5]);
  close(m.mean_per_class_error, 0.25); // (0 + 0 + 0 + 1)/4: classes b and c have no rows
});

test('more than 1000 levels: no confusion matrix, but the errors are still computed', () => {
  const K = 1001;
  const probs = new Float64Array(2 * K);
  probs[0] = 1; probs[K + 7] = 1; // row 0 predicts 0 (right), row 1 predicts 7 (wrong, actual 5)
  const m = multinomialMetrics({ y: i32([0, 5]), probs, K });
  assert.is(m.cm, null);
  assert.is(m.classification_error, 0.5);
  close(m.mean_per_class_error, 1 / K);
});

test('no usable rows: NaN metrics', () => {
  const m = multinomialMetrics({ y: i32([-1]), probs: f64([0.5, 0.5]), K: 2 });
  assert.is(m.nobs, 0);
  assert.ok(Number.isNaN(m.logloss) && Number.isNaN(m.mse) && Number.isNaN(m.classification_error));
  assert.ok(Number.isNaN(m.mean_per_class_error));
});

function throwsCode(fn: () => unknown, code: string, subject: string) {
  try { fn(); } catch (e) {
    assert.ok(isAquiferError(e), String(e));
    assert.is(e.code, code);
    assert.is(e.subject, subject);
    return;
  }
  assert.unreachable('expected an AquiferError');
}

test('bad inputs throw AquiferError naming the argument', () => {
  throwsCode(() => multinomialMetrics({ ...base, K: 1 }), 'BAD_PARAMETER', 'K');
  throwsCode(() => multinomialMetrics({ ...base, K: 4 }), 'BAD_FRAME', 'probs');
  throwsCode(() => multinomialMetrics({ ...base, y: i32([0, 1, 2, 3]) }), 'BAD_FRAME', 'y');
  throwsCode(() => multinomialMetrics({ ...base, y: f64([0, 1, 1.5, 2]) }), 'BAD_FRAME', 'y');
  throwsCode(() => multinomialMetrics({ ...base, domain: ['a', 'b'] }), 'BAD_PARAMETER', 'domain');
  throwsCode(() => multinomialMetrics({ ...base, weights: f64([1, 1, 1]) }), 'BAD_FRAME', 'weights');
  throwsCode(() => multinomialMetrics({ ...base, max_hit_ratio_k: -1 }), 'BAD_PARAMETER', 'max_hit_ratio_k');
});

test.run();
