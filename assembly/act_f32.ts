// Hidden-layer activations and their derivatives, elementwise over n values (a row or a mini-batch):
// x, y, a, e, d are (n); Maxout's z and dz are (2n) with the two channels of unit j at 2j, 2j+1.
// Forward kernels may run in place (y == x); derivative kernels may write d over e or a.
// The derivatives take the stored activation a = φ(z), as H2O's backprop does (h2o-training.md §3.1).

import { expm1_neg4, expm1_negf32, tanh4, tanhf32 } from './math_f32';

/** y = tanh(x) */
export function act_tanh_f32(x: usize, y: usize, n: i32): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    for (; i + 4 <= n; i += 4) {
      const o = <usize>i << 2;
      v128.store(y + o, tanh4(v128.load(x + o)));
    }
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    store<f32>(y + o, tanhf32(load<f32>(x + o)));
  }
}

/** d = e·(1 − a²), a = tanh(z); formed as (1 − a)(1 + a), which does not cancel as a → ±1. */
export function act_tanh_grad_f32(a: usize, e: usize, d: usize, n: i32): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const one = f32x4.splat(1);
    for (; i + 4 <= n; i += 4) {
      const o = <usize>i << 2;
      const av = v128.load(a + o);
      const g = f32x4.mul(f32x4.sub(one, av), f32x4.add(one, av));
      v128.store(d + o, f32x4.mul(v128.load(e + o), g));
    }
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    const av = load<f32>(a + o);
    store<f32>(d + o, load<f32>(e + o) * ((1 - av) * (1 + av)));
  }
}

/** y = max(0, x); NaN stays NaN (max propagates it) so instability is not hidden. */
export function act_rectifier_f32(x: usize, y: usize, n: i32): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const zero = f32x4.splat(0);
    for (; i + 8 <= n; i += 8) {
      const o = <usize>i << 2;
      v128.store(y + o, f32x4.max(v128.load(x + o), zero));
      v128.store(y + o, f32x4.max(v128.load(x + o, 16), zero), 16);
    }
    for (; i + 4 <= n; i += 4) {
      const o = <usize>i << 2;
      v128.store(y + o, f32x4.max(v128.load(x + o), zero));
    }
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    store<f32>(y + o, max<f32>(load<f32>(x + o), 0));
  }
}

/** d = a > 0 ? e : 0 */
export function act_rectifier_grad_f32(a: usize, e: usize, d: usize, n: i32): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const zero = f32x4.splat(0);
    for (; i + 4 <= n; i += 4) {
      const o = <usize>i << 2;
      v128.store(d + o, v128.and(v128.load(e + o), f32x4.gt(v128.load(a + o), zero)));
    }
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    store<f32>(d + o, load<f32>(a + o) > 0 ? load<f32>(e + o) : 0);
  }
}

/** ELU with α = 1: y = x ≥ 0 ? x : e^x − 1 (e^x − 1 without cancellation near 0). */
export function act_exprect_f32(x: usize, y: usize, n: i32): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const zero = f32x4.splat(0);
    for (; i + 4 <= n; i += 4) {
      const o = <usize>i << 2;
      const xv = v128.load(x + o);
      v128.store(y + o, v128.bitselect(xv, expm1_neg4(xv), f32x4.ge(xv, zero)));
    }
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    const xv = load<f32>(x + o);
    store<f32>(y + o, xv >= 0 ? xv : expm1_negf32(xv));
  }
}

/** d = e·(a ≥ 0 ? 1 : a + 1): the true ELU derivative e^z = a + 1 for z < 0 (H2O's code uses
 *  e^a, quirk Q5 in h2o-training.md §10; we implement the documented derivative). */
export function act_exprect_grad_f32(a: usize, e: usize, d: usize, n: i32): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const zero = f32x4.splat(0), one = f32x4.splat(1);
    for (; i + 4 <= n; i += 4) {
      const o = <usize>i << 2;
      const av = v128.load(a + o);
      const g = v128.bitselect(one, f32x4.add(av, one), f32x4.ge(av, zero));
      v128.store(d + o, f32x4.mul(v128.load(e + o), g));
    }
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    const av = load<f32>(a + o);
    store<f32>(d + o, load<f32>(e + o) * (av >= 0 ? <f32>1 : av + 1));
  }
}

/** Maxout, 2 channels: y[j] = max(z[2j], z[2j+1]); win[j] (i32) = 1 only if channel 1 is strictly
 *  greater (ties and a NaN in channel 1 go to channel 0, as in H2O). y may equal z (it is compacted
 *  front to back: each y[j] is written after z[2j..2j+1] was read). */
export function act_maxout_f32(z: usize, y: usize, win: usize, n: i32): void {
  let j = 0;
  if (ASC_FEATURE_SIMD) {
    const one = i32x4.splat(1);
    for (; j + 4 <= n; j += 4) {
      const zo = z + (<usize>j << 3);
      const v0 = v128.load(zo), v1 = v128.load(zo, 16);
      const c0 = v128.shuffle<f32>(v0, v1, 0, 2, 4, 6);
      const c1 = v128.shuffle<f32>(v0, v1, 1, 3, 5, 7);
      const gt = f32x4.gt(c1, c0);
      const o = <usize>j << 2;
      v128.store(y + o, v128.bitselect(c1, c0, gt));
      v128.store(win + o, v128.and(gt, one));
    }
  }
  for (; j < n; j++) {
    const zo = z + (<usize>j << 3);
    const c0 = load<f32>(zo), c1 = load<f32>(zo, 4);
    const o = <usize>j << 2;
    const w = c1 > c0;
    store<f32>(y + o, w ? c1 : c0);
    store<i32>(win + o, <i32>w);
  }
}

/** Maxout derivative: dz[2j + c] = c == win[j] ? e[j] : 0 (the error goes to the winning channel
 *  only). dz (2n) must not overlap e or win. */
export function act_maxout_grad_f32(e: usize, win: usize, dz: usize, n: i32): void {
  let j = 0;
  if (ASC_FEATURE_SIMD) {
    const zero = i32x4.splat(0);
    for (; j + 4 <= n; j += 4) {
      const o = <usize>j << 2;
      const ev = v128.load(e + o);
      const w1 = i32x4.ne(v128.load(win + o), zero);
      const d1 = v128.and(ev, w1), d0 = v128.andnot(ev, w1);
      const zo = dz + (<usize>j << 3);
      v128.store(zo, v128.shuffle<f32>(d0, d1, 0, 4, 1, 5));
      v128.store(zo, v128.shuffle<f32>(d0, d1, 2, 6, 3, 7), 16);
    }
  }
  for (; j < n; j++) {
    const o = <usize>j << 2;
    const ev = load<f32>(e + o);
    const w = load<i32>(win + o) != 0;
    const zo = dz + (<usize>j << 3);
    store<f32>(zo, w ? 0 : ev);
    store<f32>(zo, w ? ev : 0, 4);
  }
}
