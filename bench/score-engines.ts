// Scoring engines measured beside aquifer's in bench/score.ts, on the same model and the same rows,
// alternating with aquifer's engines in the same run. The ONNX Runtime engines of issue 5
// ('onnxruntime-node', 'onnxruntime-web' on its Wasm build) join in otherEngines(): export the model
// (ctx.model.exportOnnx into ctx.dir), start a session, return one BenchEngine per runtime.
import type { DeepLearningModel } from '../src/dl/model';
import { onnxEngines } from './score-onnx';

export interface EngineContext {
  /** The trained W2 MNIST model ([784, 200, 200, 10], Rectifier). */
  model: DeepLearningModel;
  /** Input columns in the order of the rows of x (C1..C784). */
  columns: readonly string[];
  /** `rows` MNIST test rows of raw pixel values (as in the frame, before standardization), row-major. */
  x: Float32Array;
  rows: number;
  /** A scratch directory for files an engine needs (an .onnx export); removed after the run. */
  dir: string;
}

export interface BenchEngine {
  /** The `engine` field of its lines, e.g. 'onnxruntime-node'. */
  engine: string;
  threads: number;
  /** Scores rows from..from+n−1 of ctx.x (from + n <= ctx.rows); a returned promise is awaited. */
  score(from: number, n: number): unknown;
  close?(): unknown;
}

/** Engines other than aquifer's: the ONNX Runtime engines (bench/score-onnx.ts). */
export async function otherEngines(ctx: EngineContext): Promise<BenchEngine[]> {
  return onnxEngines(ctx);
}
