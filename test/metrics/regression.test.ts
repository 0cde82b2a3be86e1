import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { regressionMetrics } from '../../src/metrics/regression';
import { isAquiferError } from '../../src/util/errors';

const close = (got: number, want: number, tol = 1e-12) =>
  assert.ok(Math.abs(got - want) <= tol * Math.max(1, Math.abs(want)), `got ${got}, want ${want}`);

const f64 = (xs: number[]) => Float64Array.from(xs);

function throwsCode(fn: () => unknown, code: string, subject: string) {
  try { fn(); } catch (e) {
    assert.ok(isAquiferError(e), String(e));
    assert.is(e.code, code);
    assert.is(e.subject, subject);
    return;
  }
  assert.unreachable('expected an AquiferError');
}

// y = [1, 2, 3, 4], ŷ = [1.5, 2, 2, 5]: errors −0.5, 0, 1, −1.
// MSE = (0.25 + 0 + 1 + 1)/4 = 0.5625, RMSE = 0.75, MAE = (0.5 + 0 + 1 + 1)/4 = 0.625.
// σ² (population) = mean((y − 2.5)²) = (2.25 + 0.25 + 0.25 + 2.25)/4 = 1.25 → R² = 1 − 0.5625/1.25 = 0.55.
// RMSLE = sqrt((ln(2.5/2)² + 0 + ln(3/4)² + ln(6/5)²)/4).
const base = { y: f64([1, 2, 3, 4]), pred: f64([1.5, 2, 2, 5]) };

test('MSE, RMSE, MAE, R² and RMSLE match the hand-computed values', () => {
  const m = regressionMetrics(base);
  assert.is(m.nobs, 4);
  close(m.mse, 0.5625);
  close(m.rmse, 0.75);
  close(m.mae, 0.625);
  close(m.r2, 0.55);
  close(m.rmsle, Math.sqrt((Math.log(1.25) ** 2 + Math.log(0.75) ** 2 + Math.log(1.2) ** 2) / 4));
});

test('gaussian (and AUTO) mean residual deviance equals the MSE', () => {
  close(regressionMetrics(base).mean_residual_deviance, 0.5625);
  close(regressionMetrics({ ...base, distribution: 'gaussian' }).mean_residual_deviance, 0.5625);
});

test('a weight of 2 gives the same metrics as a duplicated row', () => {
  const weighted = regressionMetrics({ ...base, weights: f64([2, 4, 2, 1]), distribution: 'huber' });
  const dup = regressionMetrics({
    y: f64([1, 1, 2, 2, 2, 2, 3, 3, 4]), pred: f64([1.5, 1.5, 2, 2, 2, 2, 2, 2, 5]), distribution: 'huber',
  });
  for (const k of ['mse', 'mae', 'rmsle', 'r2', 'mean_residual_deviance', 'huber_delta'] as const) close(weighted[k]!, dup[k]!);
});

test('rows with NA y, NA prediction, weight 0 or NaN weight are skipped', () => {
  const m = regressionMetrics({
    y: f64([1, NaN, 2, 3, 9, 4, 9]),
    pred: f64([1.5, 0, 2, 2, 0, 5, NaN]),
    weights: f64([1, 1, 1, 1, 0, 1, 1]),
  });
  assert.is(m.nobs, 4);
  close(m.mse, 0.5625);
  const m2 = regressionMetrics({ y: f64([1, 2, 3, 4, 7]), pred: f64([1.5, 2, 2, 5, 0]), weights: f64([1, 1, 1, 1, NaN]) });
  assert.is(m2.nobs, 4);
  close(m2.mae, 0.625);
});

test('RMSLE is NaN when any y or prediction is below −1; the other metrics are not', () => {
  const a = regressionMetrics({ y: f64([1, -2]), pred: f64([1, 0]) });
  assert.ok(Number.isNaN(a.rmsle));
  close(a.mse, 2);
  assert.ok(Number.isNaN(regressionMetrics({ y: f64([1, 0]), pred: f64([1, -1.5]) }).rmsle));
});

test('poisson deviance: 2(y·slog(y/f) − y + f), with slog(0) = −19 making 0·slog(0) vanish', () => {
  // rows (y, f) = (0, 1): 2(0 − 0 + 1) = 2;  (2, 1): 2(2 ln 2 − 2 + 1) = 4 ln 2 − 2.  Mean: 2 ln 2.
  close(regressionMetrics({ y: f64([0, 2]), pred: f64([1, 1]), distribution: 'poisson' }).mean_residual_deviance,
    2 * Math.LN2);
});

