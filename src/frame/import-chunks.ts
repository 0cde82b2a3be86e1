// importFileChunks: a CSV/TSV file (plain, .gz or .zip, streamed) as a sequence of Frames of at most
// `chunk_rows` rows each, so that a file larger than memory can be scored a chunk at a time. The
// setup (separator, header, names, types) is importFile's, decided once from the sample; then the
// same byte-level parser fills one chunk's column builders at a time and stops at the row limit.
// Only one chunk's columns and a parse buffer of about 2 MB are held; nothing is read twice.
//
// Every chunk has the same column names and types. That is a promise importFile does not need to
// make: it reads a column again as text when a later value disproves the sample's guess. A chunked
// read cannot go back, so such a value is an error naming the file, line and column, with the hint
// to give the column's type in col_types. A guessed numeric column is 'real' in every chunk (the
// sample cannot promise that the rest are integers); col_types 'int' makes it 'int'. An enum
// column's domain is the levels of its own chunk (sorted, as H2O sorts a parsed domain), so two
// chunks' domains differ; consumers match levels by their strings, as DataInfo does.
//
// Warnings: the setup's with the first chunk, rows with too few fields once, with the last chunk,
// counted over the whole file. Each is also passed to onWarning when it is known. The parse runs
// on the calling thread (options.nthreads is not used).

import { AquiferError } from '../util/errors';
import type { Column } from './column';
import { CsvRowParser, FieldKind } from './csv-parser';
import { Frame } from './frame';
import type { ImportOptions } from './import';
import { checkOptions, finishColumn, importSetup, importWarnings, type ImportSetup } from './import-setup';
import { textFrom } from './row-pass';
import { openSource, openText } from './source';

export interface ChunkOptions extends ImportOptions {
  /** Rows per chunk (default 10,000): memory grows with it, not with the file. */
  chunk_rows?: number;
}

export const DEFAULT_CHUNK_ROWS = 10_000;

const BATCH_BYTES = 1 << 20;  // the parse buffer holds two of these (as importFile's)
const NL = 10, CR = 13;

/**
 * The rows of `source` (a path, a URL or a Blob) as Frames of at most `chunk_rows` rows, in file
 * order; a file with a header and no rows gives one empty Frame. Returning early (break) closes
 * the file.
 */
export async function* importFileChunks(source: string | URL | Blob, options: ChunkOptions = {}): AsyncGenerator<Frame, void, undefined> {
  checkOptions(options, ['chunk_rows']);
  const chunkRows = checkChunkRows(options.chunk_rows);
  const text = await openText(await openSource(source));
  const reader = text.chunks()[Symbol.asyncIterator]();
  let rest: AsyncIterator<Uint8Array> | null = null;
  try {
    const setup = await importSetup(text, reader, options);
    rest = setup.done ? null : textFrom(text, setup.have, reader);
    const feeder = new Feeder(setup.sample.subarray(setup.start), rest);
    setup.sample = new Uint8Array(0);                             // the feeder has its own copy
    let line = setup.startLine, shortRows = 0, firstShortLine = 0;
    for (let index = 0; ; index++) {
      const { pass } = setup;
      const parser = new CsvRowParser(pass.columns, pass.sep, pass.quote, pass.file, line, Math.min(chunkRows, setup.estimate.rows), pass.widthFrom);
      parser.limit = chunkRows;
      await feeder.fill(parser);
      checkTypes(parser, setup);
      line = parser.line;
      if (parser.shortRows > 0 && shortRows === 0) firstShortLine = parser.firstShortLine;
      shortRows += parser.shortRows;
      const last = !(await feeder.hasRows());
      if (parser.rows === 0 && index > 0) return;                  // only blank lines were left
      const warnings = index === 0 ? [...setup.warnings] : [];
      if (parser.rows === 0) warnings.push(importWarnings.noRows(pass.file));
      if (last && shortRows > 0)
        warnings.push(importWarnings.shortRows(shortRows, setup.width, firstShortLine));
      for (const w of warnings) options.onWarning?.(w);
      yield new Frame(chunkColumns(parser, setup), { warnings });
      if (last) return;
    }
  } finally {
    if (rest !== null && rest !== reader) await rest.return?.(undefined);
    await reader.return?.(undefined);
  }
}

