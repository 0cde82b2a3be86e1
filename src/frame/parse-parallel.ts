// Parsing a large CSV in workers. The main thread reads (and decompresses) the text as it always
// does and cuts it into pieces of about 2 MB, each ending just after a '\n', in shared memory;
// workers parse pieces with the single-threaded parser (parse-task.ts) and hand back narrow
// column parts; the main thread copies the parts in file order into builders laid out as a
// single-threaded pass lays them out (a first block sized by the row estimate), so importFile
// finishes the same columns, without a copy where the estimate held.
//
// A cut is a guess: a '\n' inside a quoted field is not a row boundary. The guess is checked
// when the piece before it is committed, which happens in file order: that piece started at a row
// (by induction from the first), so if its parser stops short of the cut, the last row runs on
// past it, and the next piece is parsed again from where the parser stopped (its speculative
// result, and any error in it, is dropped). Errors are worded when a piece is committed, with the
// line in the whole file. Memory: at most `threads + 2` pieces are read ahead of the commit, and
// their buffers are reused (fresh pages cost more than the copy into them).

import { WorkerPool } from '../parallel/pool';
import { AquiferError } from '../util/errors';
import { createMemory, PAGE } from '../wasm/memory';
import { type BuildName, isSharedBuild, runtimeInfo } from '../wasm/runtime';
import {
  BLOCK, EnumBuilder, NumericBuilder, TextBuilder, TimeBuilder, type EnumPart, type NumericPart, type TextPart, type TimePart,
} from './builders';
import { FieldKind, parseError, ParsedRows, type ParserColumn } from './csv-parser';
import type { PassSetup, PieceArgs, PieceResult } from './parse-task';
import type { PassEstimate } from './row-pass';

export interface ParallelTuning {
  /** With nthreads left at -1, inputs of at least this many bytes of text are parsed in workers. */
  minBytes: number;
  /** Bytes per piece (a piece grows where one row is longer). */
  pieceBytes: number;
  /** The most workers nthreads -1 starts. Each costs about 14 MB while it parses MNIST's CSV
   *  (its own JS heap and blocks); four keep the peak under twice the text's size there. */
  maxThreads: number;
}

export const DEFAULT_TUNING: ParallelTuning = { minBytes: 32 << 20, pieceBytes: 2 << 20, maxThreads: 4 };

const NL = 10;

/**
 * Workers for parsing `size` bytes of text (undefined: not known up front), or null to parse on
 * this thread. nthreads: 1 never uses workers; n >= 2 uses n; -1 uses min(cores, maxThreads) when
 * the size is known and at least minBytes. Workers need SharedArrayBuffer (in a browser, a
 * cross-origin isolated page) and a threaded kernel build for the worker pool.
 */
export async function parseThreads(nthreads: number, size: number | undefined, tuning: ParallelTuning): Promise<{ threads: number; build: BuildName } | null> {
  if (nthreads === 1 || (nthreads === -1 && (size === undefined || size < tuning.minBytes))) return null;
  const info = await runtimeInfo();
  const threads = nthreads === -1 ? Math.min(info.cores, tuning.maxThreads) : nthreads;
  if (!info.threads || !isSharedBuild(info.build) || threads < 2) return null;
  return { threads, build: info.build };
}

interface Piece { bytes: Uint8Array; length: number; final: boolean }
interface Dispatched { piece: Piece; cancelled: boolean; outcome: Promise<PieceResult | Error | null> }

export class ParallelParser {
  private readonly slots: Slots;
  /** Piece buffers (pieceBytes + 1 bytes) and slabs that no thread is using any more. */
  private readonly spare: Uint8Array[] = [];
  private readonly slabs: SharedArrayBuffer[] = [];

  private constructor(private readonly pool: WorkerPool, private readonly pieceBytes: number) {
    this.slots = new Slots(pool.size);
  }

  /** Starts `threads` workers (the pool wants a shared Wasm memory; parsing uses none of it). */
  static async start(threads: number, build: BuildName, pieceBytes: number): Promise<ParallelParser> {
    const pool = await WorkerPool.start({ size: threads, build, memory: createMemory(PAGE, true, PAGE) });
    return new ParallelParser(pool, pieceBytes);
  }

  close(): Promise<void> { return this.pool.close(); }

