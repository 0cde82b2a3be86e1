// Helpers shared by the per-row backward kernels: W is (out, in) row-major, e is (in), δ is (out).
// Not re-exported from index.ts: these are internal to the kernels (and some take v128, which cannot
// cross the JS boundary).

import { madd4 } from './common';

/** Four floats at base+o0..o3 (byte offsets) in the lanes of one vector. */
// @ts-ignore: decorator
@inline export function gather4(base: usize, o0: usize, o1: usize, o2: usize, o3: usize): v128 {
  let v = v128.load32_zero(base + o0);
  v = v128.load32_lane(base + o1, v, 1);
  v = v128.load32_lane(base + o2, v, 2);
  return v128.load32_lane(base + o3, v, 3);
}

/** The inverse of gather4. */
// @ts-ignore: decorator
@inline export function scatter4(base: usize, o0: usize, o1: usize, o2: usize, o3: usize, v: v128): void {
  v128.store32_lane(base + o0, v, 0);
  v128.store32_lane(base + o1, v, 1);
  v128.store32_lane(base + o2, v, 2);
  v128.store32_lane(base + o3, v, 3);
}

/** l1·sign(w) + l2·w added to g, on four lanes (sign(0) = 0; l1 ≥ 0, so copysign gives l1·sign). */
// @ts-ignore: decorator
@inline export function reg4(g: v128, w: v128, l1: v128, l2: v128): v128 {
  const signed = v128.or(v128.and(w, i32x4.splat(0x80000000)), l1);
  const l1term = v128.and(signed, f32x4.ne(w, f32x4.splat(0)));
  return madd4(l2, w, f32x4.add(g, l1term));
}

/** Scalar form of reg4, same operation order. */
// @ts-ignore: decorator
@inline export function reg1(g: f32, w: f32, l1: f32, l2: f32): f32 {
  const l1term: f32 = w > 0 ? l1 : w < 0 ? -l1 : 0;
  return l2 * w + (g + l1term);
}

/** e[i] += d0·w0[i] + d1·w1[i] + d2·w2[i] + d3·w3[i] over n floats (four rows at once, so e is
 *  loaded and stored once per four rows). */
// @ts-ignore: decorator
@inline function propagate4(e: usize, w0: usize, w1: usize, w2: usize, w3: usize, d0: f32, d1: f32, d2: f32, d3: f32, n: i32): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const v0 = f32x4.splat(d0), v1 = f32x4.splat(d1), v2 = f32x4.splat(d2), v3 = f32x4.splat(d3);
    for (; i + 4 <= n; i += 4) {
      const o = <usize>i << 2;
      let acc = v128.load(e + o);
      acc = madd4(v0, v128.load(w0 + o), acc);
      acc = madd4(v1, v128.load(w1 + o), acc);
      acc = madd4(v2, v128.load(w2 + o), acc);
      acc = madd4(v3, v128.load(w3 + o), acc);
      v128.store(e + o, acc);
    }
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    let acc = load<f32>(e + o);
    acc += d0 * load<f32>(w0 + o);
    acc += d1 * load<f32>(w1 + o);
    acc += d2 * load<f32>(w2 + o);
    acc += d3 * load<f32>(w3 + o);
    store<f32>(e + o, acc);
  }
}

/** e[i] += d·w[i] over n floats. */
// @ts-ignore: decorator
@inline function propagate1(e: usize, w: usize, d: f32, n: i32): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const v = f32x4.splat(d);
    for (; i + 4 <= n; i += 4) {
      const o = <usize>i << 2;
      v128.store(e + o, madd4(v, v128.load(w + o), v128.load(e + o)));
    }
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    store<f32>(e + o, load<f32>(e + o) + d * load<f32>(w + o));
  }
}

/** e += Wᵀ·δ from the weights as they are now (call before any row is updated). Rows with δ_j = 0
 *  add nothing and are skipped when `skipZero` (with finite weights the result is the same; only
 *  fast mode may skip, so that 0·∞ still poisons e in exact mode). Rows go four at a time. */
export function propagate_error(out: i32, inp: i32, W: usize, delta: usize, e: usize, skipZero: bool): void {
  const rowBytes = <usize>inp << 2;
  let c = 0, r0 = 0, r1 = 0, r2 = 0;
  for (let j = 0; j < out; j++) {
    const d = load<f32>(delta + (<usize>j << 2));
    if (skipZero && d == 0) continue;
    if (c == 0) r0 = j;
    else if (c == 1) r1 = j;
    else if (c == 2) r2 = j;
    else {
      propagate4(e, W + <usize>r0 * rowBytes, W + <usize>r1 * rowBytes, W + <usize>r2 * rowBytes, W + <usize>j * rowBytes,
        load<f32>(delta + (<usize>r0 << 2)), load<f32>(delta + (<usize>r1 << 2)), load<f32>(delta + (<usize>r2 << 2)), d, inp);
      c = 0;
      continue;
    }
    c++;
  }
  if (c > 0) propagate1(e, W + <usize>r0 * rowBytes, load<f32>(delta + (<usize>r0 << 2)), inp);
  if (c > 1) propagate1(e, W + <usize>r1 * rowBytes, load<f32>(delta + (<usize>r1 << 2)), inp);
  if (c > 2) propagate1(e, W + <usize>r2 * rowBytes, load<f32>(delta + (<usize>r2 << 2)), inp);
}

/** max_w2 on one row of n weights: if Σ w² > max_w2, scale the row by sqrt(max_w2 / Σ w²). */
export function max_w2_row(w: usize, n: i32, max_w2: f32): void {
  let i = 0;
  let s: f32 = 0;
  if (ASC_FEATURE_SIMD) {
    let acc = f32x4.splat(0);
    for (; i + 4 <= n; i += 4) {
      const v = v128.load(w + (<usize>i << 2));
      acc = madd4(v, v, acc);
    }
    const t = f32x4.add(acc, v128.shuffle<f32>(acc, acc, 2, 3, 0, 1));
    s = f32x4.extract_lane(f32x4.add(t, v128.shuffle<f32>(t, t, 1, 0, 3, 2)), 0);
  }
  for (; i < n; i++) {
    const v = load<f32>(w + (<usize>i << 2));
    s += v * v;
  }
  if (!(s > max_w2)) return;
  const f = sqrt<f32>(max_w2 / s);
  i = 0;
  if (ASC_FEATURE_SIMD) {
    const fv = f32x4.splat(f);
    for (; i + 4 <= n; i += 4) {
      const p = w + (<usize>i << 2);
      v128.store(p, f32x4.mul(v128.load(p), fv));
    }
  }
  for (; i < n; i++) {
    const p = w + (<usize>i << 2);
    store<f32>(p, load<f32>(p) * f);
  }
}

/** Whether max_w2 is a real constraint (H2O's default FLT_MAX, and +∞, mean "none"). */
// @ts-ignore: decorator
@inline export function has_max_w2(max_w2: f32): bool {
  return max_w2 < f32.MAX_VALUE;
}
