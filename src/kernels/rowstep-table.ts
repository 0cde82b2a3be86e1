// Kernel-table entries for the per-row path and the optimizer passes (assembly/rowstep_f32.ts):
// random layers of odd shapes, run through a kernel and through the float64 references of
// ./rowstep.ts, compared over every array the kernel writes.
//
// Two measures, both against float64 references fed the same float32 inputs:
// - Element-wise results (W, b, optimizer state): maxRelDiff. ADADELTA is ~10 exactly rounded float32
//   operations per weight (the divide and square root included), so a result is off by a few
//   ε_f32 = 6e-8 of the operands it came from; where a result cancels to near zero (W − ηG,
//   m·v − G) maxRelDiff divides by its floor, 1e-3 of the array's largest value, which turns that
//   into up to ~6e-5 (measured: 8.5e-6 for ADADELTA, 4e-5 for momentum's velocities, on every build).
// - Sums (y = W·x + b, e_prev += Wᵀδ): |a − e| / Σ|terms|, the quantity float32 rounding bounds
//   (at most n·ε_f32 = 4.7e-5 for n = 783 summed in order; measured ≤ 1.1e-7), whatever the
//   cancellation and the order the SIMD lanes add in.
// Tolerances against the worst measured on any build (AQUIFER_VERBOSE=1 prints them): ADADELTA 2e-5
// (measured 8.5e-6), momentum 1e-4 (4e-5, cancelling velocities), sums 2e-6 (1.1e-7; the bound is
// 4.7e-5), max_w2 alone 5e-6 (6.7e-7: a sum of 783 squares and one square root). A wrong index, a skipped or extra update, or a pre-/post-update mix-up moves
// results by 1e-3 or more; test/kernels/rowstep.test.ts adds exact equalities (sparse = dense,
// untouched weights) and three steps in a row.

import type { KernelCase, KernelEntry } from './table';
import type { KernelContext } from '../wasm/instance';
import type { Random } from '../util/random';
import { maxRelDiff, ODD_SIZES, randomF32, sparseF32 } from './check';
import * as R from './rowstep';

const RHO = Math.fround(0.99), EPS = Math.fround(1e-8);

/** (out, in) pairs: every out in {1, 3, 10, 200} with every in in {1, 3, 5, 17, 783}, plus empty edges. */
export const LAYER_SHAPES: [number, number][] = [
  [0, 5], [3, 0],
  ...[1, 3, 10, 200].flatMap((out) => [1, 3, 5, 17, 783].map((inp): [number, number] => [out, inp])),
];

export interface RowConfig {
  l1: number; l2: number;
  /** 'none' = FLT_MAX, 'inf' = +∞, 'binding' = below most rows' Σw², 'loose' = above every row's. */
  maxW2: 'none' | 'inf' | 'binding' | 'loose';
  ePrev: boolean;
  fast: boolean;
  deltaZeros: number;
  inputZeros: number;
}

/** Four configurations per shape: L1/L2 on and off, max_w2 in all four states, with and without
 *  e_prev, δ with and without zeros, dense and ~80 %-zero inputs. */
export const ROW_CONFIGS: RowConfig[] = [
  { l1: 0, l2: 0, maxW2: 'none', ePrev: true, fast: true, deltaZeros: 0.3, inputZeros: 0.8 },
  { l1: 1e-2, l2: 1e-2, maxW2: 'binding', ePrev: false, fast: false, deltaZeros: 0.3, inputZeros: 0.8 },
  { l1: 0, l2: 1e-3, maxW2: 'inf', ePrev: true, fast: false, deltaZeros: 0, inputZeros: 0 },
  { l1: 1e-2, l2: 0, maxW2: 'loose', ePrev: true, fast: true, deltaZeros: 0.5, inputZeros: 0.5 },
];

