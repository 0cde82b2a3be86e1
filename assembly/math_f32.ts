// Inline exp, expm1 and tanh for f32x4 lanes and f32 scalars; x is one value or four lanes.
// No std Math: its f32 exp/tanh read lookup tables from data segments, which this module must not
// have (one module instantiated per worker over one shared memory). Range reduction plus a
// polynomial instead, after Cephes expf/tanhf (S. L. Moshier). The scalar and vector forms run the
// same operations in the same order, so the scalar build and the SIMD tails agree with the SIMD
// lanes (up to the fused multiply-add of the relaxed build).
//
// Max relative error vs float64 Math.exp / Math.tanh / Math.expm1 of the same float32 input,
// 400,001 evenly spaced points, on every build (test/kernels/act.test.ts asserts bounds on these):
//   exp   on [-20, 20]: 8.2e-8   (< 1 ulp; output rounding alone is up to 6e-8)
//   tanh  on [-20, 20]: 1.3e-7   (worst just above the |z| = 0.625 switch), exactly ±1 for |z| > 9.02
//   expm1 on [-20, 0]:  8.3e-8   (and 5.5e-8 for |x| down to 1e-38: e^r − 1 is formed directly)
// Saturation: exp is +inf above ln(FLT_MAX) and 0 below ln(FLT_MIN) (denormals flushed); no NaN
// except from a NaN input.

import { madd4 } from './common';

const LOG2E: f32 = 1.44269504088896341;
// ln 2 split so that n·LN2_HI is exact for |n| ≤ 2^15 (LN2_HI has 9 significant bits).
const LN2_HI: f32 = 0.693359375;
const LN2_LO: f32 = -2.12194440e-4;
// e^r − 1 − r = r²·P(r) on |r| ≤ ln2/2 (Cephes expf coefficients).
const P0: f32 = 1.9875691500e-4;
const P1: f32 = 1.3981999507e-3;
const P2: f32 = 8.3334519073e-3;
const P3: f32 = 4.1665795894e-2;
const P4: f32 = 1.6666665459e-1;
const P5: f32 = 5.0000001201e-1;
/** ln(FLT_MAX): above it e^x overflows float32. */
export const EXP_HI: f32 = 88.72283905;
/** ln(FLT_MIN): below it e^x is a denormal; we flush it to 0 (denormal arithmetic is slow on x86). */
export const EXP_LO: f32 = -87.33654475;
// tanh(z) = z + z³·T(z²) for |z| < 0.625 (Cephes tanhf), where 1 − 2/(1+e^{2z}) would cancel.
const T0: f32 = -5.70498872745e-3;
const T1: f32 = 2.06390887954e-2;
const T2: f32 = -5.37397155531e-2;
const T3: f32 = 1.33314422036e-1;
const T4: f32 = -3.33332819422e-1;
const TANH_SMALL: f32 = 0.625;
/** float32 tanh rounds to 1 from |z| ≈ 9.01 on; clamping at 10 keeps e^{2z} far from overflow. */
const TANH_SAT: f32 = 10.0;

// ---------------------------------------------------------------------------------------------
// f32x4

/** q = e^r − 1 for the reduced argument r (|r| ≤ ln2/2): r + r²·P(r). */
// @ts-ignore: decorator
@inline function expm1_reduced4(r: v128): v128 {
  let p = madd4(f32x4.splat(P0), r, f32x4.splat(P1));
  p = madd4(p, r, f32x4.splat(P2));
  p = madd4(p, r, f32x4.splat(P3));
  p = madd4(p, r, f32x4.splat(P4));
  p = madd4(p, r, f32x4.splat(P5));
  return madd4(f32x4.mul(r, r), p, r);
}

/** 2^n for integer lanes n in [-126, 127]: the exponent field built directly. */
// @ts-ignore: decorator
@inline function pow2i4(n: v128): v128 {
  return i32x4.shl(i32x4.add(n, i32x4.splat(127)), 23);
}

/** e^x for lanes with EXP_LO ≤ x ≤ EXP_HI (callers guarantee the range or select over it). */
// @ts-ignore: decorator
@inline function exp_inrange4(x: v128): v128 {
  const n = f32x4.nearest(f32x4.mul(x, f32x4.splat(LOG2E)));
  let r = madd4(n, f32x4.splat(-LN2_HI), x);
  r = madd4(n, f32x4.splat(-LN2_LO), r);
  const q = expm1_reduced4(r);
  // n reaches 128 just below EXP_HI, one past the largest exponent: scale by 2^⌊n/2⌋·2^⌈n/2⌉.
  const ni = i32x4.trunc_sat_f32x4_s(n);
  const n1 = i32x4.shr_s(ni, 1);
  const s = f32x4.mul(f32x4.add(q, f32x4.splat(1)), pow2i4(n1));
  return f32x4.mul(s, pow2i4(i32x4.sub(ni, n1)));
}

