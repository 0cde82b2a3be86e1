// aquifer describe FILE [--json]: H2O's summary of each column of a file (frame.describe()).

import { importFile } from '../../frame';
import { COL_TYPES_OPTION, colTypes, type CommandSpec, type ParsedArgs } from '../args';
import type { Command, Context } from '../command';
import { checkInputFile } from '../files';
import { describeTable, toJSON } from '../format';

const spec: CommandSpec = {
  name: 'describe',
  summary: "print a file's column summary: type, min, mean, max, sigma, zeros, missing, levels",
  usage: 'FILE [--col_types COL=TYPE,...] [--json]',
  options: [
    COL_TYPES_OPTION,
    { name: 'json', kind: 'boolean', help: 'print the summary as one JSON object, the last line of stdout' },
  ],
  params: false,
  positionals: ['FILE'],
};

async function run(a: ParsedArgs, ctx: Context): Promise<number> {
  const file = a.positionals[0]!;
  await checkInputFile('', file);
  const frame = await importFile(file, { col_types: colTypes('describe', a.options.col_types as string[] | undefined), onWarning: (w) => ctx.err(`warning: ${w}`) });
  const summaries = frame.describe();
  if (a.options.json === true) {
    ctx.out(toJSON({ command: 'describe', file, rows: frame.nrow, cols: frame.ncol, columns: summaries }));
    return 0;
  }
  ctx.out(`${file}: ${frame.nrow} rows, ${frame.ncol} columns`);
  ctx.out(describeTable(summaries));
  return 0;
}

export const describeCommand: Command = { spec, run };
