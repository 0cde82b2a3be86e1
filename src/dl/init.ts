// Initial weights and biases (h2o-training.md §2). One generator per weight matrix, seeded from
// the model seed the way H2O seeds its per-layer PCG32 (seed + 0xBAD5EED + layer + 1); aquifer's
// generator is xoshiro128**, so values differ from H2O's bit for bit (docs/h2o-differences.md).

import { AquiferError } from '../util/errors';
import { Random } from '../util/random';
import type { ParamLayout } from './network';
import type { FrameLike } from '../data/frame-access';

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

/** Given initial values, per layer (null: that layer keeps its random weights and default biases). */
export interface InitialParameters {
  weights: (Float32Array | null)[];
  biases: (Float32Array | null)[];
}

/**
 * initial_weights / initial_biases (h2o-training.md §2, h2o-lifecycle.md §6): layer l's weight
 * frame must be exactly rows × cols of W_l (cell (r, c): from input unit c to unit r, as
 * model.weights(l) gives it) and its bias frame rows × 1, all finite numbers. A layer is used only
 * when both of its entries are given: with either null it keeps its random weights and default biases.
 */
export function initialParameters(layout: ParamLayout, weights: readonly (FrameLike | string | null)[] | null,
  biases: readonly (FrameLike | string | null)[] | null): InitialParameters | null {
  if (weights === null && biases === null) return null;
  const L = layout.layers.length;
  const out: InitialParameters = { weights: Array(L).fill(null), biases: Array(L).fill(null) };
  layout.layers.forEach((layer, l) => {
    const w = weights?.[l] ?? null, b = biases?.[l] ?? null;
    const wv = w === null ? null : matrix('initial_weights', l, w, layer.rows, layer.cols);
    const bv = b === null ? null : matrix('initial_biases', l, b, layer.rows, 1);
    if (wv && bv) { out.weights[l] = wv; out.biases[l] = bv; }
  });
  return out;
}

function matrix(param: string, l: number, f: FrameLike | string, rows: number, cols: number): Float32Array {
  if (typeof f === 'string') {
    throw new AquiferError('BAD_PARAMETER', `${param}[${l}] is the string '${f}': give a Frame (importFile(path), or model.weights(${l}) of another model)`, { subject: param });
  }
  if (f.nrow !== rows || f.names.length !== cols) {
    throw new AquiferError('BAD_PARAMETER', `Dimensionality mismatch: ${param} matrix #${l} should have ${rows} rows and ${cols} column${cols === 1 ? '' : 's'}, got ${f.nrow} rows and ${f.names.length} columns`, { subject: param });
  }
  const out = new Float32Array(rows * cols);
  f.names.forEach((name, c) => {
    const column = f.col(name);
    if (column.type !== 'int' && column.type !== 'real') {
      throw new AquiferError('BAD_PARAMETER', `${param} matrix #${l}: column '${name}' is ${column.type}, not numeric`, { subject: param });
    }
    const v = column.numbers();
    for (let r = 0; r < rows; r++) {
      const x = v[r]!;
      if (!Number.isFinite(x)) {
        throw new AquiferError('BAD_PARAMETER', `${param} matrix #${l}: column '${name}' row ${r} is ${Number.isNaN(x) ? 'missing' : String(x)}; every value must be a finite number`, { subject: param });
      }
      out[r * cols + c] = x;
    }
  });
  return out;
}

/** Writes the given layers over the initialized arena (stored as float32, as H2O stores them). */
export function applyInitialParameters(layout: ParamLayout, arena: Float32Array, init: InitialParameters): void {
  layout.layers.forEach((layer, l) => {
    const w = init.weights[l], b = init.biases[l];
    if (w) arena.set(w, layer.W);
    if (b) arena.set(b, layer.b);
  });
}
