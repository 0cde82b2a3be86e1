// The scorer's forward pass. With Wasm it is predict's own: Stepper.scoreRows over a single-thread
// kernel instance on the calling thread (plain memory, no workers, no SharedArrayBuffer). Without
// Wasm it is the float64 reference pass (dl/reference.ts), the oracle the kernels are tested against.

import type { RowChunk } from '../data/training-rows';
import { expandRow } from '../data/training-rows';
import { forwardRef } from '../dl/reference';
import { scoreBatch, Stepper, type StepConfig } from '../dl/stepper';
import type { KernelExports } from '../wasm/instance';
import { Arena, createMemory } from '../wasm/memory';
import type { ScoringModel } from './model-source';

export type ScorerKernel = 'simd-st' | 'scalar-st' | 'ts';

export interface ForwardEngine {
  readonly kernel: ScorerKernel;
  /** Scores chunk rows 0..n−1 into out[0 .. n·K): probabilities, or f in link space plus offset. */
  score(chunk: RowChunk, n: number): ArrayLike<number>;
}

/** Only the scoring fields matter: the forward pass reads the hidden dropout ratios alone. */
function scoringConfig(hiddenDropout: readonly number[]): StepConfig {
  return {
    input_dropout_ratio: 0, hidden_dropout_ratios: [...hiddenDropout], loss: 'deviance', distCode: 0, distParam: 0,
    rho: 0, epsilon: 0, l1: 0, l2: 0, max_w2: Infinity, fast_mode: false, nesterov: false,
  };
}

const outputs = (m: ScoringModel) => m.layout.spec.units[m.layout.spec.units.length - 1]!;

export class WasmEngine implements ForwardEngine {
  private readonly stepper: Stepper;
  private out: Float32Array;
  private rows: Int32Array;

  /** `k` is an instance over `memory`, a plain memory the engine owns from here on. */
  constructor(readonly kernel: 'simd-st' | 'scalar-st', k: KernelExports, memory: WebAssembly.Memory, private readonly m: ScoringModel) {
    const arena = new Arena(memory, k.heap_base());
    const params = arena.putF32(m.theta.subarray(0, m.layout.paramFloats));
    const batch = scoreBatch(m.layout);
    const scratch = arena.alloc(Stepper.scratchBytes(k, m.layout, batch, false));
    this.stepper = new Stepper(k, memory, m.layout, params, scratch, batch, scoringConfig(m.hiddenDropout), false);
    this.out = new Float32Array(outputs(m));
    this.rows = new Int32Array(1);
  }

  static memoryFor(m: ScoringModel): WebAssembly.Memory {
    return createMemory(4 * m.layout.paramFloats + (1 << 20), false);
  }

  score(chunk: RowChunk, n: number): Float32Array {
    const K = outputs(this.m);
    if (this.out.length < n * K) this.out = new Float32Array(n * K);
    if (this.rows.length !== n) this.rows = Int32Array.from({ length: n }, (_, i) => i);
    this.stepper.scoreRows(chunk, this.rows, this.out, 0);
    return this.out;
  }
}

export class TsEngine implements ForwardEngine {
  readonly kernel = 'ts' as const;
  private readonly masks: (Float64Array | undefined)[];
  private readonly x: Float32Array;
  private out = new Float64Array(0);

  constructor(private readonly m: ScoringModel) {
    const units = m.layout.spec.units;
    // Dropout compensation as a constant mask per hidden layer: activations × (1 − p).
    this.masks = units.map((n, l) => {
      const p = l >= 1 && l < units.length - 1 ? m.hiddenDropout[l - 1] ?? 0 : 0;
      return p > 0 ? new Float64Array(n).fill(1 - p) : undefined;
    });
    this.x = new Float32Array(units[0]!);
  }

  score(chunk: RowChunk, n: number): Float64Array {
    const K = outputs(this.m), L = this.m.layout.layers.length;
    if (this.out.length < n * K) this.out = new Float64Array(n * K);
    for (let r = 0; r < n; r++) {
      expandRow(chunk, r, this.x);
      const { a } = forwardRef(this.m.layout, this.m.theta, { x: this.x, y: 0, offset: chunk.offset[r]!, masks: this.masks });
      this.out.set(a[L]!, r * K);
    }
    return this.out;
  }
}