  /**
   * One pass over the rows: `first`, then the rest of the input, from a row start at `startLine`.
   * `estimate.rows` sizes the first block of every column, as for a single-threaded pass;
   * `estimate.bytesPerRow` the workers' blocks for a piece.
   */
  async pass(base: Omit<PassSetup, 'pieceRows'>, startLine: number, first: Uint8Array, rest: AsyncIterator<Uint8Array> | null,
    estimate: PassEstimate): Promise<ParsedRows> {
    const setup: PassSetup = { ...base, pieceRows: Math.ceil(this.pieceBytes / estimate.bytesPerRow * 1.05) + 16 };
    await this.pool.runAll('frame.begin', Array.from({ length: this.pool.size }, () => setup));
    const out = new MergedRows(setup.columns, estimate.rows);
    const pending: Dispatched[] = [];
    const window = this.pool.size + 2;
    let line = startLine;
    for await (const piece of cutPieces(first, rest, this.pieceBytes, (n) => this.buffer(n))) {
      pending.push(this.dispatch(piece));
      while (pending.length >= window) line = await this.commit(pending, out, line, setup);
    }
    while (pending.length > 0) line = await this.commit(pending, out, line, setup);
    return out;
  }

  /** Commits the oldest piece; returns the line the next one starts on. */
  private async commit(pending: Dispatched[], out: MergedRows, line: number, setup: PassSetup): Promise<number> {
    const d = pending.shift()!;
    out.reserve();   // the first block of every column is allocated (zeroed) while workers parse
    const r = await d.outcome;
    if (r instanceof Error) throw r;
    if (r === null) throw new AquiferError('INTERNAL', 'a piece of the parse was cancelled but committed');
    if (r.failure) throw parseError(setup.file, setup.columns, { ...r.failure, line: line + r.failure.line - 1 });
    out.add(r, line);
    if (r.slab) this.slabs.push(r.slab);
    if (r.consumed < d.piece.length) {
      // The last row runs past the cut: the next piece did not start at a row. Parse it again
      // with this row in front.
      const next = pending[0];
      if (next === undefined) throw new AquiferError('INTERNAL', 'the last piece of the parse ended inside a row');
      next.cancelled = true;
      void next.outcome.then((o) => {
        this.recycle(next.piece.bytes);
        if (o !== null && !(o instanceof Error) && o.slab) this.slabs.push(o.slab);
      });
      pending[0] = this.dispatch(this.joined(d.piece.bytes.subarray(r.consumed, d.piece.length), next.piece));
    }
    this.recycle(d.piece.bytes);
    return line + r.lines;
  }

  /** A buffer of at least n bytes for a piece: a spare one where it fits. */
  private buffer(n: number): Uint8Array {
    return n <= this.pieceBytes + 1 ? this.spare.pop() ?? sharedBytes(this.pieceBytes + 1) : sharedBytes(n);
  }

  private recycle(bytes: Uint8Array): void {
    if (bytes.length === this.pieceBytes + 1) this.spare.push(bytes);
  }

  /** `head` followed by a piece's bytes, as a new piece. */
  private joined(head: Uint8Array, piece: Piece): Piece {
    const length = head.length + piece.length, bytes = this.buffer(length + 1);
    bytes.set(head);
    bytes.set(piece.bytes.subarray(0, piece.length), head.length);
    bytes[length] = NL;
    return { bytes, length, final: piece.final };
  }

  private dispatch(piece: Piece): Dispatched {
    const d: Dispatched = { piece, cancelled: false, outcome: Promise.resolve(null) };
    d.outcome = (async () => {
      const w = await this.slots.acquire();
      try {
        if (d.cancelled) return null;
        const slab = this.slabs.pop();
        const args: PieceArgs = { bytes: piece.bytes, length: piece.length, final: piece.final, ...(slab ? { slab } : {}) };
        return await this.pool.runOn<PieceResult>(w, 'frame.piece', args);
      } catch (e) {
        return e instanceof Error ? e : new Error(String(e));
      } finally {
        this.slots.release(w);
      }
    })();
    return d;
  }
}

/** Column builders fed with the parts of committed pieces, in file order, in blocks as CsvRowParser makes them. */
class MergedRows extends ParsedRows {
  private blockIndex = -1;
  private blockBase = 0;
  private blockEnd = 0;

  constructor(private readonly columns: ParserColumn[], private readonly firstBlock: number) {
    super(columns);
  }

  /** Allocates the first block of every column, if that is not done yet. */
  reserve(): void {
    if (this.blockIndex < 0) this.nextBlock();
  }

