// Dropout over n values: a, mask, out, x, y are (n) f32; state is the worker's generator, 4 u32 words.
// The generator lives in memory, not in a global, so one module serves every worker: each worker
// owns its 4 state words. It is xoshiro128** exactly as src/util/random.ts (Random.nextU32), so
// `new Random(seed).state()` written into memory yields the same stream on both sides.

/** out[i] = uniform float32 in [0, 1): the top 24 bits of successive xoshiro128** outputs · 2^-24
 *  (every value exactly representable, never 1). Advances the state by n draws and stores it back. */
// @ts-ignore: decorator
@inline function fill_uniform(state: usize, out: usize, n: i32): void {
  let s0 = load<u32>(state), s1 = load<u32>(state, 4), s2 = load<u32>(state, 8), s3 = load<u32>(state, 12);
  for (let i = 0; i < n; i++) {
    const result = rotl<u32>(s1 * 5, 7) * 9;
    const t = s1 << 9;
    s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3;
    s2 ^= t; s3 = rotl<u32>(s3, 11);
    store<f32>(out + (<usize>i << 2), <f32>(result >>> 8) * <f32>5.9604644775390625e-8);
  }
  store<u32>(state, s0); store<u32>(state, s1, 4); store<u32>(state, s2, 8); store<u32>(state, s3, 12);
}

/** out = n uniform draws in [0, 1) from the generator at `state` (which advances). */
export function rng_uniform_f32(state: usize, out: usize, n: i32): void {
  fill_uniform(state, out, n);
}

/** Dropout without rescaling (H2O, h2o-training.md §3.2): mask[i] = u_i < ratio ? 0 : 1, a[i] *= mask[i]
 *  (a dropped unit is set to exactly 0, even if it held inf or NaN).
 *  ratio 0 keeps every unit, ratio 1 drops every unit. Scoring compensates hidden layers with
 *  vec_scale_f32(a, n, 1 − ratio); input dropout has no compensation. mask must not overlap a. */
export function dropout_f32(a: usize, mask: usize, n: i32, ratio: f32, state: usize): void {
  fill_uniform(state, mask, n);
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const r = f32x4.splat(ratio), one = f32x4.splat(1);
    for (; i + 4 <= n; i += 4) {
      const o = <usize>i << 2;
      const drop = f32x4.lt(v128.load(mask + o), r);
      v128.store(mask + o, v128.andnot(one, drop));
      v128.store(a + o, v128.andnot(v128.load(a + o), drop));
    }
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    const drop = load<f32>(mask + o) < ratio;
    store<f32>(mask + o, drop ? 0 : 1);
    store<f32>(a + o, drop ? 0 : load<f32>(a + o));
  }
}

/** out = x·y elementwise (δ *= mask); out may equal x or y. */
export function vec_mul_f32(x: usize, y: usize, out: usize, n: i32): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    for (; i + 4 <= n; i += 4) {
      const o = <usize>i << 2;
      v128.store(out + o, f32x4.mul(v128.load(x + o), v128.load(y + o)));
    }
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    store<f32>(out + o, load<f32>(x + o) * load<f32>(y + o));
  }
}

/** Input dropout of n units, given the nnz increasing indices of the non-zero a[i] in idx
 *  (nonzero_idx_f32): the same n draws as dropout_f32 (u: n floats of scratch), so the masks and
 *  the generator's stream are dropout_f32's, but only the listed units are looked at (dropping a
 *  zero changes nothing). A listed unit with u[i] < ratio is set to 0 and leaves the list; the
 *  survivors stay listed, in order, at the front of idx. Returns their count. */
export function dropout_listed_f32(a: usize, idx: usize, nnz: i32, n: i32, ratio: f32, state: usize, scratch: usize): i32 {
  fill_uniform(state, scratch, n);
  let kept = 0;
  for (let k = 0; k < nnz; k++) {
    const i = load<i32>(idx + (<usize>k << 2));
    if (load<f32>(scratch + (<usize>i << 2)) < ratio) store<f32>(a + (<usize>i << 2), 0);
    else { store<i32>(idx + (<usize>kept << 2), i); kept++; }
  }
  return kept;
}
