// Growable column builders for the CSV parser. Rows are written in blocks; each builder keeps one
// array per block, so growing never copies what was already parsed. The parser decides the block
// sizes: the first block is sized by its estimate of the row count (from the file size and the
// sample), later ones hold BLOCK rows. When the estimate held, a column is finished without a
// copy; otherwise the blocks are concatenated into one exact-size array, a column at a time.
//
// A numeric builder starts with bytes and widens (Uint8 → Int16 → Int32 → Float64) only when a
// value does not fit, so MNIST's pixels never exist as float64. Integer kinds keep NAs in a
// per-block bitmap; Float64 keeps NaN.
//
// A parse split over workers (parse-parallel.ts) uses the same builders at both ends: a worker
// parses a piece into its own and take()s the rows out into one shared slab per piece (posting it
// copies nothing); the main thread put()s each piece's rows into its blocks, in file order.

import { Column } from './column';
import {
  type NumericArray, type NumericStats, emptyStats, storageFor, naGet, naSet, naClear, bitmapBytes,
} from './storage';
import { enumFromStrings } from './values';

export const BLOCK = 1 << 14;

/** One worker's rows of one column (see take() and put()). */
export interface NumericPart { kind: NumericKind; values: NumericArray; na: Uint8Array | null }
export interface EnumPart { codes: Int32Array; levels: string[] }
export interface TimePart { values: Float64Array }
export type TextPart = (string | null)[];
export type NumericKind = 0 | 1 | 2 | 3;  // Kind, for the parts that leave this file

/** A finished array may keep up to 1/SLACK of unused capacity rather than be copied. */
const SLACK = 16;

const enum Kind { U8, I16, I32, F64 }
const KIND_RANGE: readonly [number, number][] = [[0, 255], [-32768, 32767], [-2147483648, 2147483647], [-Infinity, Infinity]];
const KIND_ARRAY = [Uint8Array, Int16Array, Int32Array, Float64Array] as const;

type SlabArray<T> = { new(buffer: SharedArrayBuffer, offset: number, n: number): T; readonly BYTES_PER_ELEMENT: number };

/**
 * Typed arrays carved out of one SharedArrayBuffer, 8-byte aligned: a piece's columns in one
 * allocation. `spare` is used when it is large enough (slabs go round between threads).
 */
export class Slab {
  private used = 0;
  readonly buffer: SharedArrayBuffer;
  constructor(bytes: number, spare?: SharedArrayBuffer) {
    this.buffer = spare !== undefined && spare.byteLength >= bytes ? spare : new SharedArrayBuffer(Math.ceil(bytes * 1.25));
  }
  static bytes(n: number, bytesPerValue: number): number { return (n * bytesPerValue + 7) & ~7; }
  take<T extends NumericArray>(Ctor: SlabArray<T>, n: number): T {
    const a = new Ctor(this.buffer, this.used, n);
    this.used += Slab.bytes(n, Ctor.BYTES_PER_ELEMENT);
    return a;
  }
}

export class NumericBuilder {
  kind = Kind.U8;
  /** Integers in [lo, hi] can be stored straight into `cur` (the parser's fast path). */
  lo = 0;
  hi = 255;
  cur: NumericArray = new Uint8Array(0);
  private blocks: NumericArray[] = [];
  private nas: (Uint8Array | null)[] = [];
  private block = -1;

  /** Makes block `b` (of `size` rows) current, allocating it on first use. */
  startBlock(b: number, size: number): void {
    if (this.blocks.length === b) { this.blocks.push(this.alloc(size)); this.nas.push(null); }
    this.block = b;
    this.cur = this.blocks[b]!;
  }

  /** Stores any value (the slow path: widens storage when needed). NaN means NA. */
  set(off: number, v: number): void {
    if (v !== v) { this.setNA(off); return; }
    if (this.kind !== Kind.F64 && !(Number.isInteger(v) && v >= this.lo && v <= this.hi)) this.widen(v);
    this.cur[off] = v;
  }

  /** Forgets the NA marks (a worker's parser starts its next piece in the same blocks). */
  clearNA(): void {
    for (const m of this.nas) m?.fill(0);
  }

  /** Slab bytes that take(n) needs. */
  partBytes(n: number): number {
    return Slab.bytes(n, KIND_ARRAY[this.kind]!.BYTES_PER_ELEMENT) + (this.nas.some((m) => m !== null) ? Slab.bytes(bitmapBytes(n), 1) : 0);
  }

  /** Rows [0, n), in the current kind, copied into `slab` (a worker's part of the column). */
  take(n: number, slab: Slab): NumericPart {
    const values = slab.take(KIND_ARRAY[this.kind] as SlabArray<NumericArray>, n);
    const na = this.nas.some((m) => m !== null) ? slab.take(Uint8Array, bitmapBytes(n)).fill(0) : null;  // a reused slab
    for (let b = 0, base = 0; base < n; base += this.blocks[b]!.length, b++) {
      const src = this.blocks[b]!, len = Math.min(src.length, n - base), bm = this.nas[b];
      values.set(src.length === len ? src : src.subarray(0, len), base);
      if (bm && na) for (let i = 0; i < len; i++) if (naGet(bm, i)) naSet(na, base + i);
    }
    return { kind: this.kind as NumericKind, values, na };
  }

