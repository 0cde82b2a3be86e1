// Packed training rows: row-major, in chunks that live outside Wasm memory so that the data is not
// bounded by wasm32's 4 GiB and every worker can read every chunk without copying it.
//
// One chunk = one SharedArrayBuffer (an ArrayBuffer where SharedArrayBuffer is unavailable) of 4-byte
// words holding `nrows` rows as consecutive sections, each row-major. Dense (the default):
//
//   num      Float32 [nrows × nNum]  numeric inputs, already imputed and transformed, in DataInfo order
//   cat      Int32   [nrows × nCat]  per categorical, the input unit its level lights (an index into
//                                    the n0-wide input vector, already hashed when hashing is on);
//                                    -1 = no unit (the reference level with use_all_factor_levels=false)
//   response Float32 [nrows]         regression: (y − normRespSub)·normRespMul; classification: the
//                                    class index; NaN = NA or no response (autoencoder, or absent)
//   weight   Float32 [nrows]         observation weight (1 without weights_column)
//   offset   Float32 [nrows]         offset (0 without offset_column)
//   row      Int32   [nrows]         the row's index in the source frame
//
// Sparse (layout.sparse; the training and validation rows of a sparse=true model, where zeros stay zero) keeps only
// the numerics that are not +0, row by row (CSR), with the variable-length sections last:
//
//   numStart Int32   [nrows + 1]     row r's numerics are entries numStart[r] .. numStart[r+1]−1;
//                                    numStart[nrows] = nnz, the chunk's count
//   cat, response, weight, offset, row   as above
//   numIndex Int32   [nnz]           j of each entry (ascending within a row)
//   numValue Float32 [nnz]           its value (-0 is kept, so that a row expands bit for bit as dense)
//
// nnz follows from the buffer's size, so (layout, buffer, nrows) rebuild either form. On MNIST
// (19% non-zero) a sparse chunk is 0.4 of the dense one.
//
// A one-hot block is carried as one index, never as its width: a 10,000-level factor costs 4 bytes a
// row. The full input vector of a row is: input[numOffset + j] = num[j] for the numerics and
// input[cat[c]] += 1 for each categorical (+= because hashed units can collide), all else 0.

import { AquiferError } from '../util/errors';

interface LayoutSizes {
  /** Numeric inputs per row. */
  nNum: number;
  /** Categorical predictors per row. */
  nCat: number;
  /** Width of the network's input layer. */
  n0: number;
  /** Input unit of the first numeric (numStart, or max_categorical_features when hashing). */
  numOffset: number;
}

/** Numerics stored row after row, every one (DataInfo.layout; scoring). */
export interface DenseRowLayout extends LayoutSizes { sparse?: false }
/** Numerics stored as their non-zeros (CSR, see above). */
export interface SparseRowLayout extends LayoutSizes { sparse: true }
export type RowLayout = DenseRowLayout | SparseRowLayout;

interface ChunkSections {
  /** Position of this chunk in its PackedRows. */
  index: number;
  /** Packed-row number of the chunk's first row. */
  start: number;
  nrows: number;
  buffer: SharedArrayBuffer | ArrayBuffer;
  cat: Int32Array;
  response: Float32Array;
  weight: Float32Array;
  offset: Float32Array;
  row: Int32Array;
}

export interface DenseRowChunk extends ChunkSections {
  sparse: false;
  layout: DenseRowLayout;
  num: Float32Array;
}

export interface SparseRowChunk extends ChunkSections {
  sparse: true;
  layout: SparseRowLayout;
  numStart: Int32Array;
  numIndex: Int32Array;
  numValue: Float32Array;
}

/** A chunk of packed rows in either form: read its inputs through expandRow / sparseRow. */
export type RowChunk = DenseRowChunk | SparseRowChunk;

/** Default chunk size: about 4 MiB, at most 2^14 rows, at least one row. */
export const DEFAULT_CHUNK_BYTES = 4 << 20;
export const MAX_DEFAULT_CHUNK_ROWS = 1 << 14;

/** Words per dense row. */
export const rowWords = (l: RowLayout) => l.nNum + l.nCat + 4;

/** Words of a sparse chunk of `nrows` rows holding `nnz` numerics. */
export const sparseChunkWords = (l: RowLayout, nrows: number, nnz: number) => nrows + 1 + nrows * (l.nCat + 4) + 2 * nnz;

