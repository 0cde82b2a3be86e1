// importFile: H2O's import_file + parse for CSV/TSV, streamed. The first chunk of the (decompressed)
// input is the sample that ParseSetup-style guessing looks at; then every chunk goes through the
// byte-level row parser into narrow column blocks. A column whose guessed type is disproved later
// in the file is read once more, alone, as text. Errors name the file, line and column, and
// nothing half-parsed is ever returned. A large input is parsed by workers, in pieces, with the
// same parser (parse-parallel.ts); the result is the same frame.

import { AquiferError } from '../util/errors';
import { Column, type ColumnType } from './column';
import { FieldKind, type ParsedRows, type ParserColumn } from './csv-parser';
import { guessHeader, guessSeparator, guessType, stringOrEnum, tokenizeSample } from './csv-setup';
import { Frame } from './frame';
import { DEFAULT_NA_STRINGS } from './na';
import { didYouMean, uniqueNames } from './names';
import { DEFAULT_TUNING, ParallelParser, parseThreads, type ParallelTuning } from './parse-parallel';
import type { PassSetup } from './parse-task';
import { estimateRows, rowPass, sampleBytesPerRow, textFrom } from './row-pass';
import { openSource, openText, type TextSource } from './source';

export interface ImportOptions {
  /** Field separator (one character); guessed from the sample when absent. */
  sep?: string;
  /** H2O's header: -1 (or false) the first row is data, 1 (or true) it is a header, 0 guess (default). */
  header?: -1 | 0 | 1 | boolean;
  /** Column names to use instead of the header's (or of C1, C2, ...). */
  col_names?: string[];
  /** Types by column name, or by position: real (numeric), int, enum (factor), string, time. */
  col_types?: Record<string, string> | string[];
  /** Extra NA tokens, for every column or per column name; empty, NA, N/A, NaN, ?, null always are. */
  na_strings?: string[] | Record<string, string[]>;
  /** 0-based positions of columns to leave out. */
  skipped_columns?: number[];
  /** The quote character: '"' (default) or "'". */
  quotechar?: string;
  /** Called with each warning as well as collecting it in `frame.warnings`. */
  onWarning?: (message: string) => void;
  /** Workers for the parse: -1 (default) one per core, up to 4, for inputs of 32 MB or more
   *  (the file's size, or the text size a gzip or zip records); 1 none; n >= 2 exactly n. */
  nthreads?: number;
}

/** Bytes looked at for the guesses, and the least the parser is handed at a time. */
const SAMPLE_BYTES = 1 << 20;
const SAMPLE_ROWS = 2000;
const SAMPLE_FIELDS = 100_000;
const NL = 10;

const TYPE_NAMES: Record<string, ColumnType> = {
  real: 'real', numeric: 'real', float: 'real', double: 'real', int: 'int', integer: 'int',
  enum: 'enum', factor: 'enum', categorical: 'enum', string: 'string', character: 'string', time: 'time', date: 'time',
};

/** `tuning` is for tests and benchmarks: when and how the parse is split over workers. */
export async function importFile(source: string | URL | Blob, options: ImportOptions = {}, tuning: Partial<ParallelTuning> = {}): Promise<Frame> {
  checkOptions(options);
  return parseText(await openText(await openSource(source)), options, { ...DEFAULT_TUNING, ...tuning });
}

/**
 * CSV already in memory: a string, bytes, or a list of byte chunks (read in that order; the
 * split points are arbitrary). `name` is what error messages call it.
 */
export async function parseCSV(input: string | Uint8Array | readonly Uint8Array[], options: ImportOptions & { name?: string } = {}, tuning: Partial<ParallelTuning> = {}): Promise<Frame> {
  checkOptions(options);
  const chunks = typeof input === 'string' ? [new TextEncoder().encode(input)] : input instanceof Uint8Array ? [input] : input;
  const size = chunks.reduce((s, c) => s + c.length, 0);
  const text: TextSource = {
    name: options.name ?? 'CSV text', size, compression: 'none',
    chunks: async function* () { yield* chunks; },
  };
  return parseText(text, options, { ...DEFAULT_TUNING, ...tuning });
}

type Workers = Promise<ParallelParser | Error> | null;

async function parseText(text: TextSource, options: ImportOptions, tuning: ParallelTuning): Promise<Frame> {
  // Workers start while the sample is read and the types are guessed.
  const plan = await parseThreads(options.nthreads ?? -1, text.size, tuning);
  const workers: Workers = plan && ParallelParser.start(plan.threads, plan.build, tuning.pieceBytes).catch((e: Error) => e);
  const reader = text.chunks()[Symbol.asyncIterator]();
  try {
    return await parseAll(text, reader, options, workers);
  } finally {
    await reader.return?.(undefined);
    const w = await workers;
    if (w instanceof ParallelParser) await w.close();
  }
}

