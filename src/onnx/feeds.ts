// A frame as the inputs of an exported graph (input-spec.ts), ready for any ONNX runtime's tensor
// constructor: numerics as float32 with NaN for missing, categoricals as int64 level indices with
// −1 for missing or unseen levels, the offset as float32. Columns are matched by name, as predict
// matches them; a missing predictor column is all NA (0 for numerics under sparse, as predict).

import type { DataInfo } from '../data/data-info';
import { codesInDomain, type FrameLike, hasColumn } from '../data/frame-access';
import { AquiferError } from '../util/errors';
import { inputSpec } from './input-spec';

export interface OnnxFeed {
  type: 'float32' | 'int64';
  data: Float32Array | BigInt64Array;
  dims: [number, number];
}

export function onnxFeeds(info: DataInfo, frame: FrameLike): Record<string, OnnxFeed> {
  const spec = inputSpec(info);
  const n = frame.nrow;
  const feeds: Record<string, OnnxFeed> = {};
  if (spec.numeric.length > 0) {
    const k = spec.numeric.length, data = new Float32Array(n * k);
    spec.numeric.forEach((name, j) => {
      const v = hasColumn(frame, name) ? frame.col(name).numbers() : null;
      for (let i = 0; i < n; i++) data[i * k + j] = v === null ? (info.params.sparse ? 0 : NaN) : v[i]!;
    });
    feeds.numeric = { type: 'float32', data, dims: [n, k] };
  }
  if (spec.categorical.length > 0) {
    const k = spec.categorical.length, data = new BigInt64Array(n * k);
    spec.categorical.forEach(({ column, levels }, j) => {
      const codes = hasColumn(frame, column) ? codesInDomain(frame.col(column), levels).codes : null;
      for (let i = 0; i < n; i++) data[i * k + j] = BigInt(codes === null ? -1 : codes[i]!);
    });
    feeds.categorical = { type: 'int64', data, dims: [n, k] };
  }
  if (spec.offset !== null) {
    if (!hasColumn(frame, spec.offset)) throw new AquiferError('BAD_COLUMN', `the offset column '${spec.offset}' is not in the frame`, { subject: spec.offset });
    feeds.offset = { type: 'float32', data: Float32Array.from(frame.col(spec.offset).toFloat64()), dims: [n, 1] };
  }
  return feeds;
}
