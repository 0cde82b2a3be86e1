// Output layer: Z, P, D are (rows, K) row-major with row stride K; targets (rows) i32 class
// indices; weights (rows) f32, or 0 for all ones. Regression: F, Y, W, D are (n), one value per row.
// Gradients follow h2o-training.md §3.3 (δ_out per row, mini-batch size 1, times the row weight).

import { hsum4 } from './common';
import { exp4, expf32 } from './math_f32';

// -------------------------------------------------------------------------------------------------
// Softmax (classification)

// @ts-ignore: decorator
@inline function hmax4(v: v128): f32 {
  const s = f32x4.max(v, v128.shuffle<f32>(v, v, 2, 3, 0, 1));
  return f32x4.extract_lane(f32x4.max(s, v128.shuffle<f32>(s, s, 1, 0, 3, 2)), 0);
}

/** p = e^{z − max z} into p, returning Σ p (exponents ≤ 0: no overflow, large z stays finite).
 *  max propagates NaN, so a NaN in z makes the row NaN rather than a plausible distribution. */
// @ts-ignore: decorator
@inline function softmax_exp_row(z: usize, p: usize, K: i32): f32 {
  let m: f32 = -Infinity;
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    if (K >= 4) {
      let vm = f32x4.splat(-Infinity);
      for (; i + 4 <= K; i += 4) vm = f32x4.max(vm, v128.load(z + (<usize>i << 2)));
      m = hmax4(vm);
    }
  }
  for (; i < K; i++) m = max<f32>(m, load<f32>(z + (<usize>i << 2)));
  let sum: f32 = 0;
  i = 0;
  if (ASC_FEATURE_SIMD) {
    const vm = f32x4.splat(m);
    let vs = f32x4.splat(0);
    for (; i + 4 <= K; i += 4) {
      const o = <usize>i << 2;
      const e = exp4(f32x4.sub(v128.load(z + o), vm));
      v128.store(p + o, e);
      vs = f32x4.add(vs, e);
    }
    sum = hsum4(vs);
  }
  for (; i < K; i++) {
    const o = <usize>i << 2;
    const e = expf32(load<f32>(z + o) - m);
    store<f32>(p + o, e);
    sum += e;
  }
  return sum;
}

/** p *= s over one row of K. */
// @ts-ignore: decorator
@inline function scale_row(p: usize, K: i32, s: f32): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const vs = f32x4.splat(s);
    for (; i + 4 <= K; i += 4) {
      const o = <usize>i << 2;
      v128.store(p + o, f32x4.mul(v128.load(p + o), vs));
    }
  }
  for (; i < K; i++) {
    const o = <usize>i << 2;
    store<f32>(p + o, load<f32>(p + o) * s);
  }
}

/** 1 − p[t] as Σ_{k≠t} p[k]: p[t] − 1 itself would cancel to a few ulps of 1 when p[t] → 1, which is
 *  exactly when the gradient is small and its relative accuracy matters. */
// @ts-ignore: decorator
@inline function rest_of_row(p: usize, K: i32, t: i32): f32 {
  let rest: f32 = 0;
  for (let i = 0; i < K; i++) if (i != t) rest += load<f32>(p + (<usize>i << 2));
  return rest;
}

/** P = softmax(Z) row by row (scoring). P may equal Z. */
export function softmax_rows_f32(Z: usize, P: usize, rows: i32, K: i32): void {
  const stride = <usize>K << 2;
  for (let r = 0; r < rows; r++) {
    const z = Z + <usize>r * stride, p = P + <usize>r * stride;
    scale_row(p, K, 1 / softmax_exp_row(z, p, K));
  }
}

/** P = softmax(Z); D = w_r·(P − onehot(target_r)): the CrossEntropy gradient w.r.t. Z.
 *  P may equal Z; D may equal Z or P (P is then overwritten by the gradient). A target outside
 *  [0, K) subtracts nothing (callers skip rows without a response). */