export interface RandomLayer {
  out: number; inp: number;
  W: Float32Array; b: Float32Array;
  /** ADADELTA state (Ex, Eg ≥ 0) or momentum velocities, depending on the kernel. */
  s1: Float32Array; s2: Float32Array; s1b: Float32Array; s2b: Float32Array;
  delta: Float32Array; aPrev: Float32Array; ePrev: Float32Array | null;
  maxW2: number;
}

export function randomLayer(rng: Random, out: number, inp: number, c: RowConfig, state: 'adadelta' | 'velocity'): RandomLayer {
  const n = out * inp;
  const W = randomF32(rng, n), b = randomF32(rng, out);
  const pos = state === 'adadelta';
  const s1 = pos ? randomF32(rng, n, 0, 1e-4) : randomF32(rng, n), s2 = randomF32(rng, n, 0, 1e-2);
  const s1b = pos ? randomF32(rng, out, 0, 1e-4) : randomF32(rng, out), s2b = randomF32(rng, out, 0, 1e-2);
  const delta = sparseF32(rng, out, c.deltaZeros);
  const aPrev = sparseF32(rng, inp, c.inputZeros, 0, 1); // activations below a ReLU or pixels: ≥ 0
  const ePrev = c.ePrev ? randomF32(rng, inp) : null;
  return { out, inp, W, b, s1, s2, s1b, s2b, delta, aPrev, ePrev, maxW2: maxW2For(W, out, inp, c.maxW2) };
}

function maxW2For(W: Float32Array, out: number, inp: number, kind: RowConfig['maxW2']): number {
  if (kind === 'none') return R.FLT_MAX;
  if (kind === 'inf') return Infinity;
  let mean = 0, max = 0;
  for (let j = 0; j < out; j++) {
    let s = 0;
    for (let i = 0; i < inp; i++) s += W[j * inp + i]! ** 2;
    mean += s / Math.max(out, 1);
    max = Math.max(max, s);
  }
  return Math.fround(kind === 'binding' ? 0.75 * mean : 2 * max + 1);
}

const f64 = (a: Float32Array | null) => (a ? Float64Array.from(a) : null);
const put = (ctx: KernelContext, a: Float32Array | null) => (a ? ctx.arena.putF32(a) : 0);

/** Arena pointers for a random layer (e_prev 0 when absent), and its nonzero-input index list. */
function place(ctx: KernelContext, L: RandomLayer) {
  const idx = R.nonzeroIdxRef(L.aPrev);
  return {
    W: put(ctx, L.W), b: put(ctx, L.b), s1: put(ctx, L.s1), s2: put(ctx, L.s2), s1b: put(ctx, L.s1b), s2b: put(ctx, L.s2b),
    delta: put(ctx, L.delta), a: put(ctx, L.aPrev), e: put(ctx, L.ePrev), idx: ctx.arena.putI32(idx), nnz: idx.length,
  };
}

/** max over the arrays of maxRelDiff(kernel result, reference). */
function worst(ctx: KernelContext, pairs: [number, Float64Array | null][]): number {
  return Math.max(0, ...pairs.map(([p, ref]) => (ref ? maxRelDiff(ctx.arena.f32(p, ref.length), ref) : 0)));
}

/** max_i |actual_i − expected_i| / magnitude_i, magnitude = Σ|terms| of sum i (see the top). */
export function sumDiff(actual: ArrayLike<number>, expected: ArrayLike<number>, magnitude: ArrayLike<number>): number {
  let d = 0;
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i]!, e = expected[i]!;
    if (Number.isNaN(a) !== Number.isNaN(e)) return Infinity;
    if (a !== e) d = Math.max(d, Math.abs(a - e) / Math.max(magnitude[i]!, 1e-30));
  }
  return d;
}

const abs = (a: ArrayLike<number>) => Float64Array.from(a, Math.abs);

/** Σ|terms| of e_prev[i] = e0[i] + Σ_j δ_j·W[j,i] (pre-update weights, rows the kernel visits). */
function errorMagnitude(out: number, inp: number, W: Float32Array, delta: Float32Array, e0: Float32Array): Float64Array {
  const m = abs(e0);
  for (let j = 0; j < out; j++) for (let i = 0; i < inp; i++) m[i]! += Math.abs(delta[j]! * W[j * inp + i]!);
  return m;
}

