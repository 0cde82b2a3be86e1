// Optimizer arithmetic shared by the fused per-row kernels and the mini-batch passes: pointers are
// to float32 parameters and their state, one element per weight. Inline only, never exported from
// index.ts (some helpers take v128, which cannot cross the JS boundary).

import { madd4 } from './common';
import { gather4, reg1, reg4, scatter4 } from './rowstep_lanes';

/** One weight (or bias) at pw/pex/peg with gradient g. */
// @ts-ignore: decorator
@inline export function adadelta1(pw: usize, pex: usize, peg: usize, g: f32, rho: f32, omr: f32, eps: f32): void {
  const eg = omr * (g * g) + rho * load<f32>(peg);
  const ex = load<f32>(pex);
  const dw = sqrt<f32>((ex + eps) / (eg + eps)) * g;
  store<f32>(peg, eg);
  store<f32>(pex, omr * (dw * dw) + rho * ex);
  store<f32>(pw, load<f32>(pw) - dw);
}

/** ADADELTA on four lanes in three steps: the new Eg, the step ηG (from the old Ex and the new Eg),
 *  the new Ex. Split so the dense and the gathered loops share the arithmetic, not the loads. */
// @ts-ignore: decorator
@inline export function eg4(g: v128, eg: v128, rho: v128, omr: v128): v128 {
  return madd4(omr, f32x4.mul(g, g), f32x4.mul(rho, eg));
}
// @ts-ignore: decorator
@inline export function step4(g: v128, ex: v128, egNew: v128, eps: v128): v128 {
  return f32x4.mul(f32x4.sqrt(f32x4.div(f32x4.add(ex, eps), f32x4.add(egNew, eps))), g);
}
// @ts-ignore: decorator
@inline export function ex4(dw: v128, ex: v128, rho: v128, omr: v128): v128 {
  return madd4(omr, f32x4.mul(dw, dw), f32x4.mul(rho, ex));
}

/** The gradients of four weights: d·a, plus L1/L2 when `reg`. */
// @ts-ignore: decorator
@inline function grad4(wv: v128, av: v128, dv: v128, l1v: v128, l2v: v128, reg: bool): v128 {
  const g = f32x4.mul(dv, av);
  return reg ? reg4(g, wv, l1v, l2v) : g;
}

/** Four consecutive weights at byte offset o of w, ex, eg (inputs av). */
// @ts-ignore: decorator
@inline export function adadelta4_contig(w: usize, ex: usize, eg: usize, o: usize, av: v128, dv: v128,
  rv: v128, ov: v128, ev: v128, l1v: v128, l2v: v128, reg: bool): void {
  const wv = v128.load(w + o);
  const g = grad4(wv, av, dv, l1v, l2v, reg);
  const egv = eg4(g, v128.load(eg + o), rv, ov);
  const exv = v128.load(ex + o);
  const dw = step4(g, exv, egv, ev);
  v128.store(eg + o, egv);
  v128.store(ex + o, ex4(dw, exv, rv, ov));
  v128.store(w + o, f32x4.sub(wv, dw));
}

/** Four scattered weights at byte offsets o0..o3 of w, ex, eg, gathered into lanes (inputs av). */
// @ts-ignore: decorator
@inline export function adadelta4_gather(w: usize, ex: usize, eg: usize, o0: usize, o1: usize, o2: usize, o3: usize,
  av: v128, dv: v128, rv: v128, ov: v128, ev: v128, l1v: v128, l2v: v128, reg: bool): void {
  const wv = gather4(w, o0, o1, o2, o3);
  const g = grad4(wv, av, dv, l1v, l2v, reg);
  const egv = eg4(g, gather4(eg, o0, o1, o2, o3), rv, ov);
  const exv = gather4(ex, o0, o1, o2, o3);
  const dw = step4(g, exv, egv, ev);
  scatter4(eg, o0, o1, o2, o3, egv);
  scatter4(ex, o0, o1, o2, o3, ex4(dw, exv, rv, ov));
  scatter4(w, o0, o1, o2, o3, f32x4.sub(wv, dw));
}

/** One weight with input ai: g = d·ai (+ L1/L2 when `reg`). */
// @ts-ignore: decorator
@inline export function adadelta_one(pw: usize, pex: usize, peg: usize, d: f32, ai: f32,
  rho: f32, omr: f32, eps: f32, l1: f32, l2: f32, reg: bool): void {
  let g = d * ai;
  if (reg) g = reg1(g, load<f32>(pw), l1, l2);
  adadelta1(pw, pex, peg, g, rho, omr, eps);
}

/** ADADELTA on n contiguous weights with g_i = d·a[i] (+ L1/L2 when `reg`). */
// @ts-ignore: decorator
@inline export function adadelta_dense(w: usize, ex: usize, eg: usize, a: usize, n: i32, d: f32,
  rho: f32, eps: f32, l1: f32, l2: f32, reg: bool): void {
  const omr: f32 = 1 - rho;
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const dv = f32x4.splat(d), rv = f32x4.splat(rho), ov = f32x4.splat(omr), ev = f32x4.splat(eps);
    const l1v = f32x4.splat(l1), l2v = f32x4.splat(l2);
    for (; i + 4 <= n; i += 4) {
      const o = <usize>i << 2;
      adadelta4_contig(w, ex, eg, o, v128.load(a + o), dv, rv, ov, ev, l1v, l2v, reg);
    }
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    adadelta_one(w + o, ex + o, eg + o, d, load<f32>(a + o), rho, omr, eps, l1, l2, reg);
  }
}