export function softmax_xent_rows_f32(Z: usize, P: usize, D: usize, rows: i32, K: i32, targets: usize, weights: usize): void {
  const stride = <usize>K << 2;
  for (let r = 0; r < rows; r++) {
    const z = Z + <usize>r * stride, p = P + <usize>r * stride, d = D + <usize>r * stride;
    scale_row(p, K, 1 / softmax_exp_row(z, p, K));
    const w: f32 = weights ? load<f32>(weights + (<usize>r << 2)) : 1;
    const t = load<i32>(targets + (<usize>r << 2));
    const inRange = <u32>t < <u32>K;
    const rest: f32 = inRange ? rest_of_row(p, K, t) : 0;
    let i = 0;
    if (ASC_FEATURE_SIMD) {
      const vw = f32x4.splat(w);
      for (; i + 4 <= K; i += 4) {
        const o = <usize>i << 2;
        v128.store(d + o, f32x4.mul(vw, v128.load(p + o)));
      }
    }
    for (; i < K; i++) {
      const o = <usize>i << 2;
      store<f32>(d + o, w * load<f32>(p + o));
    }
    if (inRange) store<f32>(d + (<usize>t << 2), -w * rest);
  }
}

/** P = softmax(Z); D = w_r·(P − onehot)·P·(1 − P): H2O's Quadratic loss gradient, the diagonal of
 *  the softmax Jacobian only (h2o-training.md §3.3). Same arguments and aliasing as the xent kernel. */
export function softmax_quadratic_rows_f32(Z: usize, P: usize, D: usize, rows: i32, K: i32, targets: usize, weights: usize): void {
  const stride = <usize>K << 2;
  for (let r = 0; r < rows; r++) {
    const z = Z + <usize>r * stride, p = P + <usize>r * stride, d = D + <usize>r * stride;
    scale_row(p, K, 1 / softmax_exp_row(z, p, K));
    const w: f32 = weights ? load<f32>(weights + (<usize>r << 2)) : 1;
    const t = load<i32>(targets + (<usize>r << 2));
    const inRange = <u32>t < <u32>K;
    // 1 − p cancels only for the one class with p > 1/2 (if any): give it Σ_{k≠top} p instead.
    let top = -1;
    for (let i = 0; i < K; i++) if (load<f32>(p + (<usize>i << 2)) > 0.5) top = i;
    const ptop: f32 = top >= 0 ? load<f32>(p + (<usize>top << 2)) : 0;
    const rtop: f32 = top >= 0 ? rest_of_row(p, K, top) : 0;
    const pt: f32 = inRange ? load<f32>(p + (<usize>t << 2)) : 0;
    let i = 0;
    if (ASC_FEATURE_SIMD) {
      const vw = f32x4.splat(w), one = f32x4.splat(1);
      for (; i + 4 <= K; i += 4) {
        const o = <usize>i << 2;
        const pv = v128.load(p + o);
        v128.store(d + o, f32x4.mul(f32x4.mul(vw, pv), f32x4.mul(pv, f32x4.sub(one, pv))));
      }
    }
    for (; i < K; i++) {
      const o = <usize>i << 2;
      const pv = load<f32>(p + o);
      store<f32>(d + o, (w * pv) * (pv * (1 - pv)));
    }
    if (inRange && t != top) store<f32>(d + (<usize>t << 2), (w * (pt - 1)) * (pt * (1 - pt)));
    if (top >= 0) store<f32>(d + (<usize>top << 2), (w * (top == t ? -rtop : ptop)) * (ptop * rtop));
  }
}

// -------------------------------------------------------------------------------------------------
// Regression (linear output f in link space, one value per row)

/** H2O's capped exponential E(x) = min(1e19, e^x) (DIST LogExpUtil): keeps log-link gradients finite. */
const EXP_CAP: f32 = 1e19;

// @ts-ignore: decorator
@inline function capexp4(x: v128): v128 {
  return f32x4.pmin(exp4(x), f32x4.splat(EXP_CAP)); // pmin(a, cap) = cap < a ? cap : a: NaN stays NaN
}