  /** Adds a piece that starts on `line`. */
  add(r: PieceResult, line: number): void {
    const remaps = this.columns.map((c, j) => (c.kind === FieldKind.Enum ? this.enums[j]!.remap((r.parts[j] as EnumPart).levels) : null));
    for (let from = 0; from < r.rows;) {
      if (this.blockIndex < 0 || this.rows === this.blockEnd) this.nextBlock();
      const count = Math.min(r.rows - from, this.blockEnd - this.rows), off = this.rows - this.blockBase;
      this.columns.forEach((c, j) => {
        const part = r.parts[j];
        switch (c.kind) {
          case FieldKind.Numeric: this.numeric[j]!.put(part as NumericPart, from, count, off); break;
          case FieldKind.Enum: this.enums[j]!.put(part as EnumPart, remaps[j]!, from, count, off); break;
          case FieldKind.Time: this.times[j]!.put(part as TimePart, from, count, off); break;
          case FieldKind.Text: this.texts[j]!.put(part as TextPart, from, count, this.rows); break;
          default: break;
        }
      });
      from += count;
      this.rows += count;
    }
    r.wrongAt.forEach((w, j) => {
      if (w === null || this.wrong[j]) return;
      this.wrong[j] = true;
      this.wrongAt[j] = { line: line + w.line - 1, text: w.text };
    });
    if (r.shortRows > 0 && this.shortRows === 0) this.firstShortLine = line + r.firstShortLine - 1;
    this.shortRows += r.shortRows;
  }

  private nextBlock(): void {
    const b = ++this.blockIndex, size = b === 0 ? Math.max(1, this.firstBlock) : BLOCK;
    this.blockBase = this.blockEnd;
    this.blockEnd += size;
    this.columns.forEach((c, j) => {
      if (c.kind === FieldKind.Numeric) this.numeric[j]!.startBlock(b, size);
      else if (c.kind === FieldKind.Enum) this.enums[j]!.startBlock(b, size);
      else if (c.kind === FieldKind.Time) this.times[j]!.startBlock(b, size);
    });
  }
}

/**
 * Cuts the input into pieces of at least `size` bytes that end just after a '\n' (the last piece:
 * wherever the input ends; it always comes, possibly empty, marked final). Each piece has a shared
 * buffer of its own (from `alloc`) with a byte to spare for the parser's sentinel. Chunks are
 * copied as they arrive, so a source may reuse its chunk buffers.
 */
async function* cutPieces(first: Uint8Array, rest: AsyncIterator<Uint8Array> | null, size: number,
  alloc: (bytes: number) => Uint8Array = sharedBytes): AsyncGenerator<Piece> {
  let cap = size, buf = alloc(cap + 1), fill = 0;
  function* put(chunk: Uint8Array): Generator<Piece> {
    while (chunk.length > 0) {
      const k = Math.min(chunk.length, cap - fill);
      buf.set(chunk.subarray(0, k), fill);
      fill += k;
      chunk = chunk.subarray(k);
      if (fill < cap) return;
      const cut = buf.lastIndexOf(NL, fill - 1) + 1;
      const carry = fill - cut;
      const old = buf;
      cap = cut === 0 ? 2 * cap : Math.max(size, 2 * carry);   // no '\n' at all: a longer piece
      buf = alloc(cap + 1);
      buf.set(old.subarray(cut, fill));
      fill = carry;
      if (cut > 0) {
        old[cut] = NL;
        yield { bytes: old, length: cut, final: false };
      }
    }
  }
  yield* put(first);
  if (rest !== null) {
    for (;;) {
      const r = await rest.next();
      if (r.done) break;
      yield* put(r.value);
    }
  }
  buf[fill] = NL;
  yield { bytes: buf, length: fill, final: true };
}

function sharedBytes(n: number): Uint8Array {
  return new Uint8Array(new SharedArrayBuffer(n));
}

/** Idle workers, handed out first come, first served (so pieces start in file order). */
class Slots {
  private readonly idle: number[];
  private readonly waiting: ((w: number) => void)[] = [];

  constructor(n: number) { this.idle = Array.from({ length: n }, (_, i) => n - 1 - i); }

  acquire(): Promise<number> {
    const w = this.idle.pop();
    return w !== undefined ? Promise.resolve(w) : new Promise((resolve) => this.waiting.push(resolve));
  }

  release(w: number): void {
    const next = this.waiting.shift();
    if (next) next(w); else this.idle.push(w);
  }
}
