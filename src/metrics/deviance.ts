// Per-row deviance of a regression prediction, per distribution (h2o-lifecycle.md §3.1 table,
// h2o-training.md §3.3). f is the prediction in response space (μ), y the actual value.
// The mean residual deviance is Σ w·dev(y, f) / Σ w.

export const REGRESSION_DISTRIBUTIONS = [
  'gaussian', 'poisson', 'gamma', 'tweedie', 'laplace', 'quantile', 'huber',
] as const;
export type RegressionDistribution = (typeof REGRESSION_DISTRIBUTIONS)[number];

/**
 * H2O's clamped log (LogExpUtil.log, DistributionFactory): x ≤ 0 → −19, else max(−19, ln x).
 * It keeps poisson/gamma deviances finite when y or f is 0.
 */
export function slog(x: number): number {
  return x <= 0 ? -19 : Math.max(-19, Math.log(x));
}

/** H2O's clamped exp (LogExpUtil.exp): min(1e19, eˣ). */
export function sexp(x: number): number {
  return Math.min(1e19, Math.exp(x));
}

export interface DevianceParams {
  /** tweedie only, in (1, 2). */
  tweedie_power: number;
  /** quantile only, in [0, 1]. */
  quantile_alpha: number;
  /** huber only: the Δ at which the loss turns from squared to linear. */
  huber_delta: number;
}

/** The unit-weight deviance function dev(y, f) of a distribution; multiply by w per row. */
export function devianceFunction(
  distribution: RegressionDistribution,
  params: DevianceParams,
): (y: number, f: number) => number {
  switch (distribution) {
    case 'gaussian':
      return (y, f) => (y - f) * (y - f);
    case 'poisson':
      return (y, f) => 2 * (y * slog(y / f) - y + f);
    case 'gamma':
      // The y/f term is 1 at y = f = 0 (H2O); slog(0/0) is still NaN there, in H2O as here.
      return (y, f) => 2 * (slog(f / y) + (y === 0 && f === 0 ? 1 : y / f) - 1);
    case 'tweedie': {
      const p = params.tweedie_power;
      const a = 1 - p, b = 2 - p;
      // g = log f is taken with the clamped log (h2o-training.md §3.3), so f = 0 stays finite.
      return (y, f) => {
        const g = slog(f);
        return 2 * (Math.pow(y, b) / (a * b) - (y * sexp(g * a)) / a + sexp(g * b) / b);
      };
    }
    case 'laplace':
      return (y, f) => Math.abs(y - f);
    case 'quantile': {
      const alpha = params.quantile_alpha;
      return (y, f) => (y > f ? alpha * (y - f) : (1 - alpha) * (f - y));
    }
    case 'huber': {
      const d = params.huber_delta;
      return (y, f) => {
        const r = Math.abs(y - f);
        return r <= d ? r * r : (2 * r - d) * d;
      };
    }
  }
}
