// R² as H2O defines it for every supervised model (h2o-lifecycle.md §3, common conventions):
// R² = 1 − MSE/σ², with σ the *population* weighted standard deviation of the actual values
// (for classifiers: of the class index), and σ = 0 when at most one row was used.

/** sqrt(Σw·y²/W − (Σw·y/W)²); 0 if nobs ≤ 1 (H2O MathUtils.weightedSigma). */
export function weightedSigma(nobs: number, wsum: number, wySum: number, wyySum: number): number {
  if (nobs <= 1) return 0;
  const mean = wySum / wsum;
  // Clamped at 0: for a constant response the difference can round to a tiny negative number,
  // which would make σ NaN instead of 0.
  return Math.sqrt(Math.max(0, wyySum / wsum - mean * mean));
}

export function rSquared(mse: number, sigma: number): number {
  return 1 - mse / (sigma * sigma);
}
