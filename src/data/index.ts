// src/data: DataInfo (the preprocessing a model carries) and the packed rows it feeds the network.

export { DataInfo, type DataInfoJSON, type PackOptions, type ResponseInfo } from './data-info';
export type { DataInfoParams, ResolvedParams, CategoricalEncoding, MissingValuesHandling, TransformType } from './params';
export type { DroppedColumn, DropReason } from './column-filter';
export type { Feature, CategoricalFeature, NumericFeature } from './features';
export type { FrameLike } from './frame-access';
export {
  PackedRows, type RowChunk, type DenseRowChunk, type SparseRowChunk, type RowLayout, type DenseRowLayout, type SparseRowLayout,
  chunkViews, expandRow, expandRows, sparseRow,
  sharedMemoryAvailable, DEFAULT_CHUNK_BYTES, MAX_DEFAULT_CHUNK_ROWS,
} from './training-rows';