/** fn() with everything it allocates in the arena freed afterwards (cases are up to 200x783 floats). */
function scoped<T>(ctx: KernelContext, fn: () => T): T {
  const mark = ctx.arena.mark();
  try { return fn(); } finally { ctx.arena.reset(mark); }
}

/** Every shape × config through `one`. */
function cases(ctx: KernelContext, one: (out: number, inp: number, c: RowConfig, ci: number) => number): KernelCase[] {
  return LAYER_SHAPES.flatMap(([out, inp]) => ROW_CONFIGS.map((c, ci) =>
    ({ shape: `${out}x${inp} cfg${ci}`, maxRelDiff: scoped(ctx, () => one(out, inp, c, ci)) })));
}

/** The kernel's e_prev against the reference's, as a sum (0 when the layer has no e_prev). */
function errorDiff(ctx: KernelContext, L: RandomLayer, pe: number, e: Float64Array | null): number {
  if (!e || !L.ePrev) return 0;
  return sumDiff(ctx.arena.f32(pe, L.inp), e, errorMagnitude(L.out, L.inp, L.W, L.delta, L.ePrev));
}

/** Run an ADADELTA kernel (sparse or dense) on one random layer and compare with bpropRef. */
export function adadeltaCase(ctx: KernelContext, rng: Random, out: number, inp: number, c: RowConfig, sparse: boolean): number {
  const L = randomLayer(rng, out, inp, c, 'adadelta'), p = place(ctx, L);
  if (sparse) {
    ctx.k.bprop_adadelta_f32_sparse(out, inp, p.W, p.b, p.s1, p.s2, p.s1b, p.s2b, p.delta, p.a, p.idx, p.nnz, p.e, RHO, EPS, c.l1, c.l2, L.maxW2);
  } else {
    ctx.k.bprop_adadelta_f32(out, inp, p.W, p.b, p.s1, p.s2, p.s1b, p.s2b, p.delta, p.a, p.e, RHO, EPS, c.l1, c.l2, L.maxW2, c.fast ? 1 : 0);
  }
  const ref = { W: f64(L.W)!, b: f64(L.b)!, Ex: f64(L.s1)!, Eg: f64(L.s2)!, Exb: f64(L.s1b)!, Egb: f64(L.s2b)! }, e = f64(L.ePrev);
  R.bpropRef(out, inp, ref.W, ref.b, L.delta, L.aPrev, e,
    { l1: c.l1, l2: c.l2, maxW2: L.maxW2, skipZeroDelta: sparse || c.fast, skipZeroInput: sparse }, R.adadeltaUpdater(ref, RHO, EPS));
  return Math.max(errorDiff(ctx, L, p.e, e),
    worst(ctx, [[p.W, ref.W], [p.b, ref.b], [p.s1, ref.Ex], [p.s2, ref.Eg], [p.s1b, ref.Exb], [p.s2b, ref.Egb]]));
}

/** The three manual-rate modes: no buffers, Nesterov (velocity form), classical. */
const MOMENTUM_MODES = [{ buffers: false, nesterov: true }, { buffers: true, nesterov: true }, { buffers: true, nesterov: false }];

