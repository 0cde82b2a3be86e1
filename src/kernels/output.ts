// Output-layer kernels (assembly/output_f32.ts): float64 references and conformance.
// Gradients per h2o-training.md §3.3: softmax with CrossEntropy or Quadratic (diagonal) loss.

import type { KernelContext } from '../wasm/instance';
import type { Random } from '../util/random';
import type { KernelCase, KernelEntry } from './table';
import { maxRelDiff, randomF32 } from './check';

/** Row-wise softmax of a (rows, K) matrix, max subtracted first. */
export function softmaxRef(z: ArrayLike<number>, rows: number, K: number): Float64Array {
  const p = new Float64Array(rows * K);
  for (let r = 0; r < rows; r++) {
    let m = -Infinity, s = 0;
    for (let k = 0; k < K; k++) m = Math.max(m, z[r * K + k]!);
    for (let k = 0; k < K; k++) s += (p[r * K + k] = Math.exp(z[r * K + k]! - m));
    for (let k = 0; k < K; k++) p[r * K + k]! /= s;
  }
  return p;
}

export type SoftmaxLoss = 'xent' | 'quadratic';

/** δ = w_r·(p − t) (CrossEntropy) or w_r·(p − t)·p·(1 − p) (Quadratic), t the one-hot target. */
export function softmaxGradRef(p: ArrayLike<number>, rows: number, K: number, targets: ArrayLike<number>, weights: ArrayLike<number> | null, loss: SoftmaxLoss): Float64Array {
  const d = new Float64Array(rows * K);
  for (let r = 0; r < rows; r++) {
    const w = weights ? weights[r]! : 1;
    for (let k = 0; k < K; k++) {
      const pk = p[r * K + k]!, g = pk - (targets[r] === k ? 1 : 0);
      d[r * K + k] = w * (loss === 'xent' ? g : g * pk * (1 - pk));
    }
  }
  return d;
}

/** Row counts × class counts: empty, single, odd tails, MNIST's 10 classes, wide rows. */
export const SOFTMAX_SHAPES: readonly [number, number][] = [
  [0, 10], [1, 0], [1, 1], [3, 3], [5, 4], [17, 5], [64, 10], [783, 10], [7, 17], [3, 783],
];

function softmaxCases({ arena, k }: KernelContext, rng: Random, loss: SoftmaxLoss | null): KernelCase[] {
  return SOFTMAX_SHAPES.flatMap(([rows, K]) => [false, true].map((alias) => {
    const z = randomF32(rng, rows * K, -8, 8);
    const pz = arena.putF32(z), n = rows * K;
    // alias: P over Z (and for the gradient kernels also D over a fresh P, the other allowed form).
    const pp = alias ? pz : arena.alloc(4 * n);
    const pRef = softmaxRef(z, rows, K);
    if (loss === null) {
      k.softmax_rows_f32!(pz, pp, rows, K);
      return { shape: `${rows}x${K}${alias ? ' P=Z' : ''}`, maxRelDiff: maxRelDiff(arena.f32(pp, n), pRef) };
    }
    const targets = Int32Array.from({ length: rows }, () => rng.nextInt(K));
    const weights = alias ? randomF32(rng, rows, 0, 2) : null;
    const pd = arena.alloc(4 * n);
    const name = loss === 'xent' ? 'softmax_xent_rows_f32' : 'softmax_quadratic_rows_f32';
    k[name]!(pz, pp, pd, rows, K, arena.putI32(targets), weights ? arena.putF32(weights) : 0);
    const dRef = softmaxGradRef(pRef, rows, K, targets, weights, loss);
    const diff = Math.max(maxRelDiff(arena.f32(pp, n), pRef), maxRelDiff(arena.f32(pd, n), dRef));
    return { shape: `${rows}x${K}${alias ? ' P=Z weighted' : ''}`, maxRelDiff: diff };
  }));
}

export const outputKernels: KernelEntry[] = [
  {
    op: 'softmax_rows', name: 'softmax_rows_f32', family: 'output_f32', tolerance: 2e-6,
    conformance: (ctx, rng) => softmaxCases(ctx, rng, null),
  },
  {
    op: 'softmax_xent_rows', name: 'softmax_xent_rows_f32', family: 'output_f32', tolerance: 2e-6,
    conformance: (ctx, rng) => softmaxCases(ctx, rng, 'xent'),
  },
  {
    op: 'softmax_quadratic_rows', name: 'softmax_quadratic_rows_f32', family: 'output_f32', tolerance: 1e-5,
    conformance: (ctx, rng) => softmaxCases(ctx, rng, 'quadratic'),
  },
];
