// aquifer predict --model model.aqm --data F --out pred.csv [--chunk_rows N] [--json]
// H2O's prediction frame for every row of F (predict, then one probability column per class),
// written as CSV atomically: pred.csv is either the whole result or untouched. F is read, scored
// and written N rows at a time (model.predictStream), so it may be larger than memory.

import { loadModel } from '../../persist';
import { DEFAULT_CHUNK_ROWS } from '../../frame/import-chunks';
import { isAquiferError } from '../../util/errors';
import { COL_TYPES_OPTION, colTypes, UsageError, type CommandSpec, type ParsedArgs } from '../args';
import type { Command, Context } from '../command';
import { checkInputFile, checkOutputPath } from '../files';
import { toJSON } from '../format';
import { cliMsg } from '../messages';
import { onInterrupt } from '../interrupt';

const spec: CommandSpec = {
  name: 'predict',
  summary: 'score a CSV file with a saved model and write the predictions as CSV',
  usage: '--model MODEL --data FILE --out FILE [--chunk_rows N] [--col_types COL=TYPE,...] [--json]',
  options: [
    { name: 'model', kind: 'string', value: 'MODEL', help: 'a model saved by aquifer train (or model.save)' },
    { name: 'data', kind: 'string', value: 'FILE', help: 'the rows to score: CSV or TSV, plain, .gz or .zip' },
    { name: 'out', kind: 'string', value: 'FILE', help: "where to write the predictions (CSV, H2O's columns)" },
    { name: 'chunk_rows', kind: 'string', value: 'N', help: `rows read and scored at a time (default ${DEFAULT_CHUNK_ROWS}): memory grows with N, not with the file` },
    COL_TYPES_OPTION,
    { name: 'json', kind: 'boolean', help: 'print the summary as one JSON object, the last line of stdout' },
  ],
  params: false,
  positionals: [],
};

async function run(a: ParsedArgs, ctx: Context): Promise<number> {
  const o = a.options as { model?: string; data?: string; out?: string; chunk_rows?: string; col_types?: string[]; json?: boolean };
  const col_types = colTypes('predict', o.col_types);
  if (o.model === undefined) throw new UsageError(cliMsg.missingOption('predict', '--model', 'MODEL (a saved model)'), 'predict');
  if (o.data === undefined) throw new UsageError(cliMsg.missingOption('predict', '--data', 'FILE (the rows to score)'), 'predict');
  if (o.out === undefined) throw new UsageError(cliMsg.missingOption('predict', '--out', 'FILE (where to write the predictions)'), 'predict');
  const chunkRows = o.chunk_rows === undefined ? undefined : Number(o.chunk_rows);
  if (chunkRows !== undefined && !(/^\d+$/.test(o.chunk_rows!) && chunkRows >= 1))
    throw new UsageError(cliMsg.notPositiveInteger('--chunk_rows', o.chunk_rows!), 'predict');
  await checkInputFile('--model', o.model);
  await checkInputFile('--data', o.data);
  await checkOutputPath('--out', o.out, [['--model', o.model], ['--data', o.data]]);

  const t0 = performance.now();
  const model = await loadModel(o.model);
  // Ctrl-C or a TERM signal stops between chunks and removes the partial output; a second one quits at once.
  const interrupt = onInterrupt();
  let pred;
  try {
    pred = await model.predictStream(o.data, { out: o.out, chunk_rows: chunkRows, col_types, signal: interrupt.signal, onWarning: (w) => ctx.err(`warning: ${w}`) });
  } catch (e) {
    if (interrupt.code === 0 || !(isAquiferError(e) && e.code === 'ABORTED')) throw e;
    ctx.err(cliMsg.predictInterrupted());
    return interrupt.code;
  } finally {
    interrupt.dispose();
  }
  const seconds = (performance.now() - t0) / 1000;
  if (o.json === true) {
    ctx.out(toJSON({ command: 'predict', model: o.model, data: o.data, out: o.out, rows: pred.rows, columns: pred.columns, wall_s: seconds, warnings: pred.warnings }));
  } else {
    ctx.out(`${pred.rows} predictions (columns: ${pred.columns.join(', ')}) written to ${o.out} in ${seconds.toFixed(1)} s`);
  }
  return 0;
}

export const predictCommand: Command = { spec, run };