export function momentumCase(ctx: KernelContext, rng: Random, out: number, inp: number, c: RowConfig, sparse: boolean, mode: number): number {
  const L = randomLayer(rng, out, inp, c, 'velocity'), p = place(ctx, L);
  const { buffers, nesterov } = MOMENTUM_MODES[mode % 3]!;
  const rate = Math.fround(0.05), m = Math.fround(0.9);
  const vW = buffers ? p.s1 : 0, vb = buffers ? p.s1b : 0;
  if (sparse) {
    ctx.k.bprop_momentum_f32_sparse(out, inp, p.W, p.b, vW, vb, p.delta, p.a, p.idx, p.nnz, p.e, rate, m, nesterov ? 1 : 0, c.l1, c.l2, L.maxW2);
  } else {
    ctx.k.bprop_momentum_f32(out, inp, p.W, p.b, vW, vb, p.delta, p.a, p.e, rate, m, nesterov ? 1 : 0, c.l1, c.l2, L.maxW2, c.fast ? 1 : 0);
  }
  const ref = { W: f64(L.W)!, b: f64(L.b)!, vW: buffers ? f64(L.s1) : null, vb: buffers ? f64(L.s1b) : null }, e = f64(L.ePrev);
  R.bpropRef(out, inp, ref.W, ref.b, L.delta, L.aPrev, e,
    { l1: c.l1, l2: c.l2, maxW2: L.maxW2, skipZeroDelta: sparse || c.fast, skipZeroInput: sparse }, R.momentumUpdater(ref, rate, m, nesterov));
  return Math.max(errorDiff(ctx, L, p.e, e), worst(ctx, [[p.W, ref.W], [p.b, ref.b], [p.s1, ref.vW], [p.s1b, ref.vb]]));
}

const entry = (op: string, name: string, family: string, tolerance: number, conformance: KernelEntry['conformance']): KernelEntry =>
  ({ op, name, family, tolerance, conformance });

