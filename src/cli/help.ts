// Help texts: the command list (`aquifer --help`) and one command's options (`aquifer help train`),
// which for training commands lists every Deep Learning parameter with its default and help line,
// straight from the parameter table, so help can never disagree with what is accepted.

import { formatParameterValue, PARAMETER_ALIASES, PARAMETERS } from '../dl/params';
import { valueName, type CommandSpec, type OptionSpec } from './args';

/** Columns padded to the widest cell (up to maxWidth), left-aligned (help reads down the first column). */
function columns(rows: readonly (readonly string[])[], indent = '  ', maxWidth = 34): string {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, j) => { if (j < r.length - 1 && c.length <= maxWidth) widths[j] = Math.max(widths[j] ?? 0, c.length); });
  const line = (r: readonly string[]) => indent + r.map((c, j) => (j < r.length - 1 ? c.padEnd(widths[j] ?? 0) : c)).join('  ').trimEnd();
  // A first cell wider than maxWidth gets a line of its own; the rest of its row follows, aligned.
  return rows.map((r) => ((r[0]?.length ?? 0) > (widths[0] ?? 0) && r.length > 1 ? `${indent}${r[0]}\n${line(['', ...r.slice(1)])}` : line(r))).join('\n');
}

function optionFlag(o: OptionSpec): string {
  return o.kind === 'boolean' ? `--${o.name}` : `--${o.name} ${o.value ?? 'VALUE'}`;
}

export function generalHelp(commands: readonly CommandSpec[], version: string): string {
  return [
    `aquifer ${version}: H2O-3's Deep Learning for tabular data, in TypeScript and WebAssembly`,
    '',
    'usage: aquifer COMMAND [options]',
    '',
    'commands:',
    columns([...commands.map((c) => [c.name, c.summary]), ['help [COMMAND]', "a command's options (help train: every Deep Learning parameter)"]]),
    '',
    'options:',
    columns([['--help, -h', 'this help (after a command: that command\'s help)'], ['--version, -V', "aquifer's version"]]),
    '',
    'Every Deep Learning parameter is a train option under its H2O name: --hidden 32,32,32',
    '--input_dropout_ratio 0.2 --epochs 10 --sparse (a boolean alone means true).',
    '',
    'examples:',
    '  aquifer describe train.csv',
    '  aquifer train --train train.csv --valid valid.csv --y label --asfactor label --hidden 32,32 --epochs 10 --out model.aqm',
    '  aquifer predict --model model.aqm --data test.csv --out pred.csv',
    '',
    'exit codes: 0 done, 1 error (bad data, missing file, failed training), 2 bad command line,',
    '130/143 interrupted by Ctrl-C/SIGTERM during predict (an interrupted train saves its model, exit 0).',
    'AQUIFER_DEBUG=1 adds stack traces to error messages.',
  ].join('\n');
}

/** One line per parameter: flag and value form, default, help. */
export function parameterHelp(spec: CommandSpec): string {
  const byAlias = new Map<string, string>();
  for (const o of spec.options) for (const a of o.aliases ?? []) byAlias.set(a, o.name);
  const shortNames = new Map<string, string>(Object.entries(PARAMETER_ALIASES).map(([alias, name]) => [name, alias]));
  const rows = PARAMETERS.map((p) => {
    const flag = p.type === 'boolean' ? `--${p.name}` : `--${p.name} ${valueName(p.type)}`;
    const option = byAlias.get(p.name);
    const short = shortNames.get(p.name);
    let help = p.help;
    if (option) help = `same as --${option}`;
    else if (short) help = `${help} (also --${short})`;
    if (p.type === 'function') help = `${help} (not on the command line)`;
    return [flag, formatParameterValue(p.default), help];
  });
  return columns([['PARAMETER', 'DEFAULT', 'HELP'], ...rows]);
}

export function commandHelp(spec: CommandSpec): string {
  const parts = [
    `usage: aquifer ${spec.name} ${spec.usage}`,
    '',
    `${spec.summary[0]!.toUpperCase()}${spec.summary.slice(1)}.`,
  ];
  if (spec.positionals.length > 0) parts.push('', `arguments: ${spec.positionals.join(' ')}`);
  const opts = spec.options.map((o) => [optionFlag(o), o.help + (o.aliases?.length ? ` (H2O: ${o.aliases.join(', ')})` : '')]);
  opts.push(['--help, -h', 'this help']);
  parts.push('', 'options:', columns(opts));
  if (spec.params) {
    parts.push(
      '',
      `Deep Learning parameters (${PARAMETERS.length}), H2O's names and defaults. Lists as 32,32,32; booleans`,
      'as --name, --name true or --name false; null where a parameter may be null. Dashes may stand for',
      'underscores (--input-dropout-ratio).',
      '',
      parameterHelp(spec),
    );
  }
  return parts.join('\n');
}
