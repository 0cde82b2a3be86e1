// Packed training rows: row-major, in chunks that live outside Wasm memory so that the data is not
// bounded by wasm32's 4 GiB and every worker can read every chunk without copying it.
//
// One chunk = one SharedArrayBuffer (an ArrayBuffer where SharedArrayBuffer is unavailable) of 4-byte
// words holding `nrows` rows as consecutive sections, each row-major:
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
// A one-hot block is carried as one index, never as its width: a 10,000-level factor costs 4 bytes a
// row. The full input vector of a row is: input[numOffset + j] = num[j] for the numerics and
// input[cat[c]] += 1 for each categorical (+= because hashed units can collide), all else 0.

export interface RowLayout {
  /** Numeric inputs per row. */
  nNum: number;
  /** Categorical predictors per row. */
  nCat: number;
  /** Width of the network's input layer. */
  n0: number;
  /** Input unit of the first numeric (numStart, or max_categorical_features when hashing). */
  numOffset: number;
}

export interface RowChunk {
  layout: RowLayout;
  /** Position of this chunk in its PackedRows. */
  index: number;
  /** Packed-row number of the chunk's first row. */
  start: number;
  nrows: number;
  buffer: SharedArrayBuffer | ArrayBuffer;
  num: Float32Array;
  cat: Int32Array;
  response: Float32Array;
  weight: Float32Array;
  offset: Float32Array;
  row: Int32Array;
}

/** Default chunk size: about 4 MiB, at most 2^14 rows, at least one row. */
export const DEFAULT_CHUNK_BYTES = 4 << 20;
export const MAX_DEFAULT_CHUNK_ROWS = 1 << 14;

export const rowWords = (l: RowLayout) => l.nNum + l.nCat + 4;

export function defaultChunkRows(l: RowLayout): number {
  return Math.max(1, Math.min(MAX_DEFAULT_CHUNK_ROWS, Math.floor(DEFAULT_CHUNK_BYTES / (4 * rowWords(l)))));
}

export const sharedMemoryAvailable = (): boolean => typeof SharedArrayBuffer === 'function';

/** Typed views over a chunk's buffer: also how a worker rebuilds a chunk it was sent. */
export function chunkViews(layout: RowLayout, buffer: SharedArrayBuffer | ArrayBuffer, nrows: number,
    index = 0, start = 0): RowChunk {
  let at = 0;
  const take = <T>(make: (b: ArrayBufferLike, off: number, len: number) => T, len: number): T => {
    const v = make(buffer, at, len);
    at += 4 * len;
    return v;
  };
  const f32 = (b: ArrayBufferLike, o: number, n: number) => new Float32Array(b, o, n);
  const i32 = (b: ArrayBufferLike, o: number, n: number) => new Int32Array(b, o, n);
  return {
    layout, index, start, nrows, buffer,
    num: take(f32, nrows * layout.nNum),
    cat: take(i32, nrows * layout.nCat),
    response: take(f32, nrows),
    weight: take(f32, nrows),
    offset: take(f32, nrows),
    row: take(i32, nrows),
  };
}

/** Empty chunks for `nrows` rows, `chunkRows` rows each (the last one may be shorter). */
export function allocateChunks(layout: RowLayout, nrows: number, chunkRows: number, shared: boolean): RowChunk[] {
  const chunks: RowChunk[] = [];
  const useShared = shared && sharedMemoryAvailable();
  for (let start = 0, index = 0; start < nrows; start += chunkRows, index++) {
    const n = Math.min(chunkRows, nrows - start);
    const bytes = 4 * rowWords(layout) * n;
    const buffer = useShared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes);
    chunks.push(chunkViews(layout, buffer, n, index, start));
  }
  return chunks;
}

/** Writes row `r` of `chunk` as the full n0-wide input vector (one-hot 1.0s included) into `dense`. */
export function expandRow(chunk: RowChunk, r: number, dense: Float32Array, at = 0): void {
  const { nNum, nCat, n0, numOffset } = chunk.layout;
  dense.fill(0, at, at + n0);
  const num = chunk.num, cat = chunk.cat;
  for (let j = 0, o = r * nNum; j < nNum; j++) dense[at + numOffset + j] = num[o + j]!;
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
  for (let j = 0, o = r * nNum; j < nNum; j++) {
    const v = chunk.num[o + j]!;
    if (v !== 0) { indices[nnz] = numOffset + j; values[nnz] = v; nnz++; }
  }
  return nnz;
}

/** All packed rows of one frame: the chunks, in row order, and what packing reported. */
export class PackedRows implements Iterable<RowChunk> {
  readonly nrows: number;

  constructor(
    readonly layout: RowLayout,
    readonly chunks: readonly RowChunk[],
    /** Training rows left out by missing_values_handling 'Skip'. */
    readonly skippedRows: number,
    /** Unseen levels, missing columns, ...: for the caller to show. */
    readonly warnings: readonly string[],
  ) {
    this.nrows = chunks.reduce((s, c) => s + c.nrows, 0);
  }

  [Symbol.iterator](): Iterator<RowChunk> {
    return this.chunks[Symbol.iterator]();
  }

  /** The chunk holding packed row `i`, and the row's index inside it. */
  locate(i: number): { chunk: RowChunk; r: number } {
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
