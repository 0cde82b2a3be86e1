// One pass of importFile's row parser over the text after the header: on this thread, fed in
// batches through one reused buffer, or in workers, in pieces (parse-parallel.ts). Both leave the
// same ParsedRows. Also where the text after the sample comes from, and the sizes the sample
// suggests for the column blocks.

import { BLOCK } from './builders';
import { CsvRowParser, type ParsedRows } from './csv-parser';
import type { ParallelParser } from './parse-parallel';
import type { PassSetup } from './parse-task';
import type { TextSource } from './source';

const BATCH_BYTES = 1 << 20;  // the parse buffer holds two of these
const NL = 10;

/** Sizes for the blocks of a pass: all rows (first block) and bytes per row (a worker's piece). */
export interface PassEstimate { rows: number; bytesPerRow: number }

export async function rowPass(workers: ParallelParser | null, setup: Omit<PassSetup, 'pieceRows'>, startLine: number,
  first: Uint8Array, rest: AsyncIterator<Uint8Array> | null, estimate: PassEstimate): Promise<ParsedRows> {
  if (workers !== null) return workers.pass(setup, startLine, first, rest, estimate);
  const parser = new CsvRowParser(setup.columns, setup.sep, setup.quote, setup.file, startLine, estimate.rows, setup.widthFrom);
  await feed(parser, first, rest);
  return parser;
}

/**
 * The text from byte `offset` on: read in place from a local file where the source can, else
 * `reader` (already `offset` bytes in) or, without one, a fresh pass that skips `offset` bytes.
 * The caller return()s it.
 */
export function textFrom(text: TextSource, offset: number, reader?: AsyncIterator<Uint8Array>): AsyncIterator<Uint8Array> {
  if (text.readFrom) return text.readFrom(offset)[Symbol.asyncIterator]();
  return reader ?? skipBytes(text.chunks()[Symbol.asyncIterator](), offset);
}

/**
 * Rows to allocate up front: `exact` when the sample was the whole input, else the text size over
 * the sample's bytes per line, plus 5 % (a finished column may keep up to 1/16 unused rather than
 * be copied, see builders.ts). Unknown size: one default block, and blocks are added as needed.
 */
export function estimateRows(size: number | undefined, sample: Uint8Array, start: number, exact: number): number {
  if (exact >= 0) return exact;
  if (size === undefined || sampleLines(sample, start) < 2) return BLOCK;
  return Math.ceil((size - start) / sampleBytesPerRow(sample, start) * 1.05) + 16;
}

function sampleLines(sample: Uint8Array, start: number): number {
  let lines = 0;
  for (let i = start; i < sample.length; i++) if (sample[i] === NL) lines++;
  return lines;
}

/** Bytes per line in the sample after the header (the whole sample when it holds no line break). */
export function sampleBytesPerRow(sample: Uint8Array, start: number): number {
  return Math.max(1, (sample.length - start) / Math.max(1, sampleLines(sample, start)));
}

/**
 * Hands the parser the already-read bytes and then the rest of the input, in batches of about
 * BATCH_BYTES, through one reused buffer: each batch is the unparsed tail of the last one plus new
 * bytes, followed by the '\n' sentinel the parser relies on. Chunks are copied as they arrive, so a
 * source may reuse its chunk buffer. A batch without one complete row doubles the buffer.
 */
export async function feed(parser: CsvRowParser, first: Uint8Array, rest: AsyncIterator<Uint8Array> | null): Promise<void> {
  let work = new Uint8Array(Math.max(2 * BATCH_BYTES, first.length + 1));
  work.set(first);
  let from = 0, to = first.length;                                  // unparsed bytes: work[from, to)
  const step = (final: boolean) => {
    work[to] = NL;
    const p = parser.parse(work, from, to, final);
    if (p === from && !final && from === 0) {                       // not one whole row: grow
      const bigger = new Uint8Array(work.length * 2);
      bigger.set(work.subarray(0, to));
      work = bigger;
    }
    from = p;
  };
  if (rest !== null) {
    for (;;) {
      const r = await rest.next();
      if (r.done) break;
      let chunk = r.value;
      while (chunk.length > 0) {
        if (to + 1 >= work.length) {                                // full: parse, then slide the tail down
          step(false);
          work.copyWithin(0, from, to);
          to -= from; from = 0;
          if (to + 1 >= work.length) { const bigger = new Uint8Array(work.length * 2); bigger.set(work.subarray(0, to)); work = bigger; }
        }
        const k = Math.min(chunk.length, work.length - 1 - to);
        work.set(chunk.subarray(0, k), to);
        to += k;
        chunk = chunk.subarray(k);
      }
    }
  }
  step(true);
}

/** The input after its first `n` bytes. */
async function* skipBytes(it: AsyncIterator<Uint8Array>, n: number): AsyncGenerator<Uint8Array> {
  let left = n;
  for (;;) {
    const r = await it.next();
    if (r.done) return;
    if (left >= r.value.length) { left -= r.value.length; continue; }
    yield left > 0 ? r.value.subarray(left) : r.value;
    left = 0;
  }
}