async function parseAll(text: TextSource, reader: AsyncIterator<Uint8Array>, options: ImportOptions, workers: Workers): Promise<Frame> {
  const name = text.name;
  // ---- the sample: at least SAMPLE_BYTES, or the whole input, and at least two rows -----------
  const parts: Uint8Array[] = [];
  let have = 0, done = false;
  const readMore = async (atLeast: number) => {
    while (!done && have < atLeast) {
      const r = await reader.next();
      if (r.done) done = true; else { parts.push(r.value); have += r.value.length; }
    }
  };
  await readMore(SAMPLE_BYTES);
  let sample = joined(parts);
  const bom = sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf ? 3 : 0;
  checkText(sample, name, done);
  const quote = (options.quotechar ?? '"').charCodeAt(0);
  const na = naSets(options.na_strings);
  const isTsv = /\.tsv(\.gz|\.zip)?$/i.test(name);
  let sep = options.sep ?? guessSeparator(sample.subarray(bom), quote, done, isTsv ? '\t' : undefined);
  const tokenize = () => {
    // Enough rows for the guesses, but no more than about SAMPLE_FIELDS fields in all (the sample
    // is materialised as strings; MNIST's 785 columns would otherwise cost tens of MB of heap).
    const first = tokenizeSample(sample.subarray(bom), sep.charCodeAt(0), quote, done, 1);
    const width = first.rows[0]?.fields.length ?? 1;
    const maxRows = Math.max(20, Math.min(SAMPLE_ROWS, Math.floor(SAMPLE_FIELDS / width)));
    return { maxRows, ...tokenizeSample(sample.subarray(bom), sep.charCodeAt(0), quote, done, maxRows) };
  };
  let tok = tokenize();
  while (!done && tok.rows.length < 2) {                            // a row longer than the sample
    await readMore(have * 2);
    sample = joined(parts);
    if (options.sep === undefined) sep = guessSeparator(sample.subarray(bom), quote, done, isTsv ? '\t' : undefined);
    tok = tokenize();
  }
  if (tok.unterminated > 0)
    throw new AquiferError('PARSE_ERROR', `${name}, line ${tok.unterminated}: unterminated quoted field (no closing quote before the end of the file)`, { subject: name });
  const rows = tok.rows;

  // ---- setup: header, names, types --------------------------------------------------------------
  const headerOpt = options.header === true ? 1 : options.header === false ? -1 : options.header ?? 0;
  const hasHeader = headerOpt === 1 || (headerOpt === 0 && guessHeader(rows, na.all));
  const dataRows = hasHeader ? rows.slice(1) : rows;
  const width = hasHeader ? rows[0]!.fields.length : Math.max(...rows.map((r) => r.fields.length));
  const rawNames = options.col_names ?? (hasHeader ? rows[0]!.fields.map((f) => f.text.trim()) : Array.from({ length: width }, (_, j) => `C${j + 1}`));
  if (rawNames.length !== width)
    throw new AquiferError('BAD_PARAMETER', `col_names has ${rawNames.length} names but ${name} has ${width} columns`, { subject: 'col_names' });
  const { names, warnings } = uniqueNames(rawNames);
  const skipped = new Set(options.skipped_columns ?? []);
  for (const k of skipped)
    if (!(Number.isInteger(k) && k >= 0 && k < width))
      throw new AquiferError('BAD_PARAMETER', `skipped_columns holds ${k}, but ${name} has columns 0..${width - 1}`, { subject: 'skipped_columns' });
  const given = givenTypes(options.col_types, names, name);
  const naFor = (j: number) => na.byColumn.get(names[j]!) ?? na.all;
  const columns: ParserColumn[] = names.map((n, j) => {
    if (skipped.has(j)) return { name: n, kind: FieldKind.Skip, strict: false, intOnly: false, na: na.all };
    const t = given[j];
    const kind = t !== undefined ? kindOf(t) : kindOfGuess(guessType(dataRows.map((r) => r.fields[j] ?? { text: '', quoted: false }), naFor(j)));
    return { name: n, kind, strict: t !== undefined, intOnly: t === 'int', na: naFor(j) };
  });

  // ---- pass 1 -----------------------------------------------------------------------------------
  const start = bom + (hasHeader ? rows[0]!.end : 0);
  let startLine = 1;                                                // the line the parser starts on
  for (let i = bom; i < start; i++) if (sample[i] === NL) startLine++;
  const widthFrom = hasHeader ? 'the header' : options.col_names ? 'col_names' : 'the widest of the first rows';
  const setup: Omit<PassSetup, 'pieceRows'> = { columns, sep: sep.charCodeAt(0), quote, file: name, widthFrom };
  let pool = await workers;
  if (pool instanceof Error) {
    warnings.push(`${name} was parsed on one thread: the workers did not start (${pool.message})`);
    pool = null;
  }
  const estimate = { rows: estimateRows(text.size, sample, start, done && tok.rows.length < tok.maxRows ? dataRows.length : -1), bytesPerRow: sampleBytesPerRow(sample, start) };
  const rest = done ? null : textFrom(text, have, reader);
  let parser: ParsedRows;
  try {
    parser = await rowPass(pool, setup, startLine, sample.subarray(start), rest, estimate);
  } finally {
    if (rest !== reader) await rest?.return?.(undefined);
  }

  // ---- pass 2, only for columns the sample misjudged ----------------------------------------------
  const redo = parser.wrong.map((w, j) => w && !skipped.has(j));
  const redone: Column[] = [];
  if (redo.some(Boolean)) {
    const cols2 = columns.map((c, j) => ({ ...c, kind: redo[j] ? FieldKind.Text : FieldKind.Skip }));
    let again: ParsedRows;
    const it = textFrom(text, start);
    try {
      again = await rowPass(pool, { ...setup, columns: cols2 }, startLine, new Uint8Array(0), it, estimate);
    } finally {
      await it.return?.(undefined);
    }
    if (again.rows !== parser.rows)
      throw new AquiferError('FILE_ERROR', `${name} changed while it was read (${parser.rows} rows, then ${again.rows})`, { subject: name });
    redo.forEach((r, j) => {
      if (!r) return;
      const vals = again.texts[j]!.values;
      let nonMissing = 0;
      const distinct = new Set<string>();
      for (let i = 0; i < again.rows; i++) { const v = vals[i]; if (v !== null && v !== undefined) { nonMissing++; distinct.add(v); } }
      const kind = stringOrEnum(distinct.size, nonMissing);
      redone[j] = again.texts[j]!.finish(names[j]!, again.rows, kind === 'enum');
      const at = parser.wrongAt[j]!;
      warnings.push(`column '${names[j]}' looked ${columns[j]!.kind === FieldKind.Time ? 'like times' : 'numeric'} in the first rows but line ${at.line} holds ${JSON.stringify(at.text)}; it was read again as ${kind}`);
    });
  }

  // ---- the frame ---------------------------------------------------------------------------------
  const n = parser.rows;
  if (parser.shortRows > 0)
    warnings.push(`${parser.shortRows} row${parser.shortRows === 1 ? '' : 's'} had fewer than ${width} fields and ${parser.shortRows === 1 ? 'was' : 'were'} filled with NA (first at line ${parser.firstShortLine})`);
  if (n === 0) warnings.push(`${name} has a header but no data rows`);
  const out: Column[] = [];
  columns.forEach((c, j) => {
    if (c.kind === FieldKind.Skip) return;
    if (redone[j]) { out.push(redone[j]!); return; }
    const t = given[j];
    switch (c.kind) {
      case FieldKind.Numeric: out.push(parser.numeric[j]!.finish(names[j]!, n, t === 'int' || t === 'real' ? t : undefined)); break;
      case FieldKind.Enum: out.push(parser.enums[j]!.finish(names[j]!, n)); break;
      case FieldKind.Time: out.push(parser.times[j]!.finish(names[j]!, n)); break;
      default: out.push(parser.texts[j]!.finish(names[j]!, n, false)); break;
    }
  });
  for (const w of warnings) options.onWarning?.(w);
  return new Frame(out, { warnings });
}

