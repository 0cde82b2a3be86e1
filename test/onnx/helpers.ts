// Scores an exported model with ONNX Runtime and measures it against model.predict on the same frame.
import * as ort from 'onnxruntime-node';
import type { DeepLearningModel } from '../../src/dl/model';
import type { Frame } from '../../src/frame';
import { onnxFeeds } from '../../src/onnx/feeds';

type Runtime = { InferenceSession: typeof ort.InferenceSession; Tensor: typeof ort.Tensor };

export async function runOnnx(model: DeepLearningModel, frame: Frame, runtime: Runtime = ort): Promise<Record<string, ort.Tensor>> {
  const session = await runtime.InferenceSession.create(model.toOnnx());
  const feeds = Object.fromEntries(Object.entries(onnxFeeds(model.dataInfo, frame)).map(([k, f]) => [k, new runtime.Tensor(f.type, f.data, f.dims)]));
  try { return await session.run(feeds) as Record<string, ort.Tensor>; } finally { await session.release(); }
}

export interface Agreement {
  /** Largest |ONNX − predict| over probabilities, or relative to max(1, |predict|) for regression. */
  maxDiff: number;
  /** Rows whose label differs though no probability is within 1e-5 of the deciding bound. */
  labelMismatches: number;
  rows: number;
}

/** ONNX Runtime's outputs against model.predict's frame. */
export async function agreement(model: DeepLearningModel, frame: Frame, runtime?: Runtime): Promise<Agreement> {
  const [pred, out] = await Promise.all([model.predict(frame), runOnnx(model, frame, runtime)]);
  const n = frame.nrow;
  let maxDiff = 0, labelMismatches = 0;
  if (!out.probabilities) {
    const y = out.predict!.data as Float64Array, p = pred.col('predict');
    for (let i = 0; i < n; i++) maxDiff = Math.max(maxDiff, Math.abs(y[i]! - p.at(i)) / Math.max(1, Math.abs(p.at(i))));
    return { maxDiff, labelMismatches, rows: n };
  }
  const probs = out.probabilities.data as Float32Array, labels = out.label!.data as BigInt64Array;
  const K = pred.ncol - 1, codes = pred.col('predict').codes!;
  const threshold = model.defaultThreshold;
  for (let i = 0; i < n; i++) {
    const row = Array.from({ length: K }, (_, k) => pred.col(pred.names[k + 1]!).at(i));
    row.forEach((p, k) => { maxDiff = Math.max(maxDiff, Math.abs(probs[i * K + k]! - p)); });
    if (Number(labels[i]) === codes[i]) continue;
    // A label may differ only where predict's own decision is within the tolerance of a tie.
    const close = K === 2 ? Math.abs(row[1]! - threshold) < 1e-5 : Math.abs(row[codes[i]!]! - row[Number(labels[i])]!) < 1e-5;
    if (!close) labelMismatches++;
  }
  return { maxDiff, labelMismatches, rows: n };
}