/** Rows per chunk, sized on the dense form: a frame packed sparse is chunked as dense, so that
 *  sampling (seeded per chunk) visits the same rows in either form. */
export function defaultChunkRows(l: RowLayout): number {
  return Math.max(1, Math.min(MAX_DEFAULT_CHUNK_ROWS, Math.floor(DEFAULT_CHUNK_BYTES / (4 * rowWords(l)))));
}

export const sharedMemoryAvailable = (): boolean => typeof SharedArrayBuffer === 'function';

function newBuffer(bytes: number, shared: boolean): SharedArrayBuffer | ArrayBuffer {
  return shared && sharedMemoryAvailable() ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes);
}

/** Typed views over a chunk's buffer, in the form its layout says: also how a worker rebuilds a
 *  chunk it was sent. */
export function chunkViews(layout: DenseRowLayout, buffer: SharedArrayBuffer | ArrayBuffer, nrows: number, index?: number, start?: number): DenseRowChunk;
export function chunkViews(layout: SparseRowLayout, buffer: SharedArrayBuffer | ArrayBuffer, nrows: number, index?: number, start?: number): SparseRowChunk;
export function chunkViews(layout: RowLayout, buffer: SharedArrayBuffer | ArrayBuffer, nrows: number, index?: number, start?: number): RowChunk;
export function chunkViews(layout: RowLayout, buffer: SharedArrayBuffer | ArrayBuffer, nrows: number, index = 0, start = 0): RowChunk {
  let at = 0;
  const f32 = (len: number) => { const v = new Float32Array(buffer, at, len); at += 4 * len; return v; };
  const i32 = (len: number) => { const v = new Int32Array(buffer, at, len); at += 4 * len; return v; };
  if (!layout.sparse) {
    const num = f32(nrows * layout.nNum);
    return { sparse: false, layout, index, start, nrows, buffer, num, cat: i32(nrows * layout.nCat), response: f32(nrows), weight: f32(nrows), offset: f32(nrows), row: i32(nrows) };
  }
  const nnz = (buffer.byteLength / 4 - sparseChunkWords(layout, nrows, 0)) / 2;
  const numStart = nnz >= 0 ? i32(nrows + 1) : null;
  if (numStart === null || !Number.isInteger(nnz) || numStart[nrows] !== nnz) {
    throw new AquiferError('INTERNAL', `a sparse chunk of ${nrows} rows does not fit its ${buffer.byteLength}-byte buffer`);
  }
  const cat = i32(nrows * layout.nCat), response = f32(nrows), weight = f32(nrows), offset = f32(nrows), row = i32(nrows);
  return { sparse: true, layout, index, start, nrows, buffer, numStart, cat, response, weight, offset, row, numIndex: i32(nnz), numValue: f32(nnz) };
}

/** Empty dense chunks for `nrows` rows, `chunkRows` rows each (the last one may be shorter). */
export function allocateChunks(layout: DenseRowLayout, nrows: number, chunkRows: number, shared: boolean): DenseRowChunk[] {
  const chunks: DenseRowChunk[] = [];
  for (let start = 0, index = 0; start < nrows; start += chunkRows, index++) {
    const n = Math.min(chunkRows, nrows - start);
    chunks.push(chunkViews(layout, newBuffer(4 * rowWords(layout) * n, shared), n, index, start));
  }
  return chunks;
}

/** An empty sparse chunk of `nrows` rows with room for `nnz` numerics; numStart[nrows] is set. */
export function allocateSparseChunk(layout: RowLayout, nrows: number, nnz: number, shared: boolean, index = 0, start = 0): SparseRowChunk {
  const sparse: SparseRowLayout = { ...layout, sparse: true };
  const buffer = newBuffer(4 * sparseChunkWords(sparse, nrows, nnz), shared);
  new Int32Array(buffer, 4 * nrows, 1)[0] = nnz;
  return chunkViews(sparse, buffer, nrows, index, start);
}

/** Whether a numeric input is stored in a sparse chunk: anything but +0 (so -0 and NaN are). */
export const storedNumeric = (v: number): boolean => v !== 0 || 1 / v < 0;