  /** Copies a part's rows [from, from + count) to `off` in the current block, widening if needed. */
  put(part: NumericPart, from: number, count: number, off: number): void {
    if (part.kind > this.kind) this.widenTo(part.kind as number as Kind);
    this.cur.set(count === part.values.length ? part.values : part.values.subarray(from, from + count), off);
    const na = part.na;
    if (na !== null) for (let i = 0; i < count; i++) if (naGet(na, from + i)) this.setNA(off + i);
  }

  setNA(off: number): void {
    if (this.kind === Kind.F64) { this.cur[off] = NaN; return; }
    this.cur[off] = 0;
    naSet(this.nas[this.block] ??= new Uint8Array(bitmapBytes(this.cur.length)), off);
  }

  /** Forgets an NA mark at `off` of the current block (the row is being parsed again). */
  clear(off: number): void {
    const na = this.nas[this.block];
    if (na) naClear(na, off);
  }

  private alloc(n: number): NumericArray {
    switch (this.kind) {
      case Kind.U8: return new Uint8Array(n);
      case Kind.I16: return new Int16Array(n);
      case Kind.I32: return new Int32Array(n);
      default: return new Float64Array(n);
    }
  }

  private widen(v: number): void {
    let k = this.kind as Kind;
    while (k < Kind.F64 && !(Number.isInteger(v) && v >= KIND_RANGE[k]![0] && v <= KIND_RANGE[k]![1])) k++;
    this.widenTo(k);
  }

  private widenTo(k: Kind): void {
    this.kind = k;
    [this.lo, this.hi] = KIND_RANGE[k]!;
    for (let b = 0; b < this.blocks.length; b++) {
      const old = this.blocks[b]!, fresh = this.alloc(old.length);
      fresh.set(old);
      const na = this.nas[b];
      if (k === Kind.F64 && na) {
        for (let i = 0; i < old.length; i++) if (naGet(na, i)) fresh[i] = NaN;
        this.nas[b] = null;
      }
      this.blocks[b] = fresh;
    }
    this.cur = this.blocks[this.block]!;
  }

  /** The finished column over the first `n` rows, in the narrowest exact storage. */
  finish(name: string, n: number, type?: 'int' | 'real'): Column {
    const stats = this.stats(n);
    const Storage = storageFor(stats);
    const t = type ?? (stats.allInt ? 'int' : 'real');
    const only = this.blocks[0];
    if (this.blocks.length <= 1 && only !== undefined && only.constructor === Storage && (only.length - n) * SLACK <= only.length) {
      // The estimate held and no narrowing is due: the block is the column.
      const values = only.length === n ? only : only.subarray(0, n);
      this.blocks = [];
      return new Column(name, { type: t, values, na: this.nas[0] ?? null });
    }
    const values = new Storage(n);
    const float = Storage === Float32Array || Storage === Float64Array;
    let na: Uint8Array | null = null;
    for (let b = 0, base = 0; base < n; base += this.blocks[b]!.length, b++) {
      const src = this.blocks[b]!, len = Math.min(src.length, n - base), bm = this.nas[b];
      values.set(src.length === len ? src : src.subarray(0, len), base);
      if (bm) {
        for (let i = 0; i < len; i++) {
          if (!naGet(bm, i)) continue;
          if (float) values[base + i] = NaN;
          else naSet(na ??= new Uint8Array(bitmapBytes(n)), base + i);
        }
      }
    }
    this.blocks = [];  // release: the peak stays near one copy of the data plus one column
    return new Column(name, { type: t, values, na });
  }

  private stats(n: number): NumericStats {
    const s = emptyStats();
    if (this.kind !== Kind.F64) {
      // Integer storage: NA placeholders are 0, and 0 fits every kind, so they cannot change the choice.
      let min = Infinity, max = -Infinity;
      for (let b = 0, base = 0; base < n; base += this.blocks[b]!.length, b++) {
        const a = this.blocks[b]!, len = Math.min(a.length, n - base);
        for (let i = 0; i < len; i++) { const v = a[i]!; if (v < min) min = v; if (v > max) max = v; }
      }
      s.min = min; s.max = max;
      s.allF32 = min >= -16777216 && max <= 16777216;
      return s;
    }
    for (let b = 0, base = 0; base < n; base += this.blocks[b]!.length, b++) {
      const a = this.blocks[b]!, len = Math.min(a.length, n - base);
      for (let i = 0; i < len; i++) {
        const v = a[i]!;
        if (v !== v) continue;
        if (v < s.min) s.min = v;
        if (v > s.max) s.max = v;
        if (s.allInt && !Number.isInteger(v)) s.allInt = false;
        if (s.allF32 && Math.fround(v) !== v) s.allF32 = false;
      }
    }
    return s;
  }
}