/** e^x: +inf above EXP_HI, 0 below EXP_LO, NaN for NaN. */
// @ts-ignore: decorator
@inline export function exp4(x: v128): v128 {
  const y = exp_inrange4(x);
  const big = f32x4.gt(x, f32x4.splat(EXP_HI));
  return v128.andnot(v128.bitselect(f32x4.splat(Infinity), y, big), f32x4.lt(x, f32x4.splat(EXP_LO)));
}

/** e^x − 1 for x ≤ 0 (lanes above 0 give e^0 − 1 = 0: callers select them away). Formed as
 *  2^n·q + (2^n − 1), exact when n = 0, so small |x| keep full relative accuracy. */
// @ts-ignore: decorator
@inline export function expm1_neg4(x: v128): v128 {
  // Below −30 the result is −1 in float32; the clamp keeps 2^n normal. NaN passes through pmin/pmax.
  const xc = f32x4.pmin(f32x4.pmax(x, f32x4.splat(-30)), f32x4.splat(0));
  const n = f32x4.nearest(f32x4.mul(xc, f32x4.splat(LOG2E)));
  let r = madd4(n, f32x4.splat(-LN2_HI), xc);
  r = madd4(n, f32x4.splat(-LN2_LO), r);
  const q = expm1_reduced4(r);
  const s = pow2i4(i32x4.trunc_sat_f32x4_s(n));
  return madd4(s, q, f32x4.sub(s, f32x4.splat(1)));
}

/** tanh(z): odd polynomial below |z| = 0.625, 1 − 2/(1 + e^{2|z|}) above (rounds to ±1 past 9.02). */
// @ts-ignore: decorator
@inline export function tanh4(z: v128): v128 {
  const az = f32x4.pmin(f32x4.abs(z), f32x4.splat(TANH_SAT));
  const e = exp_inrange4(f32x4.add(az, az));
  const large = f32x4.sub(f32x4.splat(1), f32x4.div(f32x4.splat(2), f32x4.add(e, f32x4.splat(1))));
  const s = f32x4.mul(az, az);
  let p = madd4(f32x4.splat(T0), s, f32x4.splat(T1));
  p = madd4(p, s, f32x4.splat(T2));
  p = madd4(p, s, f32x4.splat(T3));
  p = madd4(p, s, f32x4.splat(T4));
  const small = madd4(f32x4.mul(s, az), p, az);
  const t = v128.bitselect(small, large, f32x4.lt(az, f32x4.splat(TANH_SMALL)));
  // Put z's sign back (t ≥ 0 here; -0 stays -0).
  return v128.or(t, v128.and(z, f32x4.splat(-0.0)));
}

// ---------------------------------------------------------------------------------------------
// f32 scalars: the same steps, one lane.

// @ts-ignore: decorator
@inline function expm1_reduced(r: f32): f32 {
  let p = P0 * r + P1;
  p = p * r + P2;
  p = p * r + P3;
  p = p * r + P4;
  p = p * r + P5;
  return (r * r) * p + r;
}

// @ts-ignore: decorator
@inline function pow2i(n: i32): f32 {
  return reinterpret<f32>((n + 127) << 23);
}

// @ts-ignore: decorator
@inline function exp_inrange(x: f32): f32 {
  const n = nearest<f32>(x * LOG2E);
  let r = n * -LN2_HI + x;
  r = n * -LN2_LO + r;
  const q = expm1_reduced(r);
  const ni = <i32>n;
  const n1 = ni >> 1;
  return (q + 1) * pow2i(n1) * pow2i(ni - n1);
}

/** e^x: +inf above EXP_HI, 0 below EXP_LO, NaN for NaN. */
// @ts-ignore: decorator
@inline export function expf32(x: f32): f32 {
  if (x > EXP_HI) return Infinity;
  if (x < EXP_LO) return 0;
  return exp_inrange(x);
}

/** e^x − 1 for x ≤ 0 (x > 0 gives 0); see expm1_neg4. */
// @ts-ignore: decorator
@inline export function expm1_negf32(x: f32): f32 {
  let xc = x < -30 ? <f32>-30 : x;
  xc = xc > 0 ? <f32>0 : xc;
  const n = nearest<f32>(xc * LOG2E);
  let r = n * -LN2_HI + xc;
  r = n * -LN2_LO + r;
  const q = expm1_reduced(r);
  const s = pow2i(<i32>n);
  return s * q + (s - 1);
}

/** tanh(z); see tanh4. */
// @ts-ignore: decorator
@inline export function tanhf32(z: f32): f32 {
  let az = abs<f32>(z);
  az = TANH_SAT < az ? TANH_SAT : az;
  let t: f32;
  if (az < TANH_SMALL) {
    const s = az * az;
    let p = T0 * s + T1;
    p = p * s + T2;
    p = p * s + T3;
    p = p * s + T4;
    t = (s * az) * p + az;
  } else {
    t = 1 - 2 / (exp_inrange(az + az) + 1);
  }
  return copysign<f32>(t, z);
}
