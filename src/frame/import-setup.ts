// What importFile and importFileChunks decide before the first row is parsed: the options checked,
// the sample read (at least SAMPLE_BYTES of the decompressed input, or all of it, and at least two
// rows), and from it, H2O's ParseSetup-style guesses: separator, header, names, column types.

import { AquiferError } from '../util/errors';
import { Column, type ColumnType } from './column';
import { FieldKind, type ParsedRows, type ParserColumn } from './csv-parser';
import { guessHeader, guessSeparator, guessType, tokenizeSample } from './csv-setup';
import { DEFAULT_NA_STRINGS } from './na';
import { didYouMean, uniqueNames } from './names';
import type { PassSetup } from './parse-task';
import { estimateRows, sampleBytesPerRow, type PassEstimate } from './row-pass';
import type { TextSource } from './source';
import type { ImportOptions } from './import';

/** Bytes looked at for the guesses, and the least the parser is handed at a time. */
const SAMPLE_BYTES = 1 << 20;
const SAMPLE_ROWS = 2000;
const SAMPLE_FIELDS = 100_000;
const NL = 10;

const TYPE_NAMES: Record<string, ColumnType> = {
  real: 'real', numeric: 'real', float: 'real', double: 'real', int: 'int', integer: 'int',
  enum: 'enum', factor: 'enum', categorical: 'enum', string: 'string', character: 'string', time: 'time', date: 'time',
};

export interface ImportSetup {
  /** What the parser sees: columns (kinds, NA tokens), separator, quote, file name. */
  pass: Omit<PassSetup, 'pieceRows'>;
  names: string[];
  /** Types the user gave in col_types, by position. */
  given: (ColumnType | undefined)[];
  skipped: Set<number>;
  width: number;
  /** Warnings so far (renamed duplicate columns). */
  warnings: string[];
  /** The bytes read so far; the rows start at `start`, on line `startLine`. */
  sample: Uint8Array;
  start: number;
  startLine: number;
  /** Bytes of the (decompressed) input read so far, and whether that is all of it. */
  have: number;
  done: boolean;
  estimate: PassEstimate;
}

/** Reads the sample from `reader` (which it leaves `have` bytes in) and decides the setup. */
export async function importSetup(text: TextSource, reader: AsyncIterator<Uint8Array>, options: ImportOptions): Promise<ImportSetup> {
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

  const start = bom + (hasHeader ? rows[0]!.end : 0);
  let startLine = 1;                                                // the line the parser starts on
  for (let i = bom; i < start; i++) if (sample[i] === NL) startLine++;
  const widthFrom = hasHeader ? 'the header' : options.col_names ? 'col_names' : 'the widest of the first rows';
  const estimate = {
    rows: estimateRows(text.size, sample, start, done && tok.rows.length < tok.maxRows ? dataRows.length : -1),
    bytesPerRow: sampleBytesPerRow(sample, start),
  };
  return {
    pass: { columns, sep: sep.charCodeAt(0), quote, file: name, widthFrom },
    names, given, skipped, width, warnings, sample, start, startLine, have, done, estimate,
  };
}

/** Column j of a finished pass. `numeric` fixes a numeric column's type (else: int when all values are). */
export function finishColumn(parsed: ParsedRows, c: ParserColumn, j: number, n: number, numeric: 'int' | 'real' | undefined): Column {
  switch (c.kind) {
    case FieldKind.Numeric: return parsed.numeric[j]!.finish(c.name, n, numeric);
    case FieldKind.Enum: return parsed.enums[j]!.finish(c.name, n);
    case FieldKind.Time: return parsed.times[j]!.finish(c.name, n);
    default: return parsed.texts[j]!.finish(c.name, n, false);
  }
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

const IMPORT_OPTIONS = ['sep', 'header', 'col_names', 'col_types', 'na_strings', 'skipped_columns', 'quotechar', 'onWarning', 'nthreads'] as const;

/** Refuses bad option values, and option names it does not know (`extra`: the caller's own), so a
 *  misspelt option is not silently ignored. */
export function checkOptions(o: ImportOptions, extra: readonly string[] = []): void {
  const known = [...IMPORT_OPTIONS, ...extra];
  for (const key of Object.keys(o)) {
    if ((known as string[]).includes(key)) continue;
    const hint = didYouMean(key, known);
    throw new AquiferError('UNKNOWN_PARAMETER', `unknown import option '${key}'${hint ? `; did you mean '${hint}'?` : `; the options are ${known.join(', ')}`}`, { subject: key });
  }
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

/** The warnings both importers give: rows filled out with NA, and a file of a header alone. */
export const importWarnings = {
  shortRows: (n: number, width: number, firstLine: number) =>
    `${n} row${n === 1 ? '' : 's'} had fewer than ${width} fields and ${n === 1 ? 'was' : 'were'} filled with NA (first at line ${firstLine})`,
  noRows: (file: string) => `${file} has a header but no data rows`,
};
