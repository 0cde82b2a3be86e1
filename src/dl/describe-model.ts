// The printable model, laid out as H2O's model display (Python `print(model)`): the model details,
// the "Status of Neuron Layers" table, the training and validation metrics with their confusion
// matrix (and the binomial maximum metrics or the multinomial hit ratios), the tail of the scoring
// history and the top variable importances.

import type { ModelMetrics } from './evaluate';
import type { ConfusionMatrix } from '../metrics';
import type { DeepLearningModel, ModelState } from './model';
import { summaryDescription } from './summary';
import { renderRecords, renderTable, formatNumber, type Cell } from './text-table';

/** Rows of the scoring history and of the variable importances shown before pointing to the rest. */
export const HISTORY_TAIL = 10;
export const VARIMP_TOP = 10;

const KIND_TITLE = { regression: 'ModelMetricsRegression', binomial: 'ModelMetricsBinomial', multinomial: 'ModelMetricsMultinomial' } as const;

function confusionMatrixText(cm: ConfusionMatrix): string {
  return renderTable(['', ...cm.columns], cm.table.map((row, r) => [cm.row_labels[r], ...row] as Cell[]));
}

/** H2O's ModelMetrics display for one frame. */
export function metricsText(m: ModelMetrics, on: 'train' | 'validation'): string {
  const out = [`${KIND_TITLE[m.kind]}: deeplearning`, `** Reported on ${on} data. **`, ''];
  const line = (name: string, v: number) => out.push(`${name}: ${formatNumber(v)}`);
  line('MSE', m.mse);
  line('RMSE', m.rmse);
  if (m.kind === 'regression') {
    line('MAE', m.mae);
    line('RMSLE', m.rmsle);
    line('Mean Residual Deviance', m.mean_residual_deviance);
    return out.join('\n');
  }
  line('LogLoss', m.logloss);
  line('Mean Per-Class Error', m.mean_per_class_error);
  if (m.kind === 'binomial') {
    line('AUC', m.auc);
    line('AUCPR', m.pr_auc);
    line('Gini', m.gini);
    out.push('', `Confusion Matrix (Act/Pred) for max f1 @ threshold = ${formatNumber(m.threshold)}:`, confusionMatrixText(m.cm));
    out.push('', 'Maximum Metrics: Maximum metrics at their respective thresholds',
      renderRecords(m.max_criteria_and_metric_scores, ['metric', 'threshold', 'value', 'idx']));
    return out.join('\n');
  }
  if (m.cm) out.push('', 'Confusion Matrix: Row labels: Actual class; Column labels: Predicted class', confusionMatrixText(m.cm));
  if (m.hit_ratios.length > 0) {
    out.push('', `Top-${m.hit_ratios.length} Hit Ratios:`, renderTable(['k', 'hit_ratio'], m.hit_ratios.map((h, j) => [j + 1, h])));
  }
  return out.join('\n');
}

export function describeModel(model: DeepLearningModel, state: ModelState): string {
  const p = state.params;
  const parts = [
    ['Model Details', '=============', 'DeepLearningModel: Deep Learning', ...(p.model_id ? [`Model Key: ${p.model_id}`] : [])].join('\n'),
    `Status of Neuron Layers: ${summaryDescription({ params: p, info: state.info, layout: state.layout, theta: state.theta, samples: state.outcome.samples })}\n` +
      renderRecords(model.summary()),
  ];
  const last = state.outcome.history[state.outcome.history.length - 1];
  if (last?.training) parts.push(metricsText(last.training, 'train'));
  if (last?.validation) parts.push(metricsText(last.validation, 'validation'));
  if (last?.training) {
    const history = model.scoringHistory();
    const shown = history.slice(-HISTORY_TAIL);
    parts.push(`Scoring History:${history.length > shown.length ? ` (the last ${shown.length} of ${history.length} rows; see model.scoringHistory())` : ''}\n${renderRecords(shown)}`);
  }
  if (p.variable_importances) {
    const vi = model.varimp();
    const top = vi.slice(0, VARIMP_TOP);
    parts.push(`Variable Importances:\n${renderRecords(top)}${vi.length > top.length ? `\n\nSee the whole table with model.varimp() (${vi.length} rows)` : ''}`);
  }
  return parts.join('\n\n') + '\n';
}
