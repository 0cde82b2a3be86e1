import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { devianceFunction, sexp, slog } from '../../src/metrics/deviance';

const params = { tweedie_power: 1.5, quantile_alpha: 0.5, huber_delta: 1 };

test('slog clamps at −19 and maps x ≤ 0 to −19', () => {
  assert.is(slog(0), -19);
  assert.is(slog(-3), -19);
  assert.is(slog(1e-10), -19); // ln(1e−10) ≈ −23.03
  assert.is(slog(Math.E), 1);
});

test('sexp clamps at 1e19', () => {
  assert.is(sexp(50), 1e19); // e^50 ≈ 5.2e21
  assert.is(sexp(0), 1);
});

test('a perfect prediction has zero deviance for every distribution', () => {
  for (const d of ['gaussian', 'poisson', 'gamma', 'tweedie', 'laplace', 'quantile', 'huber'] as const) {
    const dev = devianceFunction(d, params);
    for (const y of [0.5, 1, 3]) assert.ok(Math.abs(dev(y, y)) < 1e-12, `${d} at y = ${y}: ${dev(y, y)}`);
  }
});

test('poisson with y = 0: the clamped log makes 0·slog(0) vanish instead of 0·(−Infinity) = NaN', () => {
  // y = 0, f = 2: 2(0·(−19) − 0 + 2) = 4.
  assert.is(devianceFunction('poisson', params)(0, 2), 4);
});

test('tweedie evaluates log f with the clamped log: f = 0 behaves like f = e^−19', () => {
  const dev = devianceFunction('tweedie', params);
  assert.is(dev(1, 0), dev(1, Math.exp(-19)));
  assert.ok(Number.isFinite(dev(1, 0)));
});

test('huber switches from squared to linear exactly at Δ', () => {
  const dev = devianceFunction('huber', { ...params, huber_delta: 2 });
  assert.is(dev(0, 2), 4);           // |r| = Δ: r² = 4
  assert.is(dev(0, 2), (2 * 2 - 2) * 2); // the linear branch agrees at the knot
  assert.is(dev(0, 3), (2 * 3 - 2) * 2); // 8
});

test.run();