export function checkChunkRows(n: unknown): number {
  if (n === undefined) return DEFAULT_CHUNK_ROWS;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1)
    throw new AquiferError('BAD_PARAMETER', `chunk_rows must be an integer >= 1, got ${JSON.stringify(n)}`, { subject: 'chunk_rows' });
  return n;
}

function chunkColumns(parser: CsvRowParser, setup: ImportSetup): Column[] {
  const out: Column[] = [];
  setup.pass.columns.forEach((c, j) => {
    if (c.kind !== FieldKind.Skip) out.push(finishColumn(parser, c, j, parser.rows, setup.given[j] === 'int' ? 'int' : 'real'));
  });
  return out;
}

/** A value that disproved the sample's guess: an error, since earlier chunks are already out. */
function checkTypes(parser: CsvRowParser, setup: ImportSetup): void {
  let j = -1;                                                       // the column with the earliest such line
  parser.wrong.forEach((w, k) => { if (w && (j < 0 || parser.wrongAt[k]!.line < parser.wrongAt[j]!.line)) j = k; });
  if (j < 0) return;
  const c = setup.pass.columns[j]!, at = parser.wrongAt[j]!;
  const what = c.kind === FieldKind.Time ? 'a time' : 'a number';
  throw new AquiferError('PARSE_ERROR',
    `${setup.pass.file}, line ${at.line}, column ${j + 1} '${c.name}': ${JSON.stringify(at.text)} is not ${what}, but the first rows ` +
    `made the column ${c.kind === FieldKind.Time ? 'a time' : 'numeric'}, and a file read in chunks cannot read it again as text; ` +
    `give its type, e.g. col_types: { ${JSON.stringify(c.name)}: 'enum' } (or 'string'; on the command line --col_types ${c.name}=enum)`, { subject: c.name });
}

/**
 * Hands a parser the bytes after the header through one reused buffer, as row-pass.ts's feed()
 * does, but stops when the parser reaches its row limit and keeps the rest for the next parser:
 * the unparsed bytes are work[from, to), then `pending` (the rest of the source's current chunk,
 * which stays valid until the source is asked for the next), then the source.
 */
class Feeder {
  private work: Uint8Array;
  private from = 0;
  private to: number;
  private pending: Uint8Array = new Uint8Array(0);
  private done: boolean;

  constructor(first: Uint8Array, private readonly rest: AsyncIterator<Uint8Array> | null) {
    this.work = new Uint8Array(Math.max(2 * BATCH_BYTES, first.length + 1));
    this.work.set(first);
    this.to = first.length;
    this.done = rest === null;
  }

  /** Parses rows until the parser holds `limit` of them or the input ends. */
  async fill(parser: CsvRowParser): Promise<void> {
    for (;;) {
      const final = this.done && this.pending.length === 0;
      this.work[this.to] = NL;                                      // the parser's sentinel
      this.from = parser.parse(this.work, this.from, this.to, final);
      if (parser.rows === parser.limit || final) return;
      await this.refill();
    }
  }

  /** Whether a row is left (anything but line breaks; spaces make a row). Consumes nothing. */
  async hasRows(): Promise<boolean> {
    let i = this.from;
    for (;;) {
      for (; i < this.to; i++) { const b = this.work[i]!; if (b !== NL && b !== CR) return true; }
      if (this.done && this.pending.length === 0) return false;
      const seen = i - this.from;
      await this.refill();
      i = this.from + seen;
    }
  }

  /** Moves the unparsed bytes to the front (doubling the buffer when they fill it) and tops it up. */
  private async refill(): Promise<void> {
    if (this.from > 0) {
      this.work.copyWithin(0, this.from, this.to);
      this.to -= this.from;
      this.from = 0;
    }
    if (this.to + 1 >= this.work.length) {                          // one row longer than the buffer
      const bigger = new Uint8Array(this.work.length * 2);
      bigger.set(this.work.subarray(0, this.to));
      this.work = bigger;
    }
    while (this.to + 1 < this.work.length) {
      if (this.pending.length === 0) {
        if (this.done) return;
        const r = await this.rest!.next();
        if (r.done) { this.done = true; return; }
        this.pending = r.value;
      }
      const k = Math.min(this.pending.length, this.work.length - 1 - this.to);
      this.work.set(this.pending.subarray(0, k), this.to);
      this.to += k;
      this.pending = this.pending.subarray(k);
    }
  }
}
