// DataInfo: the preprocessing a model carries (h2o-lifecycle.md §0, h2o-training.md §1). Fitted once on
// the training frame (fit.ts), saved with the model as plain JSON, and applied identically to every
// frame the model trains on or scores: the same features, one-hot layout, transforms and imputation.
//
// Input layout (n0 units): for each categorical i in adapted order a block of
//   B_i = card_i − (use_all_factor_levels ? 0 : 1) + 1 units, the last one the NA bucket,
// at catOffsets[i]; then the numerics from numStart = catOffsets[C]. With hashing
// (max_categorical_features M < numStart) the active one-hot units are hashed into units 0..M−1 and
// the numerics start at M.

import { AquiferError } from '../util/errors';
import type { DroppedColumn } from './column-filter';
import { type CategoricalFeature, completeRows, type Feature, FeatureReader, type NumericFeature } from './features';
import { codesInDomain, type FrameLike, hasColumn, isNumericType } from './frame-access';
import { msg } from './messages';
import { hashedUnit } from './murmur-hash';
import type { DataInfoParams, ResolvedParams, TransformType } from './params';
import {
  allocateChunks, allocateSparseChunk, defaultChunkRows, type DenseRowChunk, type DenseRowLayout, PackedRows, type RowChunk, type SparseRowChunk,
  storedNumeric,
} from './training-rows';
import { fitDataInfo } from './fit';

export interface ResponseInfo {
  column: string;
  kind: 'categorical' | 'numeric';
  /** Class labels (categorical response). */
  domain: string[] | null;
  /** Whether the response is trained on as (y − norm_resp_sub)·norm_resp_mul. */
  standardized: boolean;
  norm_resp_sub: number;
  norm_resp_mul: number;
}

/** Everything a DataInfo is, as plain JSON data. */
export interface DataInfoJSON {
  format: 'aquifer.data_info';
  version: 1;
  params: ResolvedParams;
  transform: TransformType;
  /** Categoricals first (by decreasing cardinality), then numerics: H2O's adapted order. */
  features: Feature[];
  /** Per numeric feature: the mean that imputes NA, and the transform (x − sub)·mul. */
  num_means: number[];
  norm_sub: number[];
  norm_mul: number[];
  response: ResponseInfo | null;
  dropped: DroppedColumn[];
  warnings: string[];
}

export interface PackOptions {
  /** Training rows drop rows with a missing predictor under missing_values_handling 'Skip'. */
  training?: boolean;
  /** Rows per chunk; default about 4 MiB per chunk, at most 2^14 rows. */
  chunk_rows?: number;
  /** Use SharedArrayBuffer where available (default true). */
  shared?: boolean;
  /** Store the numerics as their non-zeros (training-rows.ts). Default: for a sparse=true model,
   *  when that takes less memory than dense. */
  sparse?: boolean;
  /** Predictions need no response: a response column whose type does not fit the training one is
   *  ignored (with a warning) instead of refused. */
  responseOptional?: boolean;
}

/** The rows of a frame to pack and their values, before any chunk exists. */
interface RowSource {
  /** Frame row of each packed row. */
  rows: Int32Array;
  cats: Int32Array[];
  nums: ArrayLike<number>[];
  response: Float64Array;
  weights: Float64Array;
  offsets: Float64Array;
  warnings: string[];
  chunkRows: number;
  shared: boolean;
}

export class DataInfo {
  readonly params: ResolvedParams;
  readonly transformType: TransformType;
  readonly categoricals: readonly CategoricalFeature[];
  readonly numerics: readonly NumericFeature[];
  readonly numMeans: Float64Array;
  readonly normSub: Float64Array;
  readonly normMul: Float64Array;
  readonly response: ResponseInfo | null;
  /** Columns dropped by ignore_const_cols (and string columns), with the reason. */
  readonly dropped: readonly DroppedColumn[];
  /** Warnings from fitting (dropped columns, weights with offset, ...). */
  readonly warnings: readonly string[];
  /** catOffsets[i] is the first unit of categorical i's block; catOffsets[C] = numStart. */
  readonly catOffsets: Int32Array;
  readonly numStart: number;
  /** One-hot width incl. NA buckets plus the numerics (H2O's fullN). */
  readonly fullN: number;
  /** max_categorical_features is smaller than the one-hot width: categorical units are hashed. */
  readonly hashing: boolean;
  readonly n0: number;
  readonly layout: DenseRowLayout;

