// Argument parsing: a command's own options (`--train FILE`, `--json`) and, for commands that train,
// every Deep Learning parameter as `--name value` with H2O's name, its text read by
// parseParameterValue. Values may follow as the next word or after `=`; a boolean may stand alone
// (`--sparse`) or take true/false. A negative number is a value (`--seed -1`), never a flag.

import { isAquiferError } from '../util/errors';
import { editDistance, parameterSpec, parseParameterValue, PARAMETER_ALIASES, suggestParameterName } from '../dl/params';
import { cliMsg } from './messages';

/** A mistake on the command line: exit code 2, with the command whose help explains it. */
export class UsageError extends Error {
  readonly command: string | undefined;
  constructor(message: string, command?: string) {
    super(message);
    this.name = 'UsageError';
    this.command = command;
  }
}

export type OptionKind = 'string' | 'boolean' | 'list';

export interface OptionSpec {
  name: string;
  kind: OptionKind;
  /** What the value is, for help and messages: FILE, COL, A,B,... */
  value?: string;
  help: string;
  /** Other names of the option (H2O's parameter name for it: `training_frame` for `--train`). */
  aliases?: readonly string[];
}

export interface CommandSpec {
  name: string;
  summary: string;
  /** The synopsis after `aquifer NAME`. */
  usage: string;
  options: readonly OptionSpec[];
  /** Whether every Deep Learning parameter is accepted as `--name value`. */
  params: boolean;
  /** Names of the positional arguments, in order; all are required. */
  positionals: readonly string[];
}

export interface ParsedArgs {
  /** The command's own options by their main name. */
  options: Record<string, string | boolean | string[]>;
  /** Deep Learning parameters by H2O name (aliases followed), typed and range-checked. */
  params: Record<string, unknown>;
  positionals: string[];
  help: boolean;
}

const BOOLEAN_WORDS = new Set(['true', 'false', 't', 'f', 'yes', 'no', '1', '0']);

/** `--input-dropout-ratio` and `--input_dropout_ratio` are one name. */
const canonical = (name: string) => name.replace(/-/g, '_');

function findOption(spec: CommandSpec, name: string): OptionSpec | undefined {
  return spec.options.find((o) => canonical(o.name) === name || o.aliases?.some((a) => canonical(a) === name));
}

/** A Deep Learning parameter's H2O name for a flag's name (y → response_column), if it is one. */
function paramName(name: string): string | undefined {
  if (parameterSpec(name)) return name;
  return PARAMETER_ALIASES[name];
}

/** The closest option (or parameter) name to a mistyped one, if any is close. */
export function suggestFlag(spec: CommandSpec, name: string): string | undefined {
  const limit = Math.max(1, Math.min(3, Math.floor(name.length / 3)));
  let best: string | undefined, bestD = Infinity;
  for (const o of spec.options) {
    for (const n of [o.name, ...(o.aliases ?? [])]) {
      const d = editDistance(name, canonical(n));
      if (d < bestD) { best = o.name; bestD = d; }
    }
  }
  if (bestD <= limit) return best;
  return spec.params ? suggestParameterName(name) : undefined;
}

function isFlag(word: string): boolean {
  return word.startsWith('--') || (word.startsWith('-') && word.length > 1 && !/^-[\d.]/.test(word));
}

function parseBoolean(flag: string, text: string): boolean {
  const t = text.trim().toLowerCase();
  if (!BOOLEAN_WORDS.has(t)) throw new UsageError(cliMsg.notBoolean(flag, text));
  return t === 'true' || t === 't' || t === 'yes' || t === '1';
}

function listValue(flag: string, text: string): string[] {
  const items = text.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  if (items.length === 0) throw new UsageError(cliMsg.emptyList(flag));
  return items;
}