// Manual learning rate (h2o-training.md §4.3), step r = α·(1−m) computed by the kernel from the
// caller's annealed rate α and momentum m. mode 0: no momentum buffer, W −= r·G; mode 1 (Nesterov
// flag, really velocity-form momentum): v = m·v − G, W += r·v; mode 2 (classical): Δ = −r·G,
// W += Δ + m·v, v = Δ.

/** One weight at pw (velocity at pv, unused in mode 0) with gradient g; nr = −r. */
// @ts-ignore: decorator
@inline export function momentum1(pw: usize, pv: usize, g: f32, nr: f32, m: f32, mode: i32): void {
  const w = load<f32>(pw);
  if (mode == 0) {
    store<f32>(pw, nr * g + w);
  } else if (mode == 1) {
    const v = m * load<f32>(pv) - g;
    store<f32>(pv, v);
    store<f32>(pw, w - nr * v);
  } else {
    const step = nr * g;
    store<f32>(pw, m * load<f32>(pv) + (w + step));
    store<f32>(pv, step);
  }
}

/** Four consecutive weights at byte offset o of w and v (inputs av). */
// @ts-ignore: decorator
@inline export function momentum4_contig(w: usize, v: usize, o: usize, av: v128, dv: v128, nrv: v128, mv: v128,
  l1v: v128, l2v: v128, reg: bool, mode: i32): void {
  const wv = v128.load(w + o);
  const g = grad4(wv, av, dv, l1v, l2v, reg);
  if (mode == 0) {
    v128.store(w + o, madd4(nrv, g, wv));
  } else if (mode == 1) {
    const vn = madd4(mv, v128.load(v + o), f32x4.neg(g));
    v128.store(v + o, vn);
    v128.store(w + o, f32x4.sub(wv, f32x4.mul(nrv, vn)));
  } else {
    const step = f32x4.mul(nrv, g);
    v128.store(w + o, madd4(mv, v128.load(v + o), f32x4.add(wv, step)));
    v128.store(v + o, step);
  }
}

/** Four scattered weights at byte offsets o0..o3 of w and v, gathered into lanes (inputs av). */
// @ts-ignore: decorator
@inline export function momentum4_gather(w: usize, v: usize, o0: usize, o1: usize, o2: usize, o3: usize, av: v128, dv: v128,
  nrv: v128, mv: v128, l1v: v128, l2v: v128, reg: bool, mode: i32): void {
  const wv = gather4(w, o0, o1, o2, o3);
  const g = grad4(wv, av, dv, l1v, l2v, reg);
  if (mode == 0) {
    scatter4(w, o0, o1, o2, o3, madd4(nrv, g, wv));
  } else if (mode == 1) {
    const vn = madd4(mv, gather4(v, o0, o1, o2, o3), f32x4.neg(g));
    scatter4(v, o0, o1, o2, o3, vn);
    scatter4(w, o0, o1, o2, o3, f32x4.sub(wv, f32x4.mul(nrv, vn)));
  } else {
    const step = f32x4.mul(nrv, g);
    scatter4(w, o0, o1, o2, o3, madd4(mv, gather4(v, o0, o1, o2, o3), f32x4.add(wv, step)));
    scatter4(v, o0, o1, o2, o3, step);
  }
}

/** One weight with input ai: g = d·ai (+ L1/L2 when `reg`). */
// @ts-ignore: decorator
@inline export function momentum_one(pw: usize, pv: usize, d: f32, ai: f32, nr: f32, m: f32, l1: f32, l2: f32, reg: bool, mode: i32): void {
  let g = d * ai;
  if (reg) g = reg1(g, load<f32>(pw), l1, l2);
  momentum1(pw, pv, g, nr, m, mode);
}

/** Manual-rate update of n contiguous weights with g_i = d·a[i] (+ L1/L2 when `reg`). */
// @ts-ignore: decorator
@inline export function momentum_dense(w: usize, v: usize, a: usize, n: i32, d: f32, nr: f32, m: f32,
  l1: f32, l2: f32, reg: bool, mode: i32): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const dv = f32x4.splat(d), nrv = f32x4.splat(nr), mv = f32x4.splat(m);
    const l1v = f32x4.splat(l1), l2v = f32x4.splat(l2);
    for (; i + 4 <= n; i += 4) {
      const o = <usize>i << 2;
      momentum4_contig(w, v, o, v128.load(a + o), dv, nrv, mv, l1v, l2v, reg, mode);
    }
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    momentum_one(w + o, v + o, d, load<f32>(a + o), nr, m, l1, l2, reg, mode);
  }
}
