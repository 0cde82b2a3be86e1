// importFile: H2O's import_file + parse for CSV/TSV, streamed. The first chunk of the (decompressed)
// input is the sample that ParseSetup-style guessing looks at; then every chunk goes through the
// byte-level row parser into narrow column blocks. A column whose guessed type is disproved later
// in the file is read once more, alone, as text. Errors name the file, line and column, and
// nothing half-parsed is ever returned. A large input is parsed by workers, in pieces, with the
// same parser (parse-parallel.ts); the result is the same frame. The sample and the guesses are in
// import-setup.ts; import-chunks.ts reads a file a chunk of rows at a time with the same setup.

import { AquiferError } from '../util/errors';
import type { Column } from './column';
import { FieldKind, type ParsedRows } from './csv-parser';
import { stringOrEnum } from './csv-setup';
import { Frame } from './frame';
import { checkOptions, finishColumn, importSetup, importWarnings } from './import-setup';
import { DEFAULT_TUNING, ParallelParser, parseThreads, type ParallelTuning } from './parse-parallel';
import { rowPass, textFrom } from './row-pass';
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
  checkOptions(options, ['name']);
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
  const { pass: setup, names, given, skipped, width, warnings, sample, start, startLine, have, done, estimate } = await importSetup(text, reader, options);
  const columns = setup.columns;

  // ---- pass 1 -----------------------------------------------------------------------------------
  let pool = await workers;
  if (pool instanceof Error) {
    warnings.push(`${name} was parsed on one thread: the workers did not start (${pool.message})`);
    pool = null;
  }
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
    warnings.push(importWarnings.shortRows(parser.shortRows, width, parser.firstShortLine));
  if (n === 0) warnings.push(importWarnings.noRows(name));
  const out: Column[] = [];
  columns.forEach((c, j) => {
    if (c.kind === FieldKind.Skip) return;
    const t = given[j];
    out.push(redone[j] ?? finishColumn(parser, c, j, n, t === 'int' || t === 'real' ? t : undefined));
  });
  for (const w of warnings) options.onWarning?.(w);
  return new Frame(out, { warnings });
}