test('gamma deviance: 2(slog(f/y) + y/f − 1)', () => {
  // (1, 2): 2(ln 2 + 1/2 − 1);  (2, 1): 2(−ln 2 + 2 − 1).  The logs cancel: sum 2(−0.5 + 1) = 1, mean 0.5.
  close(regressionMetrics({ y: f64([1, 2]), pred: f64([2, 1]), distribution: 'gamma' }).mean_residual_deviance, 0.5);
});

test('tweedie deviance with power 1.5', () => {
  // p = 1.5: (y, f) = (1, 1): 2(1/(−0.5·0.5) − 1/(−0.5) + 1/0.5) = 2(−4 + 2 + 2) = 0;
  // (0, e): g = 1, 2(0 − 0 + e^0.5/0.5) = 4·e^0.5.  Mean: 2·e^0.5.
  const m = regressionMetrics({ y: f64([1, 0]), pred: f64([1, Math.E]), distribution: 'tweedie', tweedie_power: 1.5 });
  close(m.mean_residual_deviance, 2 * Math.exp(0.5));
});

test('laplace deviance is the mean absolute error', () => {
  // |1−2| + |2−2| + |3−1| = 3, mean 1.
  close(regressionMetrics({ y: f64([1, 2, 3]), pred: f64([2, 2, 1]), distribution: 'laplace' }).mean_residual_deviance, 1);
});

test('quantile deviance weighs under- and over-prediction by α and 1 − α', () => {
  // α = 0.2: (3, 1): y > f → 0.2·2 = 0.4;  (1, 3): 0.8·2 = 1.6.  Mean 1.
  const m = regressionMetrics({ y: f64([3, 1]), pred: f64([1, 3]), distribution: 'quantile', quantile_alpha: 0.2 });
  close(m.mean_residual_deviance, 1);
});

test('huber deviance with a given Δ: squared inside, linear outside', () => {
  // Δ = 1: |r| = 0.5 → 0.25;  |r| = 3 → (2·3 − 1)·1 = 5.  Mean 2.625.
  const m = regressionMetrics({ y: f64([0, 0]), pred: f64([0.5, 3]), distribution: 'huber', huber_delta: 1 });
  close(m.mean_residual_deviance, 2.625);
  assert.is(m.huber_delta, 1);
});

test('huber Δ defaults to the huber_alpha quantile of |y − ŷ| (interpolated, as H2O)', () => {
  // |r| = 1..5, α = 0.9: position 0.9·(5 − 1) = 3.6 → 4 + 0.6·(5 − 4) = 4.6.
  // Deviance: 1 + 4 + 9 + 16 + (2·5 − 4.6)·4.6 = 30 + 24.84 = 54.84, mean 10.968.
  const m = regressionMetrics({ y: f64([1, 2, 3, 4, 5]), pred: f64([0, 0, 0, 0, 0]), distribution: 'huber' });
  close(m.huber_delta!, 4.6);
  close(m.mean_residual_deviance, 10.968);
});

test('the actual value is rounded to float32 before use, as H2O holds it', () => {
  // 2^24 + 1 is not a float32: it rounds to 2^24, so predicting 2^24 is exact.
  const m = regressionMetrics({ y: f64([16777217]), pred: f64([16777216]) });
  assert.is(m.mse, 0);
});

test('one row: σ = 0, so R² is −Infinity for an imperfect prediction', () => {
  assert.is(regressionMetrics({ y: f64([1]), pred: f64([2]) }).r2, -Infinity);
});

test('no usable rows gives NaN metrics and nobs 0', () => {
  const m = regressionMetrics({ y: f64([NaN, 1]), pred: f64([1, NaN]) });
  assert.is(m.nobs, 0);
  assert.ok(Number.isNaN(m.mse) && Number.isNaN(m.mae) && Number.isNaN(m.mean_residual_deviance));
});

test('bad inputs throw AquiferError naming the argument', () => {
  throwsCode(() => regressionMetrics({ y: f64([1, 2]), pred: f64([1]) }), 'BAD_FRAME', 'pred');
  throwsCode(() => regressionMetrics({ ...base, weights: f64([1, 1]) }), 'BAD_FRAME', 'weights');
  throwsCode(() => regressionMetrics({ ...base, weights: f64([1, -1, 1, 1]) }), 'BAD_FRAME', 'weights');
  throwsCode(() => regressionMetrics({ ...base, distribution: 'bernoulli' as never }), 'BAD_PARAMETER', 'distribution');
  throwsCode(() => regressionMetrics({ ...base, distribution: 'tweedie', tweedie_power: 2 }), 'BAD_PARAMETER', 'tweedie_power');
  throwsCode(() => regressionMetrics({ ...base, quantile_alpha: 1.5 }), 'BAD_PARAMETER', 'quantile_alpha');
  throwsCode(() => regressionMetrics({ ...base, huber_delta: -1 }), 'BAD_PARAMETER', 'huber_delta');
});

test.run();