export const rowstepKernels: KernelEntry[] = [
  entry('gemv', 'gemv_f32', 'gemv_f32', 2e-6, (ctx, rng) => LAYER_SHAPES.map(([out, inp]) => scoped(ctx, () => {
    const W = randomF32(rng, out * inp), b = randomF32(rng, out), x = randomF32(rng, inp), y = ctx.arena.alloc(out * 4);
    ctx.k.gemv_f32(out, inp, put(ctx, W), put(ctx, b), put(ctx, x), y);
    return { shape: `${out}x${inp}`, maxRelDiff: sumDiff(ctx.arena.f32(y, out), R.gemvRef(out, inp, W, b, x), R.gemvRef(out, inp, abs(W), abs(b), abs(x))) };
  }))),
  entry('gemv_sparse', 'gemv_f32_sparse', 'gemv_f32', 2e-6, (ctx, rng) => LAYER_SHAPES.flatMap(([out, inp]) => [0, 0.8, 1].map((zeros) => scoped(ctx, () => {
    const W = randomF32(rng, out * inp), b = randomF32(rng, out), x = sparseF32(rng, inp, zeros), y = ctx.arena.alloc(out * 4);
    const idx = R.nonzeroIdxRef(x);
    ctx.k.gemv_f32_sparse(out, inp, put(ctx, W), put(ctx, b), put(ctx, x), ctx.arena.putI32(idx), idx.length, y);
    return { shape: `${out}x${inp} zeros=${zeros}`, maxRelDiff: sumDiff(ctx.arena.f32(y, out), R.gemvRef(out, inp, W, b, x), R.gemvRef(out, inp, abs(W), abs(b), abs(x))) };
  })))),
  entry('nonzero_idx', 'nonzero_idx_f32', 'gemv_f32', 0, (ctx, rng) => ODD_SIZES.flatMap((n) => [0, 0.8, 1].map((zeros) => {
    const x = sparseF32(rng, n, zeros);
    if (n > 3) x[3] = NaN; // NaN is not zero: it must reach the layer above
    const ref = R.nonzeroIdxRef(x), idx = ctx.arena.alloc(n * 4);
    const nnz = ctx.k.nonzero_idx_f32(put(ctx, x), n, idx);
    return { shape: `n=${n} zeros=${zeros}`, maxRelDiff: nnz === ref.length ? maxRelDiff(ctx.arena.i32(idx, nnz), ref) : Infinity };
  }))),
  entry('bprop_adadelta', 'bprop_adadelta_f32', 'bprop_adadelta_f32', 2e-5, (ctx, rng) =>
    cases(ctx, (out, inp, c) => adadeltaCase(ctx, rng, out, inp, c, false))),
  entry('bprop_adadelta_sparse', 'bprop_adadelta_f32_sparse', 'bprop_adadelta_f32', 2e-5, (ctx, rng) =>
    cases(ctx, (out, inp, c) => adadeltaCase(ctx, rng, out, inp, c, true))),
  entry('bprop_momentum', 'bprop_momentum_f32', 'bprop_momentum_f32', 1e-4, (ctx, rng) =>
    cases(ctx, (out, inp, c, ci) => momentumCase(ctx, rng, out, inp, c, false, ci + out))),
  entry('bprop_momentum_sparse', 'bprop_momentum_f32_sparse', 'bprop_momentum_f32', 1e-4, (ctx, rng) =>
    cases(ctx, (out, inp, c, ci) => momentumCase(ctx, rng, out, inp, c, true, ci + out))),
  entry('adadelta_update', 'adadelta_update_f32', 'update_f32', 2e-5, (ctx, rng) => [...ODD_SIZES, 40_000].flatMap((n) => [[0, 0], [1e-3, 1e-2]].map(([l1, l2]) => scoped(ctx, () => {
    const W = randomF32(rng, n), G = randomF32(rng, n), Ex = randomF32(rng, n, 0, 1e-4), Eg = randomF32(rng, n, 0, 1e-2);
    const p = [W, G, Ex, Eg].map((a) => put(ctx, a));
    ctx.k.adadelta_update_f32(n, p[0]!, p[1]!, p[2]!, p[3]!, RHO, EPS, l1!, l2!);
    const rW = f64(W)!, rEx = f64(Ex)!, rEg = f64(Eg)!;
    R.adadeltaUpdateRef(rW, G, rEx, rEg, RHO, EPS, l1!, l2!);
    return { shape: `n=${n} l1=${l1} l2=${l2}`, maxRelDiff: worst(ctx, [[p[0]!, rW], [p[2]!, rEx], [p[3]!, rEg]]) };
  })))),
  entry('momentum_update', 'momentum_update_f32', 'update_f32', 1e-4, (ctx, rng) => [...ODD_SIZES, 40_000].flatMap((n) => MOMENTUM_MODES.map(({ buffers, nesterov }, mi) => scoped(ctx, () => {
    const [l1, l2] = mi === 1 ? [1e-3, 1e-2] : [0, 0];
    const W = randomF32(rng, n), G = randomF32(rng, n), v = randomF32(rng, n);
    const pW = put(ctx, W), pG = put(ctx, G), pv = buffers ? put(ctx, v) : 0;
    const rate = Math.fround(0.01), m = Math.fround(0.5);
    ctx.k.momentum_update_f32(n, pW, pG, pv, rate, m, nesterov ? 1 : 0, l1, l2);
    const rW = f64(W)!, rv = buffers ? f64(v) : null;
    R.momentumUpdateRef(rW, G, rv, rate, m, nesterov, l1, l2);
    return { shape: `n=${n} buffers=${buffers} nesterov=${nesterov}`, maxRelDiff: worst(ctx, [[pW, rW], [pv, rv]]) };
  })))),
  entry('max_w2_rows', 'max_w2_rows_f32', 'update_f32', 5e-6, (ctx, rng) => LAYER_SHAPES.flatMap(([out, inp]) => (['none', 'inf', 'binding', 'loose'] as const).map((kind) => scoped(ctx, () => {
    const W = randomF32(rng, out * inp), maxW2 = maxW2For(W, out, inp, kind), pW = put(ctx, W);
    ctx.k.max_w2_rows_f32(out, inp, pW, maxW2);
    const rW = f64(W)!;
    for (let j = 0; j < out; j++) R.maxW2RowRef(rW, inp, j, maxW2);
    return { shape: `${out}x${inp} ${kind}`, maxRelDiff: worst(ctx, [[pW, rW]]) };
  })))),
];
