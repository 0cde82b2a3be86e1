// Regression distributions in link space (h2o-training.md §3.3): the deviance d(y, f) that training
// minimises and its gradient δ = ∂d/∂f, with H2O's clamped exp and log so that nothing overflows.

export type RegressionDistribution = 'gaussian' | 'poisson' | 'gamma' | 'tweedie' | 'laplace' | 'quantile' | 'huber';

/** Numeric codes shared with the reg_grad_f32 kernel (assembly/output_f32.ts). */
export const DISTRIBUTION_CODE: Record<RegressionDistribution, number> = {
  gaussian: 0, poisson: 1, gamma: 2, tweedie: 3, laplace: 4, quantile: 5, huber: 6,
};

/** min(1e19, e^x): H2O's LogExpUtil exp. */
export const clampedExp = (x: number) => Math.min(1e19, Math.exp(x));
/** x ≤ 0 → −19, else max(−19, ln x). */
export const clampedLog = (x: number) => (x <= 0 ? -19 : Math.max(-19, Math.log(x)));

export function isLogLink(d: RegressionDistribution): boolean {
  return d === 'poisson' || d === 'gamma' || d === 'tweedie';
}

/** μ from the link-space prediction f. */
export function linkInverse(d: RegressionDistribution, f: number): number {
  return isLogLink(d) ? clampedExp(f) : f;
}

/** The distribution's extra parameter: tweedie_power, quantile_alpha, or huber's Δ. */
export function deviance(d: RegressionDistribution, y: number, f: number, p = 0): number {
  const mu = linkInverse(d, f);
  switch (d) {
    case 'gaussian': return (y - f) ** 2;
    case 'poisson': return 2 * (y * clampedLog(y / mu) - y + mu);
    case 'gamma': return 2 * (clampedLog(mu / y) + y / mu - 1);
    case 'tweedie':
      return 2 * (y ** (2 - p) / ((1 - p) * (2 - p)) - (y * clampedExp((1 - p) * f)) / (1 - p) + clampedExp((2 - p) * f) / (2 - p));
    case 'laplace': return Math.abs(y - f);
    case 'quantile': return y > f ? p * (y - f) : (1 - p) * (f - y);
    case 'huber': {
      const r = Math.abs(y - f);
      return r <= p ? r * r : (2 * r - p) * p;
    }
  }
}

/** δ = ∂d/∂f. */
export function devianceGradient(d: RegressionDistribution, y: number, f: number, p = 0): number {
  switch (d) {
    case 'gaussian': return 2 * (f - y);
    case 'poisson': return 2 * (clampedExp(f) - y);
    case 'gamma': return 2 * (1 - y * clampedExp(-f));
    case 'tweedie': return 2 * (clampedExp((2 - p) * f) - y * clampedExp((1 - p) * f));
    case 'laplace': return f > y ? 1 : -1;
    case 'quantile': return y > f ? -p : 1 - p;
    case 'huber': {
      const r = f - y;
      return Math.abs(r) <= p ? 2 * r : r >= 0 ? 2 * p : -2 * p;
    }
  }
}
