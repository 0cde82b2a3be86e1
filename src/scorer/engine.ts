// The scorer's forward pass. With Wasm it is predict's own: the Stepper's scoring pass (scoreLoaded,
// the second half of predict's scoreRows) over a single-thread kernel instance on the calling thread
// (plain memory, no workers, no SharedArrayBuffer); the encoder packs rows straight into its layer 0.
// Without Wasm it is the float64 reference pass (dl/reference.ts), the oracle the kernels are tested
// against.

import { standardizeRef } from '../kernels/input';
import { forwardRef } from '../dl/reference';
import { scoreBatch, Stepper, type StepConfig } from '../dl/stepper';
import type { KernelExports } from '../wasm/instance';
import { Arena, createMemory } from '../wasm/memory';
import type { DataInfo } from '../data/data-info';
import type { InputSink } from './encode';
import type { ScoringModel } from './model-source';
import { correctProbabilities } from '../dl/predictions';

export type ScorerKernel = 'simd-st' | 'scalar-st' | 'ts';

export interface ForwardEngine {
  readonly kernel: ScorerKernel;
  /** Rows per block: the most score() takes (predict's scoring batch, so that rows share GEMMs as
   *  they do in predict). */
  readonly batch: number;
  /** Where the encoder packs a block of `batch` rows. */
  readonly sink: InputSink;
  /** Scores sink rows 0..n−1 into out[0 .. n·K): probabilities, or f in link space plus offset. */
  score(n: number): ArrayLike<number>;
}

/** Only the scoring fields matter: the forward pass reads the hidden dropout ratios and, after the
 *  softmax, the balance_classes correction. */
function scoringConfig(m: ScoringModel): StepConfig {
  return {
    input_dropout_ratio: 0, hidden_dropout_ratios: [...m.hiddenDropout], loss: 'deviance', distCode: 0, distParam: 0,
    rho: 0, epsilon: 0, l1: 0, l2: 0, max_w2: Infinity, fast_mode: false, nesterov: false, class_ratio: m.classRatio,
  };
}

const outputs = (m: ScoringModel) => m.layout.spec.units[m.layout.spec.units.length - 1]!;

export class WasmEngine implements ForwardEngine {
  readonly batch: number;
  readonly sink: InputSink;
  private readonly stepper: Stepper;
  private readonly out: Float32Array;

  /** `k` is an instance over `memory`, a plain memory the engine owns from here on. The weights are
   *  copied into it: the model's arrays are not kept. */
  constructor(readonly kernel: 'simd-st' | 'scalar-st', k: KernelExports, memory: WebAssembly.Memory, m: ScoringModel) {
    const arena = new Arena(memory, k.heap_base());
    const { nNum, n0, numOffset } = m.info.layout;
    const params = arena.putF32(m.theta.subarray(0, m.layout.paramFloats));
    const batch = this.batch = scoreBatch(m.layout);
    const scratch = arena.alloc(Stepper.scratchBytes(k, m.layout, batch, false));
    // The stage holds a block's raw plain numerics (at most n0 a row) as f64; the statistics are
    // DataInfo's, as f64 for the standardize kernels.
    const stage = arena.alloc(8 * batch * n0), stats = arena.alloc(3 * 8 * nNum);
    this.stepper = new Stepper(k, memory, m.layout, params, scratch, batch, scoringConfig(m), false);
    // Views last: the memory no longer grows.
    const { x, offsets } = this.stepper.scoringInput();
    const stat = (i: number, v: Float64Array) => new Float64Array(memory.buffer, stats + 8 * nNum * i, nNum).set(v);
    stat(0, m.info.numMeans); stat(1, m.info.normSub); stat(2, m.info.normMul);
    const mean = stats, sub = stats + 8 * nNum, mul = stats + 16 * nNum, dst = x.byteOffset + 4 * numOffset;
    this.sink = {
      x, offsets, stage32: new Float32Array(memory.buffer, stage, 2 * batch * n0), stage64: new Float64Array(memory.buffer, stage, batch * n0),
      standardize(f32, rows, len, at, rs, cs, j0) {
        (f32 ? k.standardize_f32! : k.standardize_f64!)(rows, len, stage + at * (f32 ? 4 : 8), rs, cs, mean + 8 * j0, sub + 8 * j0, mul + 8 * j0, dst + 4 * j0, n0);
      },
    };
    this.out = new Float32Array(batch * outputs(m));
  }

  static memoryFor(m: ScoringModel): WebAssembly.Memory {
    return createMemory(4 * m.layout.paramFloats + (1 << 20), false);
  }

  score(n: number): Float32Array {
    this.stepper.scoreLoaded(n, this.out, 0);
    return this.out;
  }
}

/** A sink in plain arrays that standardizes with the kernels' reference (TsEngine; tests). */
export function referenceSink(info: DataInfo, rows: number): InputSink {
  const { n0, numOffset } = info.layout;
  const { numMeans, normSub, normMul } = info;
  const stage = new ArrayBuffer(8 * rows * n0), x = new Float32Array(rows * n0);
  const stage32 = new Float32Array(stage), stage64 = new Float64Array(stage);
  return {
    x, offsets: new Float32Array(rows), stage32, stage64,
    standardize(f32, n, len, at, rs, cs, j0) {
      standardizeRef({ rows: n, cols: len, rs, cs, ldd: n0 }, f32 ? stage32 : stage64, at, numMeans, normSub, normMul, j0, x, numOffset + j0);
    },
  };
}

export class TsEngine implements ForwardEngine {
  readonly kernel = 'ts' as const;
  readonly batch: number;
  readonly sink: InputSink;
  private readonly masks: (Float64Array | undefined)[];
  private readonly out: Float64Array;

  constructor(private readonly m: ScoringModel) {
    const units = m.layout.spec.units;
    // Dropout compensation as a constant mask per hidden layer: activations × (1 − p).
    this.masks = units.map((n, l) => {
      const p = l >= 1 && l < units.length - 1 ? m.hiddenDropout[l - 1] ?? 0 : 0;
      return p > 0 ? new Float64Array(n).fill(1 - p) : undefined;
    });
    const batch = this.batch = scoreBatch(m.layout);
    this.sink = referenceSink(m.info, batch);
    this.out = new Float64Array(batch * outputs(m));
  }

  score(n: number): Float64Array {
    const K = outputs(this.m), L = this.m.layout.layers.length, n0 = this.m.info.layout.n0, { x, offsets } = this.sink;
    for (let r = 0; r < n; r++) {
      const { a } = forwardRef(this.m.layout, this.m.theta, { x: x.subarray(r * n0, (r + 1) * n0), y: 0, offset: offsets[r]!, masks: this.masks });
      this.out.set(a[L]!, r * K);
    }
    if (this.m.classRatio) correctProbabilities(this.out, n, K, this.m.classRatio);
    return this.out;
  }
}