// @ts-ignore: decorator
@inline function capexp(x: f32): f32 {
  const e = expf32(x);
  return EXP_CAP < e ? EXP_CAP : e;
}

// Distribution codes of reg_grad_f32, and what its parameter p is:
//   0 gaussian   1 poisson   2 gamma   3 tweedie (p = tweedie_power, in (1, 2))
//   4 laplace    5 quantile (p = quantile_alpha)   6 huber (p = Δ; 1 during training)
// δ = ∂d(y, linkInv(f))/∂f from h2o-training.md §3.3 (log link for poisson, gamma, tweedie).

// @ts-ignore: decorator
@inline function reg_grad4(dist: i32, f: v128, y: v128, p: f32): v128 {
  const one = f32x4.splat(1), two = f32x4.splat(2);
  switch (dist) {
    case 1: return f32x4.mul(two, f32x4.sub(capexp4(f), y));
    case 2: return f32x4.mul(two, f32x4.sub(one, f32x4.mul(y, capexp4(f32x4.neg(f)))));
    case 3: {
      const a = capexp4(f32x4.mul(f32x4.splat(2 - p), f)), b = capexp4(f32x4.mul(f32x4.splat(1 - p), f));
      return f32x4.mul(two, f32x4.sub(a, f32x4.mul(y, b)));
    }
    case 4: return v128.bitselect(one, f32x4.splat(-1), f32x4.gt(f, y));
    case 5: return v128.bitselect(f32x4.splat(-p), f32x4.splat(1 - p), f32x4.gt(y, f));
    case 6: {
      const r = f32x4.sub(f, y);
      const outer = v128.bitselect(f32x4.splat(2 * p), f32x4.splat(-2 * p), f32x4.ge(r, f32x4.splat(0)));
      return v128.bitselect(f32x4.mul(two, r), outer, f32x4.le(f32x4.abs(r), f32x4.splat(p)));
    }
    default: return f32x4.mul(two, f32x4.sub(f, y));
  }
}

// @ts-ignore: decorator
@inline function reg_grad(dist: i32, f: f32, y: f32, p: f32): f32 {
  switch (dist) {
    case 1: return 2 * (capexp(f) - y);
    case 2: return 2 * (1 - y * capexp(-f));
    case 3: return 2 * (capexp((2 - p) * f) - y * capexp((1 - p) * f));
    case 4: return f > y ? <f32>1 : <f32>-1;
    case 5: return y > f ? -p : 1 - p;
    case 6: {
      const r = f - y;
      return abs<f32>(r) <= p ? 2 * r : (r >= 0 ? 2 * p : -2 * p);
    }
    default: return 2 * (f - y);
  }
}

/** D = w·δ(F, Y) for distribution `dist` (codes above) with parameter p; W = 0 means all weights 1.
 *  D may equal F or Y. */
export function reg_grad_f32(F: usize, Y: usize, W: usize, D: usize, n: i32, dist: i32, p: f32): void {
  assert(dist >= 0 && dist <= 6, 'reg_grad_f32: unknown distribution code');
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    for (; i + 4 <= n; i += 4) {
      const o = <usize>i << 2;
      let g = reg_grad4(dist, v128.load(F + o), v128.load(Y + o), p);
      if (W) g = f32x4.mul(g, v128.load(W + o));
      v128.store(D + o, g);
    }
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    let g = reg_grad(dist, load<f32>(F + o), load<f32>(Y + o), p);
    if (W) g *= load<f32>(W + o);
    store<f32>(D + o, g);
  }
}

/** MU = E(F) = min(1e19, e^F): the log link's inverse (poisson, gamma, tweedie predictions).
 *  MU may equal F. */
export function linkinv_log_f32(F: usize, MU: usize, n: i32): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    for (; i + 4 <= n; i += 4) {
      const o = <usize>i << 2;
      v128.store(MU + o, capexp4(v128.load(F + o)));
    }
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    store<f32>(MU + o, capexp(load<f32>(F + o)));
  }
}
