// Activation kernels (assembly/act_f32.ts): float64 references and conformance.
// References follow h2o-training.md §3.1 (ExpRectifier's derivative is the true one, a + 1: quirk Q5).

import type { KernelContext } from '../wasm/instance';
import type { Random } from '../util/random';
import type { KernelCase, KernelEntry } from './table';
import { maxRelDiff, ODD_SIZES, randomF32 } from './check';

export const tanhRef = (z: number): number => Math.tanh(z);
export const tanhGradRef = (a: number, e: number): number => e * (1 - a * a);
export const rectifierRef = (z: number): number => Math.max(0, z);
export const rectifierGradRef = (a: number, e: number): number => (a > 0 ? e : 0);
export const exprectRef = (z: number): number => (z >= 0 ? z : Math.expm1(z));
export const exprectGradRef = (a: number, e: number): number => e * (a >= 0 ? 1 : a + 1);

/** Maxout over interleaved channel pairs: y[j] = max, win[j] = 1 iff channel 1 is strictly greater. */
export function maxoutRef(z: ArrayLike<number>, n: number): { y: Float64Array; win: Int32Array } {
  const y = new Float64Array(n), win = new Int32Array(n);
  for (let j = 0; j < n; j++) {
    const c0 = z[2 * j]!, c1 = z[2 * j + 1]!;
    win[j] = c1 > c0 ? 1 : 0;
    y[j] = win[j] ? c1 : c0;
  }
  return { y, win };
}

export function maxoutGradRef(e: ArrayLike<number>, win: ArrayLike<number>, n: number): Float64Array {
  const dz = new Float64Array(2 * n);
  for (let j = 0; j < n; j++) dz[2 * j + (win[j] ? 1 : 0)] = e[j]!;
  return dz;
}

/** Forward kernel y = φ(x) on every odd size, once out of place and once in place (y == x). */
function unaryCases({ arena, k }: KernelContext, rng: Random, name: string, ref: (z: number) => number, lo: number, hi: number): KernelCase[] {
  return ODD_SIZES.flatMap((n) => [false, true].map((inPlace) => {
    const x = randomF32(rng, n, lo, hi);
    const px = arena.putF32(x), py = inPlace ? px : arena.alloc(4 * n);
    k[name]!(px, py, n);
    return { shape: `n=${n}${inPlace ? ' in place' : ''}`, maxRelDiff: maxRelDiff(arena.f32(py, n), Float64Array.from(x, ref)) };
  }));
}

/** Derivative kernel d = e·φ'(a) on every odd size, once into a fresh d and once over e. */
function gradCases({ arena, k }: KernelContext, rng: Random, name: string, ref: (a: number, e: number) => number, activation: (z: number) => number): KernelCase[] {
  return ODD_SIZES.flatMap((n) => [false, true].map((overE) => {
    const a = Float32Array.from(randomF32(rng, n, -4, 4), activation);
    const e = randomF32(rng, n);
    const pa = arena.putF32(a), pe = arena.putF32(e), pd = overE ? pe : arena.alloc(4 * n);
    k[name]!(pa, pe, pd, n);
    return { shape: `n=${n}${overE ? ' d=e' : ''}`, maxRelDiff: maxRelDiff(arena.f32(pd, n), Float64Array.from(a, (v, i) => ref(v, e[i]!))) };
  }));
}

export const actKernels: KernelEntry[] = [
  {
    op: 'act_tanh', name: 'act_tanh_f32', family: 'act_f32', tolerance: 1e-6,
    conformance: (ctx, rng) => [...unaryCases(ctx, rng, 'act_tanh_f32', tanhRef, -1, 1), ...unaryCases(ctx, rng, 'act_tanh_f32', tanhRef, -20, 20)],
  },
  {
    op: 'act_tanh_grad', name: 'act_tanh_grad_f32', family: 'act_f32', tolerance: 1e-6,
    conformance: (ctx, rng) => gradCases(ctx, rng, 'act_tanh_grad_f32', tanhGradRef, Math.tanh),
  },
  {
    op: 'act_rectifier', name: 'act_rectifier_f32', family: 'act_f32', tolerance: 0,
    conformance: (ctx, rng) => unaryCases(ctx, rng, 'act_rectifier_f32', rectifierRef, -1, 1),
  },
  {
    op: 'act_rectifier_grad', name: 'act_rectifier_grad_f32', family: 'act_f32', tolerance: 0,
    conformance: (ctx, rng) => gradCases(ctx, rng, 'act_rectifier_grad_f32', rectifierGradRef, rectifierRef),
  },
  {
    op: 'act_exprect', name: 'act_exprect_f32', family: 'act_f32', tolerance: 1e-6,
    conformance: (ctx, rng) => [...unaryCases(ctx, rng, 'act_exprect_f32', exprectRef, -1, 1), ...unaryCases(ctx, rng, 'act_exprect_f32', exprectRef, -20, 5)],
  },
  {
    op: 'act_exprect_grad', name: 'act_exprect_grad_f32', family: 'act_f32', tolerance: 1e-6,
    conformance: (ctx, rng) => gradCases(ctx, rng, 'act_exprect_grad_f32', exprectGradRef, exprectRef),
  },
  {
    op: 'act_maxout', name: 'act_maxout_f32', family: 'act_f32', tolerance: 0,
    conformance({ arena, k }, rng) {
      return ODD_SIZES.flatMap((n) => [false, true].map((inPlace) => {
        const z = randomF32(rng, 2 * n);
        for (let j = 0; j < n; j += 7) z[2 * j + 1] = z[2 * j]!; // ties go to channel 0
        const pz = arena.putF32(z), py = inPlace ? pz : arena.alloc(4 * n), pw = arena.alloc(4 * n);
        k.act_maxout_f32!(pz, py, pw, n);
        const ref = maxoutRef(z, n);
        const winDiff = arena.i32(pw, n).every((w, j) => w === ref.win[j]) ? 0 : Infinity;
        return { shape: `n=${n}${inPlace ? ' in place' : ''}`, maxRelDiff: Math.max(winDiff, maxRelDiff(arena.f32(py, n), ref.y)) };
      }));
    },
  },
  {
    op: 'act_maxout_grad', name: 'act_maxout_grad_f32', family: 'act_f32', tolerance: 0,
    conformance({ arena, k }, rng) {
      return ODD_SIZES.map((n) => {
        const e = randomF32(rng, n), win = Int32Array.from({ length: n }, () => rng.nextInt(2));
        const pdz = arena.alloc(8 * n);
        arena.f32(pdz, 2 * n).fill(NaN); // every slot must be written
        k.act_maxout_grad_f32!(arena.putF32(e), arena.putI32(win), pdz, n);
        return { shape: `n=${n}`, maxRelDiff: maxRelDiff(arena.f32(pdz, 2 * n), maxoutGradRef(e, win, n)) };
      });
    },
  },
];