function joined(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let o = 0;
  for (const p of parts) { out.set(p, o); o += p.length; }
  parts.length = 0;
  parts.push(out);
  return out;
}

/** Rejects an empty input and one that is not text (NUL bytes or many control characters). */
function checkText(sample: Uint8Array, name: string, whole: boolean): void {
  const n = Math.min(sample.length, 1 << 16);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = sample[i]!;
    if (b === 0) throw new AquiferError('FILE_ERROR', `${name} looks like a binary file (it has a NUL byte at offset ${i}); importFile reads CSV or TSV text`, { subject: name });
    if (b < 32 && b !== 9 && b !== 10 && b !== 13 && b !== 12) control++;
  }
  if (control > n / 100) throw new AquiferError('FILE_ERROR', `${name} looks like a binary file (${control} control characters in its first ${n} bytes); importFile reads CSV or TSV text`, { subject: name });
  if (whole && isBlank(sample)) throw new AquiferError('FILE_ERROR', `${name} is empty`, { subject: name });
}

function isBlank(bytes: Uint8Array): boolean {
  const from = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  for (let i = from; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b !== 32 && b !== 9 && b !== 10 && b !== 13) return false;
  }
  return true;
}

function naSets(opt: ImportOptions['na_strings']): { all: Set<string>; byColumn: Map<string, Set<string>> } {
  const all = new Set(DEFAULT_NA_STRINGS);
  const byColumn = new Map<string, Set<string>>();
  if (Array.isArray(opt)) for (const s of opt) all.add(s);
  else if (opt !== undefined) for (const [col, list] of Object.entries(opt)) byColumn.set(col, new Set([...DEFAULT_NA_STRINGS, ...list]));
  return { all, byColumn };
}

