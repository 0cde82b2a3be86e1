// Vector kernels for model averaging (assembly/vec_f32.ts): references and conformance.

import type { KernelEntry } from './table';
import { maxRelDiff, ODD_SIZES, randomF32 } from './check';

export function vecScaleRef(x: ArrayLike<number>, alpha: number): Float64Array {
  return Float64Array.from(x, (v) => v * alpha);
}

export function vecAxpyRef(y: ArrayLike<number>, x: ArrayLike<number>, alpha: number): Float64Array {
  return Float64Array.from(y, (v, i) => v + alpha * x[i]!);
}

export function vecWsumRef(srcs: ArrayLike<number>[], weights: ArrayLike<number>, n: number): Float64Array {
  const out = new Float64Array(n);
  srcs.forEach((s, k) => { for (let i = 0; i < n; i++) out[i]! += weights[k]! * s[i]!; });
  return out;
}

export const vecKernels: KernelEntry[] = [
  {
    op: 'vec_scale', name: 'vec_scale_f32', family: 'vec_f32', tolerance: 1e-6,
    conformance({ arena, k }, rng) {
      return ODD_SIZES.map((n) => {
        const x = randomF32(rng, n), alpha = Math.fround(rng.nextDouble() * 4 - 2);
        const px = arena.putF32(x);
        k.vec_scale_f32(px, n, alpha);
        return { shape: `n=${n}`, maxRelDiff: maxRelDiff(arena.f32(px, n), vecScaleRef(x, alpha)) };
      });
    },
  },
  {
    op: 'vec_axpy', name: 'vec_axpy_f32', family: 'vec_f32', tolerance: 1e-6,
    conformance({ arena, k }, rng) {
      return ODD_SIZES.map((n) => {
        const x = randomF32(rng, n), y = randomF32(rng, n), alpha = Math.fround(rng.nextDouble());
        const px = arena.putF32(x), py = arena.putF32(y);
        k.vec_axpy_f32(py, px, n, alpha);
        return { shape: `n=${n}`, maxRelDiff: maxRelDiff(arena.f32(py, n), vecAxpyRef(y, x, alpha)) };
      });
    },
  },
  {
    op: 'vec_wsum', name: 'vec_wsum_f32', family: 'vec_f32', tolerance: 1e-4, // f32 sums of terms that cancel
    conformance({ arena, k }, rng) {
      return ODD_SIZES.flatMap((n) => [1, 3].map((count) => {
        const srcs = Array.from({ length: count }, () => randomF32(rng, n));
        const weights = randomF32(rng, count, 0, 1);
        const ptrs = srcs.map((s) => arena.putF32(s));
        const out = ptrs[0]!; // aliasing the first source is allowed
        k.vec_wsum_f32(out, arena.putI32(ptrs), arena.putF32(weights), count, n);
        return { shape: `n=${n} k=${count}`, maxRelDiff: maxRelDiff(arena.f32(out, n), vecWsumRef(srcs, weights, n)) };
      }));
    },
  },
];