  /** Fits the preprocessing on a training frame. */
  static fit(frame: FrameLike, params: DataInfoParams = {}): DataInfo {
    return new DataInfo(fitDataInfo(frame, params));
  }

  static fromJSON(json: DataInfoJSON): DataInfo {
    if (json === null || typeof json !== 'object' || json.format !== 'aquifer.data_info' || json.version !== 1) {
      throw new AquiferError('BAD_MODEL_FILE', msg.badModelJSON('not an aquifer.data_info version 1 object'));
    }
    const nNum = json.features.filter((f) => f.kind === 'numeric').length;
    for (const k of ['num_means', 'norm_sub', 'norm_mul'] as const) {
      if (!Array.isArray(json[k]) || json[k].length !== nNum) {
        throw new AquiferError('BAD_MODEL_FILE', msg.badModelJSON(`${k} must have ${nNum} entries`));
      }
    }
    return new DataInfo(json);
  }

  private constructor(json: DataInfoJSON) {
    this.params = { ...json.params };
    this.transformType = json.transform;
    this.categoricals = json.features.filter((f): f is CategoricalFeature => f.kind === 'categorical');
    this.numerics = json.features.filter((f): f is NumericFeature => f.kind === 'numeric');
    this.numMeans = Float64Array.from(json.num_means);
    this.normSub = Float64Array.from(json.norm_sub);
    this.normMul = Float64Array.from(json.norm_mul);
    this.response = json.response === null ? null : { ...json.response };
    this.dropped = json.dropped.map((d) => ({ ...d }));
    this.warnings = [...json.warnings];
    const C = this.categoricals.length;
    this.catOffsets = new Int32Array(C + 1);
    for (let i = 0; i < C; i++) this.catOffsets[i + 1] = this.catOffsets[i]! + this.blockSize(i);
    this.numStart = this.catOffsets[C]!;
    this.fullN = this.numStart + this.numerics.length;
    const M = this.params.max_categorical_features;
    this.hashing = M < this.numStart;
    this.n0 = this.hashing ? M + this.numerics.length : this.fullN;
    this.layout = { nNum: this.numerics.length, nCat: C, n0: this.n0, numOffset: this.hashing ? M : this.numStart };
  }

  private blockSize(i: number): number {
    const card = this.categoricals[i]!.domain.length;
    // A categorical without levels still has its NA bucket.
    return Math.max(1, card - (this.params.use_all_factor_levels ? 0 : 1) + 1);
  }

  toJSON(): DataInfoJSON {
    return {
      format: 'aquifer.data_info', version: 1,
      params: { ...this.params, x: this.params.x && [...this.params.x], ignored_columns: [...this.params.ignored_columns] },
      transform: this.transformType,
      features: [...this.categoricals, ...this.numerics].map((f) => structuredClone(f)),
      num_means: Array.from(this.numMeans), norm_sub: Array.from(this.normSub), norm_mul: Array.from(this.normMul),
      response: this.response === null ? null : { ...this.response, domain: this.response.domain && [...this.response.domain] },
      dropped: this.dropped.map((d) => ({ ...d })),
      warnings: [...this.warnings],
    };
  }

  /** Column names of the adapted frame (H2O's _output._names): predictors, weights, offset, response. */
  get names(): string[] {
    const p = this.params;
    return [...this.categoricals.map((f) => f.name), ...this.numerics.map((f) => f.name),
      ...[p.weights_column, p.offset_column, this.response?.column ?? null].filter((c): c is string => c !== null)];
  }

