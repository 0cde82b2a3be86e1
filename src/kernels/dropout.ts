// Dropout kernels (assembly/dropout_f32.ts): references and conformance. The kernels' generator is
// xoshiro128** on 4 state words in memory, the same as util/random's Random, so a Random built from
// the same seed predicts every draw.

import type { KernelEntry } from './table';
import { Random } from '../util/random';
import { maxRelDiff, ODD_SIZES, randomF32 } from './check';

/** n uniform float32 draws in [0, 1) as the kernel makes them: (nextU32 >>> 8) · 2^-24. */
export function uniformRef(rng: Random, n: number): Float64Array {
  return Float64Array.from({ length: n }, () => (rng.nextU32() >>> 8) / 16777216);
}

/** Mask (u < ratio ? 0 : 1) and masked activations, drawing from `rng`. */
export function dropoutRef(a: ArrayLike<number>, ratio: number, rng: Random): { a: Float64Array; mask: Float64Array } {
  const mask = uniformRef(rng, a.length).map((u) => (u < ratio ? 0 : 1));
  return { a: Float64Array.from(a, (v, i) => (mask[i] ? v : 0)), mask };
}

/** dropout_listed_f32: dropoutRef's masks (one draw per unit), and the non-zeros that survive. */
export function dropoutListedRef(a: ArrayLike<number>, ratio: number, rng: Random): { a: Float64Array; kept: number[] } {
  const { a: out } = dropoutRef(a, ratio, rng);
  const kept = Array.from(a, (v, i) => (v !== 0 && out[i] !== 0 ? i : -1)).filter((i) => i >= 0);
  return { a: out, kept };
}

/** 0 if the kernel left the state words where the reference generator is, else Infinity. */
function stateDiff(actual: Uint32Array, rng: Random): number {
  const expected = rng.state();
  return actual.every((w, i) => w === expected[i]) ? 0 : Infinity;
}

export const dropoutKernels: KernelEntry[] = [
  {
    op: 'rng_uniform', name: 'rng_uniform_f32', family: 'dropout_f32', tolerance: 0,
    conformance({ arena, k }, rng) {
      return ODD_SIZES.map((n) => {
        const seed = rng.nextU32();
        const ps = arena.alloc(16), po = arena.alloc(4 * n);
        arena.u32(ps, 4).set(new Random(seed).state());
        k.rng_uniform_f32!(ps, po, n);
        const ref = new Random(seed), u = uniformRef(ref, n);
        return { shape: `n=${n}`, maxRelDiff: Math.max(maxRelDiff(arena.f32(po, n), u), stateDiff(arena.u32(ps, 4), ref)) };
      });
    },
  },
  {
    op: 'dropout', name: 'dropout_f32', family: 'dropout_f32', tolerance: 0,
    conformance({ arena, k }, rng) {
      return ODD_SIZES.flatMap((n) => [0, 0.2, 0.5, 1].map((ratio) => {
        const seed = rng.nextU32(), a = randomF32(rng, n);
        const ps = arena.alloc(16), pa = arena.putF32(a), pm = arena.alloc(4 * n);
        arena.u32(ps, 4).set(new Random(seed).state());
        k.dropout_f32!(pa, pm, n, ratio, ps);
        const gen = new Random(seed), ref = dropoutRef(a, Math.fround(ratio), gen);
        const diff = Math.max(maxRelDiff(arena.f32(pa, n), ref.a), maxRelDiff(arena.f32(pm, n), ref.mask), stateDiff(arena.u32(ps, 4), gen));
        return { shape: `n=${n} ratio=${ratio}`, maxRelDiff: diff };
      }));
    },
  },
  {
    op: 'dropout_listed', name: 'dropout_listed_f32', family: 'dropout_f32', tolerance: 0,
    conformance({ arena, k }, rng) {
      return ODD_SIZES.flatMap((n) => [0, 0.2, 0.5, 1].map((ratio) => {
        // About a third of the inputs are zero, as in a sparse row.
        const seed = rng.nextU32(), a = randomF32(rng, n).map((v, i) => (i % 3 === 1 ? 0 : v));
        const ps = arena.alloc(16), pa = arena.putF32(a), pi = arena.alloc(4 * n), pu = arena.alloc(4 * n);
        arena.u32(ps, 4).set(new Random(seed).state());
        const nnz = k.nonzero_idx_f32!(pa, n, pi);
        const kept = k.dropout_listed_f32!(pa, pi, nnz, n, ratio, ps, pu);
        const gen = new Random(seed), ref = dropoutListedRef(a, Math.fround(ratio), gen);
        const sameList = kept === ref.kept.length && ref.kept.every((i, j) => arena.i32(pi, kept)[j] === i) ? 0 : Infinity;
        const diff = Math.max(maxRelDiff(arena.f32(pa, n), ref.a), sameList, stateDiff(arena.u32(ps, 4), gen));
        return { shape: `n=${n} ratio=${ratio}`, maxRelDiff: diff };
      }));
    },
  },
  {
    op: 'vec_mul', name: 'vec_mul_f32', family: 'dropout_f32', tolerance: 1e-7,
    conformance({ arena, k }, rng) {
      return ODD_SIZES.flatMap((n) => [false, true].map((inPlace) => {
        const x = randomF32(rng, n), y = randomF32(rng, n);
        const px = arena.putF32(x), py = arena.putF32(y), po = inPlace ? px : arena.alloc(4 * n);
        k.vec_mul_f32!(px, py, po, n);
        return { shape: `n=${n}${inPlace ? ' out=x' : ''}`, maxRelDiff: maxRelDiff(arena.f32(po, n), Float64Array.from(x, (v, i) => v * y[i]!)) };
      }));
    },
  },
];
