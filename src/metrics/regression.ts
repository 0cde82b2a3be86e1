// Regression model metrics (h2o-lifecycle.md §3.1, §3.5; H2O ModelMetricsRegression).
// A row is used when y and the prediction are not NaN and its weight is > 0; every metric is
// weighted. As in H2O, the actual value is rounded to float32 first (H2O holds `yact` as float[]),
// so a large or finely resolved response is rounded the same way as there.

import { AquiferError } from '../util/errors';
import { devianceFunction, REGRESSION_DISTRIBUTIONS, type RegressionDistribution } from './deviance';
import { checkLength, checkRange, checkWeights, weightAt, type Numbers } from './inputs';
import { msg } from './messages';
import { weightedQuantile } from './quantile';
import { rSquared, weightedSigma } from './r-squared';

export interface RegressionMetricsInput {
  y: Numbers;
  /** Predictions in response space (after the inverse link). */
  pred: Numbers;
  weights?: Numbers;
  /** Which deviance mean_residual_deviance uses; 'AUTO' (default) is gaussian. */
  distribution?: RegressionDistribution | 'AUTO';
  /** tweedie: in (1, 2); default 1.5. */
  tweedie_power?: number;
  /** quantile: in [0, 1]; default 0.5. */
  quantile_alpha?: number;
  /** huber: Δ is the weighted huber_alpha-quantile of |y − ŷ| over the used rows; default 0.9. */
  huber_alpha?: number;
  /** huber: use this Δ instead of computing it from huber_alpha. */
  huber_delta?: number;
}

export interface RegressionMetrics {
  nobs: number;
  mse: number;
  rmse: number;
  mae: number;
  /** NaN when any used y or ŷ is below −1. */
  rmsle: number;
  r2: number;
  mean_residual_deviance: number;
  /** huber only: the Δ the deviance used. */
  huber_delta?: number;
}

export function regressionMetrics(input: RegressionMetricsInput): RegressionMetrics {
  const { y, pred, weights } = input;
  const rows = y.length;
  checkLength('pred', pred, rows, 'y');
  checkWeights(weights, rows);
  const distribution = input.distribution ?? 'AUTO';
  const dist: RegressionDistribution = distribution === 'AUTO' ? 'gaussian' : distribution;
  if (!(REGRESSION_DISTRIBUTIONS as readonly string[]).includes(dist)) {
    throw new AquiferError('BAD_PARAMETER', msg.badDistribution(distribution, ['AUTO', ...REGRESSION_DISTRIBUTIONS]),
      { subject: 'distribution' });
  }
  const tweedie_power = input.tweedie_power ?? 1.5;
  const quantile_alpha = input.quantile_alpha ?? 0.5;
  const huber_alpha = input.huber_alpha ?? 0.9;
  checkRange('tweedie_power', tweedie_power, 1, 2, true);
  checkRange('quantile_alpha', quantile_alpha, 0, 1, false);
  checkRange('huber_alpha', huber_alpha, 0, 1, false);
  if (input.huber_delta !== undefined && !(input.huber_delta >= 0)) {
    throw new AquiferError('BAD_PARAMETER', msg.outOfRange('huber_delta', input.huber_delta, '[0, ∞)'),
      { subject: 'huber_delta' });
  }

  // Pass 1: the used rows, and the deviance-independent sums.
  const used = new Int32Array(rows), yf = new Float64Array(rows);
  let N = 0, W = 0, sqe = 0, abse = 0, sle = 0, wy = 0, wyy = 0;
  for (let i = 0; i < rows; i++) {
    const a = Math.fround(y[i]), f = pred[i], w = weightAt(weights, i);
    if (a !== a || f !== f || !(w > 0)) continue;
    const err = a - f;
    sqe += w * err * err;
    abse += w * Math.abs(err);
    // log1p of a value below −1 is NaN, which makes the whole RMSLE NaN, as in H2O.
    const le = Math.log1p(f) - Math.log1p(a);
    sle += w * le * le;
    wy += w * a;
    wyy += w * a * a;
    W += w;
    used[N] = i; yf[N] = a; N++;
  }

  let huber_delta: number | undefined;
  if (dist === 'huber') huber_delta = input.huber_delta ?? huberDelta(used, yf, N, pred, weights, huber_alpha);
  const dev = devianceFunction(dist, { tweedie_power, quantile_alpha, huber_delta: huber_delta ?? NaN });
  let sdev = 0;
  for (let k = 0; k < N; k++) {
    const i = used[k];
    sdev += weightAt(weights, i) * dev(yf[k], pred[i]);
  }

  const mse = sqe / W;
  const out: RegressionMetrics = {
    nobs: N,
    mse,
    rmse: Math.sqrt(mse),
    mae: abse / W,
    rmsle: Math.sqrt(sle / W),
    r2: rSquared(mse, weightedSigma(N, W, wy, wyy)),
    mean_residual_deviance: sdev / W,
  };
  if (huber_delta !== undefined) out.huber_delta = huber_delta;
  return out;
}

/** Δ = weighted huber_alpha-quantile of |y − ŷ| on the scored rows (ModelMetricsRegression.computeHuberDelta). */
function huberDelta(
  used: Int32Array, yf: Float64Array, N: number, pred: Numbers, weights: Numbers | undefined, alpha: number,
): number {
  const abs = new Float64Array(N);
  const ws = weights === undefined ? null : new Float64Array(N);
  for (let k = 0; k < N; k++) {
    abs[k] = Math.abs(yf[k] - pred[used[k]]);
    if (ws !== null) ws[k] = weights![used[k]];
  }
  return weightedQuantile(abs, ws, alpha);
}
