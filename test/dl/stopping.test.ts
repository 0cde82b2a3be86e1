import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { METRIC_TRAITS, modelLoss, resolveStoppingMetric, stopEarly } from '../../src/dl/stopping';

const less = METRIC_TRAITS.logloss, more = METRIC_TRAITS.AUC, dev = METRIC_TRAITS.deviance;

test('never stops with stopping_rounds 0', () => {
  assert.not.ok(stopEarly([NaN, 5, 5, 5, 5, 5, 5, 5], 0, 0, less));
});

test('needs 2k events after the placeholder row', () => {
  // k=2: n−1 < 4 → no decision with 4 values
  assert.not.ok(stopEarly([NaN, 1, 1, 1], 2, 0, less));
  assert.ok(stopEarly([NaN, 1, 1, 1, 1], 2, 0, less));
});

test('stops when the best recent moving average does not improve on the reference (tolerance 0)', () => {
  // k=2 over the last 4: [0.5, 0.4, 0.45, 0.5] → MA0 = 0.45, MA1 = 0.425, MA2 = 0.475 → best 0.425 < 0.45: improving, go on
  assert.not.ok(stopEarly([NaN, 0.5, 0.4, 0.45, 0.5], 2, 0, less));
  // [0.4, 0.4, 0.45, 0.5] → MA0 = 0.4, MA1 = 0.425, MA2 = 0.475 → ratio 1.0625 ≥ 1: stop
  assert.ok(stopEarly([NaN, 0.4, 0.4, 0.45, 0.5], 2, 0, less));
});

test('a tolerance lets small improvements count as no improvement', () => {
  // MA0 = 1.0, best = 0.99: ratio 0.99; stop iff ratio ≥ 1 − tol
  const s = [NaN, 1, 1, 0.99, 0.99];
  assert.not.ok(stopEarly(s, 2, 0.005, less));
  assert.ok(stopEarly(s, 2, 0.02, less));
});

test('more-is-better metrics stop when the ratio is at most 1 + tolerance', () => {
  assert.not.ok(stopEarly([NaN, 0.8, 0.8, 0.85, 0.9], 2, 0, more));
  assert.ok(stopEarly([NaN, 0.9, 0.9, 0.85, 0.8], 2, 0, more));
});

test('a lower-bounded metric at 0 stops; a zero crossing does not', () => {
  assert.ok(stopEarly([NaN, 0, 0, 0, 0], 2, 0, less));
  assert.not.ok(stopEarly([NaN, -1, 1, -1, 1], 2, 0, dev));
});

test('NaN in the window never stops', () => {
  assert.not.ok(stopEarly([NaN, NaN, 1, 1, 1], 2, 0, less));
});

test('AUTO resolves per problem type and the loss follows the stopping metric', () => {
  assert.is(resolveStoppingMetric('AUTO', 'classification'), 'logloss');
  assert.is(resolveStoppingMetric('AUTO', 'regression'), 'deviance');
  assert.is(resolveStoppingMetric('AUTO', 'autoencoder'), 'MSE');
  assert.is(modelLoss('AUC', 'classification', { auc: 0.8 }), 1 - 0.8);
  assert.is(modelLoss('RMSE', 'regression', { rmse: 3, mean_residual_deviance: 9 }), 9);
  assert.is(modelLoss('RMSE', 'classification', { rmse: 3, logloss: 0.2 }), 0.2);
});

test.run();