/** Level codes as they are seen (first seen, first code); the domain is sorted when finished. */
export class EnumBuilder {
  cur: Int32Array = new Int32Array(0);
  private blocks: Int32Array[] = [];
  readonly index = new Map<string, number>();
  readonly levels: string[] = [];

  startBlock(b: number, size: number): void {
    if (this.blocks.length === b) this.blocks.push(new Int32Array(size));
    this.cur = this.blocks[b]!;
  }

  /** Rows [0, n) copied into `slab`, with the levels their codes index. */
  take(n: number, slab: Slab): EnumPart {
    const codes = slab.take(Int32Array, n);
    concatInto(codes, this.blocks, n);
    return { codes, levels: this.levels.slice() };
  }

  /** Forgets the levels (a worker's parser starts its next piece). */
  clearLevels(): void {
    this.index.clear();
    this.levels.length = 0;
  }

  /** This builder's code for each of a part's levels (adding the new ones). */
  remap(levels: readonly string[]): Int32Array {
    return Int32Array.from(levels, (s) => this.code(s));
  }

  /** Copies a part's rows [from, from + count) to `off` in the current block, through `remap`. */
  put(part: EnumPart, remap: Int32Array, from: number, count: number, off: number): void {
    const codes = part.codes, cur = this.cur;
    for (let i = 0; i < count; i++) { const c = codes[from + i]!; cur[off + i] = c < 0 ? -1 : remap[c]!; }
  }

  code(s: string): number {
    let c = this.index.get(s);
    if (c === undefined) { c = this.levels.length; this.index.set(s, c); this.levels.push(s); }
    return c;
  }

  finish(name: string, n: number): Column {
    // H2O sorts a parsed domain; remap first-seen codes to sorted order.
    const order = this.levels.map((_, k) => k).sort((a, b) => (this.levels[a]! < this.levels[b]! ? -1 : this.levels[a]! > this.levels[b]! ? 1 : 0));
    const remap = new Int32Array(order.length);
    order.forEach((old, k) => { remap[old] = k; });
    const only = this.blocks[0];
    const inPlace = this.blocks.length <= 1 && only !== undefined && (only.length - n) * SLACK <= only.length;
    const codes = inPlace ? (only.length === n ? only : only.subarray(0, n)) : new Int32Array(n);
    for (let b = 0, base = 0; base < n; base += this.blocks[b]!.length, b++) {
      const src = this.blocks[b]!, len = Math.min(src.length, n - base);
      for (let i = 0; i < len; i++) { const c = src[i]!; codes[base + i] = c < 0 ? -1 : remap[c]!; }
    }
    this.blocks = [];
    return Column.fromCodes(name, codes, order.map((k) => this.levels[k]!));
  }
}

export class TimeBuilder {
  cur: Float64Array = new Float64Array(0);
  private blocks: Float64Array[] = [];

  startBlock(b: number, size: number): void {
    if (this.blocks.length === b) this.blocks.push(new Float64Array(size));
    this.cur = this.blocks[b]!;
  }

  take(n: number, slab: Slab): TimePart {
    const values = slab.take(Float64Array, n);
    concatInto(values, this.blocks, n);
    return { values };
  }

  put(part: TimePart, from: number, count: number, off: number): void {
    this.cur.set(part.values.subarray(from, from + count), off);
  }

  finish(name: string, n: number): Column {
    const values = new Float64Array(n);
    concatInto(values, this.blocks, n);
    this.blocks = [];
    return new Column(name, { type: 'time', values });
  }
}

/** Raw text per row (null = NA); becomes a string column, or an enum when `asEnum`. */
export class TextBuilder {
  readonly values: (string | null)[] = [];

  set(row: number, s: string | null): void {
    this.values[row] = s;
  }

  /** Rows [0, n) (strings are copied when posted; text columns are the rare ones). */
  take(n: number): TextPart {
    return Array.from({ length: n }, (_, i) => this.values[i] ?? null);
  }

  put(part: TextPart, from: number, count: number, row: number): void {
    for (let i = 0; i < count; i++) this.values[row + i] = part[from + i]!;
  }

  finish(name: string, n: number, asEnum: boolean): Column {
    this.values.length = n;
    return asEnum ? enumFromStrings(name, this.values) : Column.fromStrings(name, this.values);
  }
}

/** The first `n` rows of a list of blocks, copied into `out`. */
function concatInto<T extends Int32Array | Float64Array>(out: T, blocks: T[], n: number): void {
  for (let b = 0, base = 0; base < n; base += blocks[b]!.length, b++)
    out.set(blocks[b]!.subarray(0, Math.min(blocks[b]!.length, n - base)), base);
}
