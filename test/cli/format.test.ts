// Output formatting: numbers as H2O prints them, aligned tables, H2O's confusion matrix, summaries.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { confusionMatrixTable, describeTable, formatNumber, metricsReport, metricsSummary, table, toJSON } from '../../src/cli/format';
import { binomialMetrics, multinomialMetrics, regressionMetrics } from '../../src/metrics';
import { Frame } from '../../src/frame';
import type { ModelMetrics } from '../../src/dl/evaluate';

test('numbers: integers whole, others to 6 significant digits, NaN and infinities named, absent blank', () => {
  assert.equal([3, 0.1234567, 1234567.89, 1e-9 / 3, NaN, -Infinity, undefined].map(formatNumber), ['3', '0.123457', '1.23457e+6', '3.33333e-10', 'NaN', '-Inf', '']);
});

test('tables: first column left-aligned, the rest right-aligned', () => {
  assert.is(table([['a', '1'], ['bbb', '22']]), 'a     1\nbbb  22');
});

const binomial = { kind: 'binomial', ...binomialMetrics({ y: [0, 1, 1, 0, 1], p1: [0.2, 0.9, 0.6, 0.4, 0.3], domain: ['no', 'yes'] }) } as ModelMetrics;

test('the confusion matrix has H2O\'s Error and Rate columns and a Totals row', () => {
  const text = confusionMatrixTable((binomial as unknown as { cm: never }).cm);
  const lines = text.split('\n');
  assert.match(lines[0]!, /no\s+yes\s+Error\s+Rate$/);
  assert.match(lines[3]!, /^\s+Totals/);
  assert.is(lines.length, 4);
});

test('the metrics report puts training and validation side by side, then each confusion matrix', () => {
  const text = metricsReport([['training', binomial], ['validation', binomial]]);
  assert.match(text, /^Metrics \(binomial\):\n\s+training\s+validation\n/);
  assert.match(text, /AUC\s+[\d.]+\s+[\d.]+/);
  assert.match(text, /Confusion matrix, training at threshold [\d.]+ \(rows: actual, columns: predicted\)/);
  assert.match(text, /Confusion matrix, validation/);
});

test('regression reports have no confusion matrix; multinomial ones have hit ratios', () => {
  const reg = { kind: 'regression', ...regressionMetrics({ y: [1, 2, 3], pred: [1.1, 1.9, 3.2] }) } as ModelMetrics;
  assert.not.match(metricsReport([['training', reg]]), /Confusion/);
  assert.match(metricsReport([['training', reg]]), /R\^2/);
  const multi = { kind: 'multinomial', ...multinomialMetrics({ y: [0, 1, 2], probs: [0.8, 0.1, 0.1, 0.2, 0.7, 0.1, 0.3, 0.3, 0.4], K: 3, domain: ['a', 'b', 'c'] }) } as ModelMetrics;
  assert.match(metricsReport([['training', multi]]), /top-1 hit ratio\s+1\n\s+top-2 hit ratio/);
});

test('the JSON summary keeps the main metrics and the confusion matrix counts, not the big tables', () => {
  const s = metricsSummary(binomial);
  assert.ok('auc' in s && 'logloss' in s && 'confusion_matrix' in s);
  assert.not.ok('thresholds_and_metric_scores' in s);
  assert.equal((s.confusion_matrix as { labels: string[] }).labels, ['no', 'yes']);
});

test('describe: one row per column, blanks where a string column has no numbers, levels for enums', () => {
  const f = Frame.fromArrays({ x: [1, NaN, 3], s: ['p', 'q', null], e: ['u', 'v', 'u'] }, { types: { e: 'enum', s: 'string' } });
  const lines = describeTable(f.describe()).split('\n');
  assert.match(lines[0]!, /^column\s+type\s+min\s+mean\s+max\s+sigma\s+zeros\s+missing\s+levels$/);
  assert.match(lines[1]!, /^x\s+int\s+1\s+2\s+3\s+1.41421\s+0\s+1$/);
  assert.match(lines[2]!, /^s\s+string\s+0\s+1$/);
  assert.match(lines[3]!, /^e\s+enum\s+0\s+0.333333\s+1\s+0.57735\s+2\s+0\s+2$/);
});

test('JSON keeps a 64-bit seed as text and writes non-finite numbers as null', () => {
  assert.is(toJSON({ seed: 2n ** 63n - 1n, x: NaN }), '{"seed":"9223372036854775807","x":null}');
});

test.run();
