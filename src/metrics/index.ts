// Model metrics for regression, binomial and multinomial models (h2o-lifecycle.md §3): pure functions
// over typed arrays, shared by training's scoring history and by prediction / model performance.

export { regressionMetrics, type RegressionMetrics, type RegressionMetricsInput } from './regression';
export { binomialMetrics, type BinomialMetrics, type BinomialMetricsInput } from './binomial';
export { multinomialMetrics, MAX_CM_CLASSES, type MultinomialMetrics, type MultinomialMetricsInput } from './multinomial';
export { MULTINOMIAL_AUC_TYPES, MAX_AUC_CLASSES, type MultinomialAucType } from './multiclass-auc';
export { REGRESSION_DISTRIBUTIONS, devianceFunction, slog, sexp, type RegressionDistribution } from './deviance';
export { confusionMatrix, meanPerClassError, type ConfusionMatrix } from './confusion-matrix';
export { rocCurve, type RocCurve } from './roc-curve';
export { rocAuc, prAuc } from './auc';
export {
  THRESHOLD_CRITERIA, MAX_THRESHOLD_ROWS, thresholdTables, type ThresholdCriterion, type ThresholdRow,
  type MaxCriterionRow,
} from './threshold-criteria';
export { weightedQuantile } from './quantile';
export { DEFAULT_MAX_HIT_RATIO_K } from './hit-ratios';
