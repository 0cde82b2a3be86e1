// The ONNX Runtime engines of the score suite (bench/score.ts, through otherEngines() in
// bench/score-engines.ts): the model written by model.exportOnnx, scored by onnxruntime-node (native)
// and by onnxruntime-web (its Wasm build, in this Node process), each on one thread, on the same rows
// as aquifer's engines. A call builds the input tensor over rows from..from+n−1 and runs the session:
// what a user of either runtime pays per batch.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as ortNode from 'onnxruntime-node';
import * as ortWeb from 'onnxruntime-web';
import type { DeepLearningModel } from '../src/dl/model';
import { inputSpec } from '../src/onnx/input-spec';

/** What bench/score.ts hands its engines (its EngineContext). */
export interface OnnxEngineContext {
  model: DeepLearningModel;
  /** Column names of the rows of x. */
  columns: readonly string[];
  /** Raw predictor values, row-major, `rows` × columns.length. */
  x: Float32Array;
  rows: number;
  /** Scratch directory for the .onnx file. */
  dir: string;
}

export interface OnnxEngine {
  engine: 'onnxruntime-node' | 'onnxruntime-web';
  threads: 1;
  score(from: number, n: number): Promise<unknown>;
  close(): Promise<void>;
}

/** The `numeric` input of the graph: the model's numeric predictors, picked from x's columns. */
function numericInput(ctx: OnnxEngineContext): { data: Float32Array; k: number } {
  const spec = inputSpec(ctx.model.dataInfo);
  if (spec.categorical.length > 0 || spec.offset !== null) throw new Error('the ONNX bench engines feed numeric predictors only');
  const at = spec.numeric.map((name) => {
    const j = ctx.columns.indexOf(name);
    if (j < 0) throw new Error(`predictor '${name}' is not among the bench rows' columns`);
    return j;
  });
  const k = at.length, c = ctx.columns.length, data = new Float32Array(ctx.rows * k);
  for (let i = 0; i < ctx.rows; i++) for (let j = 0; j < k; j++) data[i * k + j] = ctx.x[i * c + at[j]!]!;
  return { data, k };
}

export async function onnxEngines(ctx: OnnxEngineContext): Promise<OnnxEngine[]> {
  const path = join(ctx.dir, 'model.onnx');
  await ctx.model.exportOnnx(path);
  const bytes = new Uint8Array(await readFile(path));
  const { data, k } = numericInput(ctx);
  ortWeb.env.wasm.numThreads = 1;
  const runtimes = [['onnxruntime-node', ortNode], ['onnxruntime-web', ortWeb as unknown as typeof ortNode]] as const;
  return Promise.all(runtimes.map(async ([engine, ort]): Promise<OnnxEngine> => {
    const session = await ort.InferenceSession.create(bytes, {
      intraOpNumThreads: 1, interOpNumThreads: 1, executionMode: 'sequential', graphOptimizationLevel: 'all',
    });
    return {
      engine, threads: 1,
      score: (from, n) => session.run({ numeric: new ort.Tensor('float32', data.subarray(from * k, (from + n) * k), [n, k]) }),
      close: () => session.release(),
    };
  }));
}
