// Early stopping (h2o-lifecycle.md §2): metric directions, H2O's moving-average rule, and the
// loss that picks the best model.

export type StoppingMetric =
  | 'AUTO' | 'deviance' | 'logloss' | 'MSE' | 'RMSE' | 'MAE' | 'RMSLE' | 'AUC' | 'AUCPR'
  | 'lift_top_group' | 'misclassification' | 'mean_per_class_error';

interface MetricTraits { moreIsBetter: boolean; lowerBoundedByZero: boolean; classificationOnly: boolean }

export const METRIC_TRAITS: Record<Exclude<StoppingMetric, 'AUTO'>, MetricTraits> = {
  deviance: { moreIsBetter: false, lowerBoundedByZero: false, classificationOnly: false },
  logloss: { moreIsBetter: false, lowerBoundedByZero: true, classificationOnly: true },
  MSE: { moreIsBetter: false, lowerBoundedByZero: true, classificationOnly: false },
  RMSE: { moreIsBetter: false, lowerBoundedByZero: true, classificationOnly: false },
  MAE: { moreIsBetter: false, lowerBoundedByZero: true, classificationOnly: false },
  RMSLE: { moreIsBetter: false, lowerBoundedByZero: true, classificationOnly: false },
  AUC: { moreIsBetter: true, lowerBoundedByZero: true, classificationOnly: true },
  AUCPR: { moreIsBetter: true, lowerBoundedByZero: true, classificationOnly: true },
  lift_top_group: { moreIsBetter: true, lowerBoundedByZero: false, classificationOnly: true },
  misclassification: { moreIsBetter: false, lowerBoundedByZero: true, classificationOnly: true },
  mean_per_class_error: { moreIsBetter: false, lowerBoundedByZero: true, classificationOnly: true },
};

/** AUTO → logloss (classification), deviance (regression), MSE (autoencoder). */
export function resolveStoppingMetric(m: StoppingMetric, kind: 'classification' | 'regression' | 'autoencoder'): Exclude<StoppingMetric, 'AUTO'> {
  if (m !== 'AUTO') return m;
  return kind === 'classification' ? 'logloss' : kind === 'regression' ? 'deviance' : 'MSE';
}

/** H2O's ScoreKeeper.stopEarly: compare k+1 moving averages (window k) over the last 2k values. */
export function stopEarly(series: number[], k: number, tolerance: number, traits: Pick<MetricTraits, 'moreIsBetter' | 'lowerBoundedByZero'>): boolean {
  const n = series.length;
  if (k === 0 || n - 1 < 2 * k) return false;
  const ma: number[] = [];
  for (let i = 0; i <= k; i++) {
    let s = 0;
    for (let j = n - 2 * k + i; j < n - k + i; j++) s += series[j]!;
    ma.push(s / k);
  }
  if (ma.some(Number.isNaN)) return false;
  const ref = ma[0]!;
  const rest = ma.slice(1);
  const best = traits.moreIsBetter ? Math.max(...rest) : Math.min(...rest);
  if (traits.lowerBoundedByZero && ref === 0) return true;
  if (Math.sign(Math.max(...ma)) !== Math.sign(Math.min(...ma))) return false;
  if (Math.sign(best) !== Math.sign(ref)) return false;
  const ratio = best / ref;
  if (Number.isNaN(ratio)) return false;
  return traits.moreIsBetter ? ratio <= 1 + tolerance : ratio >= 1 - tolerance;
}

/** The metrics of one scoring event that stopping and best-model selection read. */
export interface ScoredMetrics {
  mse?: number; rmse?: number; mae?: number; rmsle?: number; logloss?: number; mean_residual_deviance?: number;
  auc?: number; pr_auc?: number; lift_top_group?: number; classification_error?: number; mean_per_class_error?: number;
}

/** The value of `metric` in one event's metrics (for the stopping series). */
export function metricValue(metric: Exclude<StoppingMetric, 'AUTO'>, m: ScoredMetrics): number {
  const v = {
    deviance: m.mean_residual_deviance, logloss: m.logloss, MSE: m.mse, RMSE: m.rmse, MAE: m.mae, RMSLE: m.rmsle,
    AUC: m.auc, AUCPR: m.pr_auc, lift_top_group: m.lift_top_group, misclassification: m.classification_error,
    mean_per_class_error: m.mean_per_class_error,
  }[metric];
  return v ?? NaN;
}

/** Model.loss(): what overwrite_with_best_model minimises (§2.5). RMSE and AUTO fall back to the
 *  problem's default loss, as in H2O; AUC-like metrics are turned into 1 − value. */
export function modelLoss(metric: Exclude<StoppingMetric, 'AUTO'>, kind: 'classification' | 'regression' | 'autoencoder', m: ScoredMetrics): number {
  switch (metric) {
    case 'MSE': return m.mse ?? NaN;
    case 'MAE': return m.mae ?? NaN;
    case 'RMSLE': return m.rmsle ?? NaN;
    case 'logloss': return m.logloss ?? NaN;
    case 'deviance': return m.mean_residual_deviance ?? NaN;
    case 'misclassification': return m.classification_error ?? NaN;
    case 'AUC': return 1 - (m.auc ?? NaN);
    case 'AUCPR': return 1 - (m.pr_auc ?? NaN);
    case 'mean_per_class_error': return m.mean_per_class_error ?? NaN;
    case 'lift_top_group': return m.lift_top_group ?? NaN;
    default:
      return kind === 'classification' ? m.logloss ?? NaN : kind === 'autoencoder' ? m.mse ?? NaN : m.mean_residual_deviance ?? NaN;
  }
}
