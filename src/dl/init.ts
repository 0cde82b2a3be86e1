// Initial weights and biases (h2o-training.md §2). One generator per weight matrix, seeded from
// the model seed the way H2O seeds its per-layer PCG32 (seed + 0xBAD5EED + layer + 1); aquifer's
// generator is xoshiro128**, so values differ from H2O's bit for bit (docs/h2o-differences.md).

import { Random } from '../util/random';
import type { ParamLayout } from './network';

export type InitialWeightDistribution = 'UniformAdaptive' | 'Uniform' | 'Normal';

export interface InitOptions {
  seed: number | bigint;
  initial_weight_distribution: InitialWeightDistribution;
  initial_weight_scale: number;
}

/** Fills the parameter part of `arena` (floats) and zeroes the optimizer state. */
export function initializeParameters(layout: ParamLayout, arena: Float32Array, opts: InitOptions): void {
  arena.fill(0, 0, layout.totalFloats);
  const { units, activation, output } = layout.spec;
  const L = layout.layers.length;
  layout.layers.forEach((layer, w) => {
    const rng = new Random(BigInt(opts.seed) + 0xBAD5EEDn + BigInt(w) + 1n);
    const n = layer.rows * layer.cols;
    const isOutput = w === L - 1;
    if (opts.initial_weight_distribution === 'UniformAdaptive') {
      // Unit counts, not ×2 for Maxout channels; ×4 for a classifier's output layer.
      let r = Math.sqrt(6 / (units[w]! + units[w + 1]!));
      if (isOutput && output === 'softmax') r *= 4;
      for (let i = 0; i < n; i++) arena[layer.W + i] = -r + rng.nextDouble() * 2 * r;
    } else if (opts.initial_weight_distribution === 'Uniform') {
      const s = opts.initial_weight_scale;
      for (let i = 0; i < n; i++) arena[layer.W + i] = -s + rng.nextDouble() * 2 * s;
    } else {
      const s = opts.initial_weight_scale;
      for (let i = 0; i < n; i++) arena[layer.W + i] = s * rng.nextGaussian();
    }
    // Rectifier and Maxout start their hidden units slightly on (0.5 first layer, 1 deeper) so
    // that they are not dead at the first row; Tanh and ExpRectifier and the output start at 0.
    const bias = isOutput || (activation !== 'Rectifier' && activation !== 'Maxout') ? 0 : w === 0 ? 0.5 : 1;
    arena.fill(bias, layer.b, layer.b + layer.rows);
  });
}
