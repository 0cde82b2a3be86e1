// The scoring history as H2O shows it (h2o-lifecycle.md §1.4): one row per scoring event, with
// the display headers lowercased ("Training RMSE" → training_rmse).

import type { ScoringEvent } from './trainer';
import type { ModelMetrics } from './evaluate';

export type HistoryRow = Record<string, string | number | null>;

function pad(n: number): string { return String(n).padStart(2, '0'); }

function timestamp(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

function speed(rowsPerS: number): string | null {
  if (!(rowsPerS > 0)) return null;
  return `${rowsPerS > 10 ? Math.round(rowsPerS) : rowsPerS.toPrecision(6)} obs/sec`;
}

function metricColumns(prefix: string, m: ModelMetrics | undefined, kind: ModelMetrics['kind']): HistoryRow {
  const v = (x: number | undefined) => (x === undefined || m === undefined ? NaN : x);
  const mm = m as (ModelMetrics & Record<string, number>) | undefined;
  if (kind === 'regression') {
    return { [`${prefix}_rmse`]: v(mm?.rmse), [`${prefix}_deviance`]: v(mm?.mean_residual_deviance), [`${prefix}_mae`]: v(mm?.mae), [`${prefix}_r2`]: v(mm?.r2) };
  }
  if (kind === 'binomial') {
    return {
      [`${prefix}_rmse`]: v(mm?.rmse), [`${prefix}_logloss`]: v(mm?.logloss), [`${prefix}_r2`]: v(mm?.r2), [`${prefix}_auc`]: v(mm?.auc),
      [`${prefix}_pr_auc`]: v(mm?.pr_auc), [`${prefix}_lift`]: v(mm?.lift_top_group), [`${prefix}_classification_error`]: v(mm?.classification_error),
    };
  }
  return {
    [`${prefix}_rmse`]: v(mm?.rmse), [`${prefix}_logloss`]: v(mm?.logloss), [`${prefix}_r2`]: v(mm?.r2),
    [`${prefix}_classification_error`]: v(mm?.classification_error), [`${prefix}_auc`]: v(mm?.auc), [`${prefix}_pr_auc`]: v(mm?.pr_auc),
  };
}

export function historyTable(events: readonly ScoringEvent[], kind: ModelMetrics['kind'], hasValidation: boolean): HistoryRow[] {
  return events.map((e) => ({
    timestamp: timestamp(e.timestamp),
    duration: `${(e.duration_ms / 1000).toFixed(3).padStart(7)} sec`,
    training_speed: speed(e.training_speed),
    epochs: e.epochs,
    iterations: e.iterations,
    samples: e.samples,
    ...metricColumns('training', e.training, kind),
    ...(hasValidation ? metricColumns('validation', e.validation, kind) : {}),
  }));
}