/** Parses `argv` (the words after the command's name) against the command's spec. */
export function parseArgs(spec: CommandSpec, argv: readonly string[]): ParsedArgs {
  const out: ParsedArgs = { options: {}, params: {}, positionals: [], help: false };
  const seen = new Map<string, string>(); // slot → the flag that filled it
  const fill = (slot: string, flag: string) => {
    const before = seen.get(slot);
    if (before !== undefined) throw new UsageError(before === flag ? cliMsg.givenTwice(flag) : cliMsg.sameAs(before, flag), spec.name);
    seen.set(slot, flag);
  };
  let i = 0;
  let onlyPositionals = false;
  // A stray word right after a boolean flag was most likely meant as its value.
  const afterBoolean = new Map<number, string>();
  let lastBoolean: string | undefined;
  while (i < argv.length) {
    const word = argv[i++]!;
    const previousBoolean = lastBoolean;
    lastBoolean = undefined;
    if (onlyPositionals || !isFlag(word)) {
      if (previousBoolean !== undefined) afterBoolean.set(out.positionals.length, previousBoolean);
      out.positionals.push(word);
      continue;
    }
    if (word === '--') { onlyPositionals = true; continue; }
    if (word === '--help' || word === '-h') { out.help = true; continue; }
    const eq = word.indexOf('=');
    const flag = eq >= 0 ? word.slice(0, eq) : word;
    const inline = eq >= 0 ? word.slice(eq + 1) : undefined;
    const name = canonical(flag.replace(/^-+/, ''));
    // The next word, when it is a value rather than the next flag.
    const next = (): string | undefined => (i < argv.length && !argv[i]!.startsWith('--') ? argv[i] : undefined);
    const option = flag.startsWith('--') ? findOption(spec, name) : undefined;
    const param = option === undefined && spec.params && flag.startsWith('--') ? paramName(name) : undefined;
    if (option === undefined && param === undefined) {
      throw new UsageError(cliMsg.unknownOption(flag, flag.startsWith('--') ? suggestFlag(spec, name) : undefined), spec.name);
    }
    if (option !== undefined) {
      fill(option.name, flag);
      if (option.kind === 'boolean') {
        let v = true;
        if (inline !== undefined) v = parseBoolean(flag, inline);
        else if (next() !== undefined && BOOLEAN_WORDS.has(next()!.toLowerCase())) v = parseBoolean(flag, argv[i++]!);
        else lastBoolean = flag;
        out.options[option.name] = v;
        continue;
      }
      const text = inline ?? next();
      if (text === undefined) throw new UsageError(cliMsg.needsValue(flag, option.value ?? 'a value'), spec.name);
      if (inline === undefined) i++;
      out.options[option.name] = option.kind === 'list' ? listValue(flag, text) : text;
      continue;
    }
    const p = parameterSpec(param!)!;
    fill(p.name, flag);
    if (p.type === 'function') throw new UsageError(cliMsg.notCliParameter(p.name), spec.name);
    let text = inline;
    if (text === undefined) {
      const n = next();
      if (p.type === 'boolean') {
        if (n !== undefined && BOOLEAN_WORDS.has(n.toLowerCase())) { text = n; i++; } else { text = 'true'; lastBoolean = flag; }
      } else {
        if (n === undefined) throw new UsageError(cliMsg.needsValue(flag, valueName(p.type)), spec.name);
        text = n; i++;
      }
    }
    try {
      out.params[p.name] = parseParameterValue(p.name, text);
    } catch (e) {
      if (isAquiferError(e)) throw new UsageError(e.message, spec.name);
      throw e;
    }
  }
  if (!out.help) {
    if (out.positionals.length > spec.positionals.length) {
      const k = spec.positionals.length;
      throw new UsageError(cliMsg.unexpectedArgument(out.positionals[k]!, spec.name, afterBoolean.get(k)), spec.name);
    }
    if (out.positionals.length < spec.positionals.length) {
      throw new UsageError(cliMsg.missingArgument(spec.name, spec.positionals[out.positionals.length]!), spec.name);
    }
  }
  return out;
}

/** What a parameter's value looks like on the command line, for help and messages. */
export function valueName(type: string): string {
  switch (type) {
    case 'boolean': return 'true|false';
    case 'integer': case 'seed': return 'INT';
    case 'number': return 'NUM';
    case 'enum': return 'NAME';
    case 'integer[]': return 'INT,INT,...';
    case 'number[]': return 'NUM,NUM,...';
    case 'column': return 'COL';
    case 'columns': return 'COL,COL,...';
    case 'frame': case 'model': return 'FILE';
    case 'frames': return 'FILE,FILE,...';
    default: return 'TEXT';
  }
}

/** The option every command that reads CSV takes: column types, as importFile's col_types. */
export const COL_TYPES_OPTION: OptionSpec = {
  name: 'col_types', kind: 'list', value: 'COL=TYPE,...', help: 'fix column types instead of guessing them: real, int, enum, string or time (e.g. --col_types zip=enum)',
};

/** --col_types A=enum,B=real as importFile's col_types; undefined when not given. */
export function colTypes(command: string, list: string[] | undefined): Record<string, string> | undefined {
  if (list === undefined) return undefined;
  const out: Record<string, string> = {};
  for (const item of list) {
    const eq = item.lastIndexOf('=');
    if (eq <= 0 || eq === item.length - 1) throw new UsageError(`--col_types: cannot read ${JSON.stringify(item)} as COL=TYPE (e.g. zip=enum)`, command);
    out[item.slice(0, eq)] = item.slice(eq + 1);
  }
  return out;
}