function givenTypes(opt: ImportOptions['col_types'], names: string[], file: string): (ColumnType | undefined)[] {
  const out: (ColumnType | undefined)[] = names.map(() => undefined);
  if (opt === undefined) return out;
  const resolve = (t: string, what: string): ColumnType => {
    const ct = TYPE_NAMES[String(t).toLowerCase()];
    if (ct === undefined) throw new AquiferError('BAD_PARAMETER', `col_types gives ${what} the type '${t}'; use one of real, int, enum, string, time`, { subject: 'col_types' });
    return ct;
  };
  if (Array.isArray(opt)) {
    if (opt.length !== names.length)
      throw new AquiferError('BAD_PARAMETER', `col_types lists ${opt.length} types but ${file} has ${names.length} columns`, { subject: 'col_types' });
    opt.forEach((t, j) => { out[j] = resolve(t, `column ${j + 1}`); });
    return out;
  }
  for (const [col, t] of Object.entries(opt)) {
    const j = names.indexOf(col);
    if (j < 0) {
      const hint = didYouMean(col, names);
      throw new AquiferError('BAD_COLUMN', `col_types names column '${col}', which ${file} does not have${hint ? `; did you mean '${hint}'?` : ''}`, { subject: col });
    }
    out[j] = resolve(t, `'${col}'`);
  }
  return out;
}

function kindOf(t: ColumnType): FieldKind {
  return t === 'int' || t === 'real' ? FieldKind.Numeric : t === 'enum' ? FieldKind.Enum : t === 'time' ? FieldKind.Time : FieldKind.Text;
}

function kindOfGuess(g: 'numeric' | 'time' | 'enum' | 'string'): FieldKind {
  return g === 'numeric' ? FieldKind.Numeric : g === 'time' ? FieldKind.Time : g === 'enum' ? FieldKind.Enum : FieldKind.Text;
}

function checkOptions(o: ImportOptions): void {
  if (o.sep !== undefined && (typeof o.sep !== 'string' || o.sep.length !== 1 || o.sep.charCodeAt(0) > 127 || o.sep === '\n' || o.sep === '\r'))
    throw new AquiferError('BAD_PARAMETER', `sep must be one ASCII character other than a line break, not ${JSON.stringify(o.sep)}`, { subject: 'sep' });
  if (o.quotechar !== undefined && o.quotechar !== '"' && o.quotechar !== "'")
    throw new AquiferError('BAD_PARAMETER', `quotechar must be '"' or "'", not ${JSON.stringify(o.quotechar)}`, { subject: 'quotechar' });
  if (o.header !== undefined && ![-1, 0, 1, true, false].includes(o.header as never))
    throw new AquiferError('BAD_PARAMETER', `header must be -1 (no header), 0 (guess) or 1 (header), not ${JSON.stringify(o.header)}`, { subject: 'header' });
  const strings = (x: unknown) => Array.isArray(x) && x.every((v) => typeof v === 'string');
  if (o.na_strings !== undefined && !strings(o.na_strings) &&
      !(typeof o.na_strings === 'object' && o.na_strings !== null && Object.values(o.na_strings).every(strings)))
    throw new AquiferError('BAD_PARAMETER', 'na_strings must be a list of strings, or an object from column names to lists of strings', { subject: 'na_strings' });
  if (o.col_names !== undefined && !strings(o.col_names))
    throw new AquiferError('BAD_PARAMETER', 'col_names must be a list of strings', { subject: 'col_names' });
  if (o.skipped_columns !== undefined && !Array.isArray(o.skipped_columns))
    throw new AquiferError('BAD_PARAMETER', 'skipped_columns must be a list of 0-based column positions', { subject: 'skipped_columns' });
  if (o.nthreads !== undefined && !(o.nthreads === -1 || (Number.isInteger(o.nthreads) && o.nthreads >= 1)))
    throw new AquiferError('BAD_PARAMETER', `nthreads must be -1 (all cores) or a whole number >= 1, not ${JSON.stringify(o.nthreads)}`, { subject: 'nthreads' });
  if (o.sep !== undefined && o.sep === (o.quotechar ?? '"'))
    throw new AquiferError('BAD_PARAMETER', 'sep and quotechar must differ', { subject: 'sep' });
}
