// aquifer train --train F [--valid F] --y COL [--x A,B,...] [--PARAM VALUE ...] --out model.aqm [--json]
// Imports the files, trains with a progress bar on stderr, prints the metrics and saves the model.
// Ctrl-C stops training at the next round and keeps (and saves) the model of the last scoring event.

import { DeepLearningEstimator } from '../../dl/estimator';
import type { DeepLearningModel } from '../../dl/model';
import type { ModelMetrics } from '../../dl/evaluate';
import { parameterSpec } from '../../dl/params';
import { importFile, type Frame } from '../../frame';
import { loadModel } from '../../persist';
import { COL_TYPES_OPTION, colTypes, UsageError, type CommandSpec, type ParsedArgs } from '../args';
import type { Command, Context } from '../command';
import { checkInputFile, checkOutputPath } from '../files';
import { metricsReport, metricsSummary, toJSON } from '../format';
import { cliMsg } from '../messages';
import { ProgressBar } from '../progress';
import { onInterrupt } from '../interrupt';

const spec: CommandSpec = {
  name: 'train',
  summary: 'train a Deep Learning model on a CSV file and save it',
  usage: '--train FILE [--valid FILE] --y COL [--x A,B,...] [--col_types COL=TYPE,...] [--PARAM VALUE ...] --out MODEL [--json]',
  options: [
    { name: 'train', kind: 'string', value: 'FILE', aliases: ['training_frame'], help: 'training data: CSV or TSV, plain, .gz or .zip (a path or URL)' },
    { name: 'valid', kind: 'string', value: 'FILE', aliases: ['validation_frame'], help: 'validation data, scored at each scoring event' },
    { name: 'x', kind: 'list', value: 'A,B,...', help: 'predictor columns (default: every column but the response and special columns)' },
    { name: 'asfactor', kind: 'list', value: 'A,B,...', help: 'columns to make categorical, e.g. a numeric response to classify' },
    COL_TYPES_OPTION,
    { name: 'out', kind: 'string', value: 'MODEL', help: 'where to save the model (e.g. model.aqm)' },
    { name: 'json', kind: 'boolean', help: 'print the summary as one JSON object, the last line of stdout' },
  ],
  params: true,
  positionals: [],
};

async function importInput(path: string, asfactor: string[], col_types: Record<string, string> | undefined, ctx: Context): Promise<Frame> {
  const frame = await importFile(path, { col_types, onWarning: (w) => ctx.err(`warning: ${w}`) });
  for (const c of asfactor) if (frame.has(c)) frame.asfactor(c);
  return frame;
}

/** Parameters that name files on the command line become what train() takes: frames and models. */
async function resolveFileParameters(params: Record<string, unknown>, ctx: Context): Promise<void> {
  for (const [name, value] of Object.entries(params)) {
    const type = parameterSpec(name)?.type;
    if (type === 'frames' && Array.isArray(value)) {
      params[name] = await Promise.all(value.map(async (p: string | null) => {
        if (p === null) return null;
        await checkInputFile(`--${name}`, p);
        return importFile(p, { onWarning: (w) => ctx.err(`warning: ${w}`) });
      }));
    } else if (type === 'model' && typeof value === 'string') {
      await checkInputFile(`--${name}`, value);
      params[name] = await loadModel(value);
    }
  }
}

async function run(a: ParsedArgs, ctx: Context): Promise<number> {
  const o = a.options as { train?: string; valid?: string; x?: string[]; asfactor?: string[]; col_types?: string[]; out?: string; json?: boolean };
  const types = colTypes('train', o.col_types);
  const params = { ...a.params };
  if (o.train === undefined) throw new UsageError(cliMsg.missingOption('train', '--train', 'FILE (the training data)'), 'train');
  if (params.response_column == null && params.autoencoder !== true) {
    throw new UsageError(cliMsg.missingOption('train', '--y', 'COL (the response column)'), 'train');
  }
  if (o.out === undefined) throw new UsageError(cliMsg.missingOption('train', '--out', 'MODEL (where to save the model)'), 'train');
  const json = o.json === true;
  const say = (line: string) => { if (!json) ctx.out(line); };

  await checkInputFile('--train', o.train);
  if (o.valid !== undefined) await checkInputFile('--valid', o.valid);
  await checkOutputPath('--out', o.out, [['--train', o.train], ['--valid', o.valid]]);

  const asfactor = o.asfactor ?? [];
  const train = await importInput(o.train, asfactor, types, ctx);
  for (const c of asfactor) train.col(c); // a name in no column is an error (with a did-you-mean)
  const valid = o.valid === undefined ? undefined : await importInput(o.valid, asfactor, types, ctx);
  await resolveFileParameters(params, ctx);
  const y = params.response_column as string | null | undefined;
  say(`training data: ${o.train} (${train.nrow} rows, ${train.ncol} columns)${valid ? `; validation data: ${o.valid} (${valid.nrow} rows)` : ''}`);
  if (y && train.has(y)) say(`response: ${y} (${train.col(y).type})`);

  const estimator = new DeepLearningEstimator(params);
  const bar = new ProgressBar(ctx.progress);
  const interrupt = onInterrupt(() => { bar.done(); ctx.err(cliMsg.interrupted()); });
  const t0 = performance.now();
  let model: DeepLearningModel;
  try {
    model = await estimator.train({
      ...(o.x ? { x: o.x } : {}), training_frame: train, ...(valid ? { validation_frame: valid } : {}),
      onProgress: bar.update, signal: interrupt.signal,
    });
  } finally {
    bar.done();
    interrupt.dispose();
  }
  const seconds = (performance.now() - t0) / 1000;
  for (const w of model.warnings) ctx.err(`warning: ${w}`);

  await model.save(o.out);
  const training = model.modelPerformance({ train: true }) as ModelMetrics;
  const validation = valid ? (model.modelPerformance({ valid: true }) as ModelMetrics) : null;
  const p = model.params;
  say(`trained ${model.epochs.toFixed(2)} epochs (${model.samples} rows) in ${seconds.toFixed(1)} s on ${model.execution.threads} thread${model.execution.threads === 1 ? '' : 's'} (${model.execution.build}); stopped by ${model.stoppedBy}`);
  say(`distribution ${p.distribution}, activation ${p.activation}, hidden [${p.hidden.join(',')}]`);
  say('');
  say(metricsReport(validation ? [['training', training], ['validation', validation]] : [['training', training]]));
  say('');
  say(`model saved to ${o.out}`);
  if (json) {
    ctx.out(toJSON({
      command: 'train', model: o.out, response: y ?? null, distribution: p.distribution, epochs: model.epochs,
      iterations: model.iterations, samples: model.samples, stopped_by: model.stoppedBy, wall_s: seconds,
      rows_per_s: model.samples / seconds, threads: model.execution.threads, build: model.execution.build,
      training: metricsSummary(training), validation: validation ? metricsSummary(validation) : null,
      warnings: model.warnings,
    }));
  }
  return 0;
}

export const trainCommand: Command = { spec, run };