  /** H2O's coefNames: `col.level` per one-hot unit, `col.missing(NA)` per NA bucket, then the numerics. */
  get coefNames(): string[] {
    const out: string[] = [];
    const first = this.params.use_all_factor_levels ? 0 : 1;
    for (const f of this.categoricals) {
      for (let v = first; v < f.domain.length; v++) out.push(`${f.name}.${f.domain[v]}`);
      out.push(`${f.name}.missing(NA)`);
    }
    for (const f of this.numerics) out.push(f.name);
    return out;
  }

  /** One name per input unit (n0): coefNames, or `hash.k` for the hashed units. */
  get inputNames(): string[] {
    if (!this.hashing) return this.coefNames;
    const M = this.params.max_categorical_features;
    return [...Array.from({ length: M }, (_, k) => `hash.${k}`), ...this.numerics.map((f) => f.name)];
  }

  get responseDomain(): string[] | null { return this.response?.domain ?? null; }
  /** Classes of a categorical response; 1 for regression; 0 for an autoencoder. */
  get nclasses(): number { return this.response === null ? 0 : this.response.domain?.length ?? 1; }
  get normRespSub(): number { return this.response?.norm_resp_sub ?? 0; }
  get normRespMul(): number { return this.response?.norm_resp_mul ?? 1; }

  /** A network output in training units back to response units: out/normRespMul + normRespSub. */
  unstandardizeResponse(out: number): number {
    return this.response?.standardized ? out / this.response.norm_resp_mul + this.response.norm_resp_sub : out;
  }

  /** An offset in the network's training units (h2o-training.md §1.8): with a standardized response
   *  (o − normRespSub)·normRespMul, so that the prediction out/normRespMul + normRespSub moves by
   *  exactly the offset; else o. */
  offsetToTrainingUnits(o: number): number {
    return this.response?.standardized ? (o - this.response.norm_resp_sub) * this.response.norm_resp_mul : o;
  }

  /** The input unit that level `v` (-1 = NA) of categorical `i` lights; -1 for none. */
  catUnit(i: number, v: number): number {
    const lo = this.catOffsets[i]!, hi = this.catOffsets[i + 1]!;
    let u: number;
    if (v < 0) u = hi - 1;
    else if (this.params.use_all_factor_levels) u = lo + v;
    else u = v === 0 ? -1 : lo + v - 1;
    if (u >= hi) u = hi - 1; // an index beyond the block goes to the NA bucket, as H2O clamps it
    if (u >= 0 && this.hashing) u = hashedUnit(u, this.params.seed, this.params.max_categorical_features);
    return u;
  }

  /** The transformed input of numeric `j` for raw value x: NA imputes the training mean. */
  numValue(j: number, x: number): number {
    return ((x !== x ? this.numMeans[j]! : x) - this.normSub[j]!) * this.normMul[j]!;
  }

  /** Packs a frame's rows for the network (see training-rows.ts for the layout). A sparse=true
   *  model packs them as their non-zeros when that takes less memory (training and validation rows
   *  alike); `training` drops the rows missing_values_handling Skip leaves out. */
  packRows(frame: FrameLike, opts: PackOptions & { sparse: false }): PackedRows<DenseRowChunk>;
  packRows(frame: FrameLike, opts?: PackOptions): PackedRows;
  packRows(frame: FrameLike, opts: PackOptions = {}): PackedRows {
    const src = this.rowSource(frame, opts);
    const skipped = frame.nrow - src.rows.length;
    if (opts.sparse === false || !(opts.sparse || this.params.sparse)) return this.packDense(src, skipped);
    const counts = this.nonzeroCounts(src);
    let nnz = 0;
    for (let i = 0; i < counts.length; i++) nnz += counts[i]!;
    // CSR costs two words a non-zero: past half full, dense is the smaller (and as fast) form.
    if (opts.sparse === undefined && 2 * nnz >= src.rows.length * this.layout.nNum) return this.packDense(src, skipped);
    return this.packSparse(src, counts, skipped);
  }

  /** Scoring: packs every row (missing_values_handling has no effect at scoring), dense. */
  transform(frame: FrameLike, opts: Omit<PackOptions, 'training' | 'sparse'> = {}): PackedRows<DenseRowChunk> {
    return this.packDense(this.rowSource(frame, { ...opts, training: false }), 0);
  }