/** Writes row `r` of `chunk` as the full n0-wide input vector (one-hot 1.0s included) into `dense`. */
export function expandRow(chunk: RowChunk, r: number, dense: Float32Array, at = 0): void {
  const { nNum, nCat, n0, numOffset } = chunk.layout;
  dense.fill(0, at, at + n0);
  if (chunk.sparse) {
    const idx = chunk.numIndex, val = chunk.numValue, base = at + numOffset;
    for (let k = chunk.numStart[r]!, end = chunk.numStart[r + 1]!; k < end; k++) dense[base + idx[k]!] = val[k]!;
  } else {
    const num = chunk.num;
    for (let j = 0, o = r * nNum; j < nNum; j++) dense[at + numOffset + j] = num[o + j]!;
  }
  const cat = chunk.cat;
  for (let c = 0, o = r * nCat; c < nCat; c++) {
    const u = cat[o + c]!;
    if (u >= 0) dense[at + u] += 1;
  }
}

/** Rows start..start+count−1 of `chunk` as consecutive n0-wide input vectors (a mini-batch). */
export function expandRows(chunk: RowChunk, start: number, count: number, dense: Float32Array): void {
  const n0 = chunk.layout.n0;
  for (let k = 0; k < count; k++) expandRow(chunk, start + k, dense, k * n0);
}

/**
 * Row `r` of `chunk` as its nonzero inputs: indices ascending (no repeats) into `indices`, values
 * into `values`; both need room for nCat + nNum entries. Returns the number of nonzeros.
 */
export function sparseRow(chunk: RowChunk, r: number, indices: Int32Array, values: Float32Array): number {
  const { nNum, nCat, numOffset } = chunk.layout;
  let nnz = 0;
  for (let c = 0, o = r * nCat; c < nCat; c++) {
    const u = chunk.cat[o + c]!;
    if (u < 0) continue;
    // Insertion into the sorted prefix; a repeated (hash-collided) unit adds up.
    let k = nnz - 1;
    while (k >= 0 && indices[k]! > u) k--;
    if (k >= 0 && indices[k] === u) { values[k] += 1; continue; }
    for (let m = nnz - 1; m > k; m--) { indices[m + 1] = indices[m]!; values[m + 1] = values[m]!; }
    indices[k + 1] = u; values[k + 1] = 1; nnz++;
  }
  // The numerics' units all lie above the categoricals' (numOffset on): they append in order.
  if (chunk.sparse) {
    const idx = chunk.numIndex, val = chunk.numValue;
    for (let k = chunk.numStart[r]!, end = chunk.numStart[r + 1]!; k < end; k++) {
      const v = val[k]!;
      if (v !== 0) { indices[nnz] = numOffset + idx[k]!; values[nnz] = v; nnz++; }
    }
  } else {
    for (let j = 0, o = r * nNum; j < nNum; j++) {
      const v = chunk.num[o + j]!;
      if (v !== 0) { indices[nnz] = numOffset + j; values[nnz] = v; nnz++; }
    }
  }
  return nnz;
}

/** All packed rows of one frame: the chunks, in row order, and what packing reported. */
export class PackedRows<C extends RowChunk = RowChunk> implements Iterable<C> {
  readonly nrows: number;

  constructor(
    readonly layout: C['layout'],
    readonly chunks: readonly C[],
    /** Training rows left out by missing_values_handling 'Skip'. */
    readonly skippedRows: number,
    /** Unseen levels, missing columns, ...: for the caller to show. */
    readonly warnings: readonly string[],
  ) {
    this.nrows = chunks.reduce((s, c) => s + c.nrows, 0);
  }

  [Symbol.iterator](): Iterator<C> {
    return this.chunks[Symbol.iterator]();
  }

  /** The chunk holding packed row `i`, and the row's index inside it. */
  locate(i: number): { chunk: C; r: number } {
    if (!(i >= 0 && i < this.nrows)) throw new RangeError(`row ${i} is out of range 0..${this.nrows - 1}`);
    let lo = 0, hi = this.chunks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.chunks[mid]!.start <= i) lo = mid; else hi = mid - 1;
    }
    const chunk = this.chunks[lo]!;
    return { chunk, r: i - chunk.start };
  }

  /** Bytes held by all chunks. */
  get bytes(): number {
    return this.chunks.reduce((s, c) => s + c.buffer.byteLength, 0);
  }
}
