// Output formatting: plain-text tables for a terminal (metrics side by side, H2O's confusion matrix,
// a frame's summary) and the JSON forms of the same, all as strings so they are testable.

import type { ColumnSummary } from '../frame/describe';
import type { ModelMetrics } from '../dl/evaluate';
import type { ConfusionMatrix } from '../metrics';

/** A number as H2O prints a metric: up to 6 significant digits, integers whole; '' for absent. */
export function formatNumber(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v !== 'number') return String(v);
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? 'Inf' : '-Inf';
  if (Number.isInteger(v) && Math.abs(v) < 1e15) return String(v);
  const s = v.toPrecision(6);
  return s.includes('e') ? s.replace(/\.?0+e/, 'e') : s.replace(/\.?0+$/, '');
}

/** Rows of cells as aligned text: the first `left` columns (labels) left-aligned, the others
 *  (numbers) right-aligned. */
export function table(rows: readonly (readonly string[])[], indent = '', left = 1): string {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, j) => { widths[j] = Math.max(widths[j] ?? 0, c.length); });
  return rows.map((r) => indent + r.map((c, j) => (j < left ? c.padEnd(widths[j]!) : c.padStart(widths[j]!))).join('  ').trimEnd()).join('\n');
}

/** The main metrics of a kind, as H2O's model display lists them. */
const MAIN_METRICS: Record<ModelMetrics['kind'], ReadonlyArray<[string, string]>> = {
  regression: [['nobs', 'rows'], ['mse', 'MSE'], ['rmse', 'RMSE'], ['mae', 'MAE'], ['rmsle', 'RMSLE'],
    ['mean_residual_deviance', 'mean residual deviance'], ['r2', 'R^2']],
  binomial: [['nobs', 'rows'], ['mse', 'MSE'], ['rmse', 'RMSE'], ['logloss', 'logloss'], ['auc', 'AUC'],
    ['pr_auc', 'AUCPR'], ['gini', 'Gini'], ['mean_per_class_error', 'mean per-class error'],
    ['classification_error', 'classification error'], ['threshold', 'max-F1 threshold']],
  multinomial: [['nobs', 'rows'], ['mse', 'MSE'], ['rmse', 'RMSE'], ['logloss', 'logloss'],
    ['mean_per_class_error', 'mean per-class error'], ['classification_error', 'classification error']],
};

/** The main metrics as a plain object (for --json): numbers, plus the confusion matrix's counts. */
export function metricsSummary(m: ModelMetrics): Record<string, unknown> {
  const r = m as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = { kind: m.kind };
  for (const [key] of MAIN_METRICS[m.kind]) if (r[key] !== undefined) out[key] = r[key];
  if (m.kind === 'multinomial') out.hit_ratios = m.hit_ratios.slice(0, 5);
  const cm = m.kind === 'regression' ? null : m.cm;
  if (cm) out.confusion_matrix = { labels: cm.labels, matrix: cm.matrix };
  return out;
}

/** Training and validation metrics side by side, one metric a row. */
export function metricsTable(sets: ReadonlyArray<[string, ModelMetrics]>): string {
  if (sets.length === 0) return '';
  const kind = sets[0]![1].kind;
  const rows: string[][] = [['', ...sets.map(([name]) => name)]];
  for (const [key, label] of MAIN_METRICS[kind]) {
    rows.push([label, ...sets.map(([, m]) => formatNumber((m as unknown as Record<string, unknown>)[key]))]);
  }
  if (kind === 'multinomial') {
    const k = Math.min(5, ...sets.map(([, m]) => (m.kind === 'multinomial' ? m.hit_ratios.length : 0)));
    for (let j = 0; j < k; j++) rows.push([`top-${j + 1} hit ratio`, ...sets.map(([, m]) => formatNumber((m as { hit_ratios: number[] }).hit_ratios[j]))]);
  }
  return table(rows, '  ');
}

/** H2O's confusion matrix table: actual classes down, predicted across, then Error and Rate. */
export function confusionMatrixTable(cm: ConfusionMatrix): string {
  const rows: string[][] = [['', ...cm.columns]];
  cm.table.forEach((row, i) => rows.push([String(cm.row_labels[i]), ...row.map((v) => formatNumber(v))]));
  return table(rows, '  ');
}

/** The metrics of each set, then each set's confusion matrix (classification). */
export function metricsReport(sets: ReadonlyArray<[string, ModelMetrics]>): string {
  const parts = [`Metrics (${sets[0]?.[1].kind ?? 'none'}):`, metricsTable(sets)];
  for (const [name, m] of sets) {
    if (m.kind !== 'regression' && m.cm) {
      const at = m.kind === 'binomial' ? ` at threshold ${formatNumber(m.threshold)}` : '';
      parts.push('', `Confusion matrix, ${name}${at} (rows: actual, columns: predicted):`, confusionMatrixTable(m.cm));
    }
  }
  return parts.join('\n');
}

/** A frame's summary, one row per column (a frame may have hundreds of columns; a terminal is narrow). */
export function describeTable(summaries: readonly ColumnSummary[]): string {
  const rows: string[][] = [['column', 'type', 'min', 'mean', 'max', 'sigma', 'zeros', 'missing', 'levels']];
  for (const s of summaries) {
    rows.push([s.name, s.type, num(s.min), num(s.mean), num(s.max), num(s.sd), String(s.zeros), String(s.missing), s.cardinality === null ? '' : String(s.cardinality)]);
  }
  return table(rows, '', 2);
}

const num = (v: number) => (Number.isNaN(v) ? '' : formatNumber(v));

/** JSON.stringify that keeps a 64-bit seed (bigint) as its decimal text and non-finite numbers as null. */
export function toJSON(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
}