  private rowSource(frame: FrameLike, opts: PackOptions): RowSource {
    const reader = new FeatureReader(frame, this.params.sparse);
    const nrow = frame.nrow;
    const cats = this.categoricals.map((f) => reader.categorical(f));
    const nums = this.numerics.map((f) => reader.numeric(f));
    const keep = opts.training && this.params.missing_values_handling === 'Skip' ? completeRows(nrow, cats, nums) : null;
    let kept = 0;
    for (let i = 0; i < nrow; i++) if (keep === null || keep[i]) kept++;
    const rows = new Int32Array(kept);
    for (let i = 0, k = 0; i < nrow; i++) if (keep === null || keep[i]) rows[k++] = i;
    const warnings = reader.warnings();
    const response = this.responseValues(frame, warnings, opts.responseOptional ?? false);
    const weights = this.extraColumn(frame, this.params.weights_column, 1);
    const offsets = this.extraColumn(frame, this.params.offset_column, 0);
    if (this.params.offset_column !== null) for (let i = 0; i < offsets.length; i++) offsets[i] = this.offsetToTrainingUnits(offsets[i]!);
    const chunkRows = opts.chunk_rows ?? defaultChunkRows(this.layout);
    if (!Number.isInteger(chunkRows) || chunkRows < 1) {
      throw new AquiferError('BAD_PARAMETER', msg.notPositiveInt('chunk_rows', chunkRows), { subject: 'chunk_rows' });
    }
    return { rows, cats, nums, response, weights, offsets, warnings, chunkRows, shared: opts.shared ?? true };
  }

  private packDense(src: RowSource, skipped: number): PackedRows<DenseRowChunk> {
    const { rows, nums } = src;
    const chunks = allocateChunks(this.layout, rows.length, src.chunkRows, src.shared);
    const nNum = this.layout.nNum;
    for (const chunk of chunks) {
      const n = chunk.nrows, at = chunk.start;
      // Column by column: each source array is read in order (the chunk is written with a stride).
      for (let j = 0; j < nNum; j++) {
        const col = nums[j]!, mean = this.numMeans[j]!, sub = this.normSub[j]!, mul = this.normMul[j]!;
        for (let r = 0; r < n; r++) {
          const x = col[rows[at + r]!]!;
          chunk.num[r * nNum + j] = ((x !== x ? mean : x) - sub) * mul;
        }
      }
      this.packRest(src, chunk);
    }
    return new PackedRows(this.layout, chunks, skipped, src.warnings);
  }

  /** Per packed row, how many of its numerics a sparse chunk stores. */
  private nonzeroCounts(src: RowSource): Int32Array {
    const { rows, nums } = src;
    const counts = new Int32Array(rows.length);
    for (let j = 0; j < this.layout.nNum; j++) {
      const col = nums[j]!, mean = this.numMeans[j]!, sub = this.normSub[j]!, mul = this.normMul[j]!;
      for (let r = 0; r < rows.length; r++) {
        const x = col[rows[r]!]!;
        if (storedNumeric(Math.fround(((x !== x ? mean : x) - sub) * mul))) counts[r]++;
      }
    }
    return counts;
  }

  /** Chunks with the same rows as packDense's, the numerics as CSR; `counts` from nonzeroCounts. */
  private packSparse(src: RowSource, counts: Int32Array, skipped: number): PackedRows {
    const { rows, nums, chunkRows } = src;
    const layout = { ...this.layout, sparse: true } as const;
    const chunks: SparseRowChunk[] = [];
    const cursor = new Int32Array(Math.min(chunkRows, rows.length));
    for (let at = 0, index = 0; at < rows.length; at += chunkRows, index++) {
      const n = Math.min(chunkRows, rows.length - at);
      let nnz = 0;
      for (let r = 0; r < n; r++) nnz += counts[at + r]!;
      const chunk = allocateSparseChunk(layout, n, nnz, src.shared, index, at);
      for (let r = 0, k = 0; r < n; k += counts[at + r]!, r++) { chunk.numStart[r] = k; cursor[r] = k; }
      // Column by column as packDense, each row's entries landing in ascending j.
      for (let j = 0; j < layout.nNum; j++) {
        const col = nums[j]!, mean = this.numMeans[j]!, sub = this.normSub[j]!, mul = this.normMul[j]!;
        for (let r = 0; r < n; r++) {
          const x = col[rows[at + r]!]!;
          const v = Math.fround(((x !== x ? mean : x) - sub) * mul);
          if (storedNumeric(v)) { const k = cursor[r]!++; chunk.numIndex[k] = j; chunk.numValue[k] = v; }
        }
      }
      this.packRest(src, chunk);
      chunks.push(chunk);
    }
    return new PackedRows(layout, chunks, skipped, src.warnings);
  }

