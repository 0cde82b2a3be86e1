// Comparing a kernel's float32 output with a float64 reference, and random test data.

import type { Random } from '../util/random';

/** max_i |a_i − e_i| / max(|e_i|, 1e-3·max|e|): relative where values are large, absolute against
 *  the output's scale where they cancel to near zero (a plain relative error is meaningless there). */
export function maxRelDiff(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  if (actual.length !== expected.length) return Infinity;
  let scale = 0;
  for (let i = 0; i < expected.length; i++) scale = Math.max(scale, Math.abs(expected[i]!));
  const floor = Math.max(1e-3 * scale, 1e-30);
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i]!, e = expected[i]!;
    if (Number.isNaN(a) !== Number.isNaN(e)) return Infinity;
    if (Number.isNaN(e) || a === e) continue;
    worst = Math.max(worst, Math.abs(a - e) / Math.max(Math.abs(e), floor));
  }
  return worst;
}

/** n values uniform in [lo, hi), rounded to float32 so the reference sees exactly what the kernel sees. */
export function randomF32(rng: Random, n: number, lo = -1, hi = 1): Float32Array {
  const a = new Float32Array(n);
  for (let i = 0; i < n; i++) a[i] = lo + (hi - lo) * rng.nextDouble();
  return a;
}

/** Like randomF32, with a fraction `zeros` of exact zeros (sparse MNIST-like inputs, ReLU outputs). */
export function sparseF32(rng: Random, n: number, zeros: number, lo = -1, hi = 1): Float32Array {
  const a = randomF32(rng, n, lo, hi);
  for (let i = 0; i < n; i++) if (rng.nextDouble() < zeros) a[i] = 0;
  return a;
}

/** The odd sizes every kernel is tested on: scalar tails, one-off-a-vector, MNIST's 784-1. */
export const ODD_SIZES = [0, 1, 3, 4, 5, 17, 64, 783] as const;