  /** The sections both forms share: categorical units, response, weight, offset, frame row. */
  private packRest(src: RowSource, chunk: RowChunk): void {
    const { rows, cats, response, weights, offsets } = src;
    const n = chunk.nrows, at = chunk.start, nCat = this.layout.nCat;
    for (let c = 0; c < nCat; c++) {
      const codes = cats[c]!;
      for (let r = 0; r < n; r++) chunk.cat[r * nCat + c] = this.catUnit(c, codes[rows[at + r]!]!);
    }
    for (let r = 0; r < n; r++) {
      const i = rows[at + r]!;
      chunk.response[r] = response[i]!;
      chunk.weight[r] = weights[i]!;
      chunk.offset[r] = offsets[i]!;
      chunk.row[r] = i;
    }
  }

  /** Metrics of `frame` (a validation frame, modelPerformance's frame) need its response: refuses a
   *  frame without the response column, or where every value of it is missing; `where` names it. */
  requireResponse(frame: FrameLike, where: string): void {
    const r = this.response;
    if (r === null) return;
    if (!hasColumn(frame, r.column)) throw new AquiferError('BAD_COLUMN', msg.noResponse(where, r.column), { subject: r.column });
    const c = frame.col(r.column);
    let known = 0;
    for (let i = 0; i < frame.nrow && known === 0; i++) if (!c.isNA(i)) known++;
    if (frame.nrow > 0 && known === 0) throw new AquiferError('BAD_COLUMN', msg.allResponseMissing(where, r.column), { subject: r.column });
  }

  /** Response per row in training units (class index for classification); NaN when NA or absent
   *  (or, when `optional`, of a type that does not fit). */
  private responseValues(frame: FrameLike, warnings: string[], optional: boolean): Float64Array {
    const out = new Float64Array(frame.nrow).fill(NaN);
    const r = this.response;
    if (r === null || !hasColumn(frame, r.column)) return out;
    const c = frame.col(r.column);
    if (r.kind !== 'categorical' && !isNumericType(c.type) && optional) {
      warnings.push(msg.responseIgnored(r.column, c.type));
      return out;
    }
    if (r.kind === 'categorical') {
      const { codes, unseen } = codesInDomain(c, r.domain!);
      if (unseen.length > 0) warnings.push(msg.unseenLevels(r.column, unseen));
      for (let i = 0; i < out.length; i++) if (codes[i]! >= 0) out[i] = codes[i]!;
      return out;
    }
    if (!isNumericType(c.type)) throw new AquiferError('BAD_COLUMN', msg.numericWasCategorical(r.column, c.type), { subject: r.column });
    const y = c.toFloat64();
    for (let i = 0; i < out.length; i++) out[i] = r.standardized ? (y[i]! - r.norm_resp_sub) * r.norm_resp_mul : y[i]!;
    return out;
  }

  private extraColumn(frame: FrameLike, name: string | null, fill: number): Float64Array {
    if (name === null) return new Float64Array(frame.nrow).fill(fill);
    if (!hasColumn(frame, name)) {
      if (name === this.params.offset_column) throw new AquiferError('BAD_COLUMN', msg.missingOffset(name), { subject: name });
      return new Float64Array(frame.nrow).fill(fill);
    }
    return frame.col(name).toFloat64();
  }
}
