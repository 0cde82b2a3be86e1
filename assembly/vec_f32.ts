// Vector ops over float32 arenas (model averaging across workers and nodes): x, y, out are (n).

import { madd4 } from './common';

/** x *= alpha */
export function vec_scale_f32(x: usize, n: i32, alpha: f32): void {
  assert(n >= 0, 'vec_scale_f32: n must be >= 0');
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const a = f32x4.splat(alpha);
    for (; i + 4 <= n; i += 4) {
      const p = x + (<usize>i << 2);
      v128.store(p, f32x4.mul(v128.load(p), a));
    }
  }
  for (; i < n; i++) {
    const p = x + (<usize>i << 2);
    store<f32>(p, load<f32>(p) * alpha);
  }
}

/** y += alpha·x (x and y may be the same array) */
export function vec_axpy_f32(y: usize, x: usize, n: i32, alpha: f32): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const a = f32x4.splat(alpha);
    for (; i + 4 <= n; i += 4) {
      const o = <usize>i << 2;
      v128.store(y + o, madd4(a, v128.load(x + o), v128.load(y + o)));
    }
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    store<f32>(y + o, load<f32>(y + o) + alpha * load<f32>(x + o));
  }
}

/** out = Σ_k weights[k]·src_k over `count` arenas; srcs is (count) u32 pointers, weights (count) f32.
 *  out may alias one of the sources: each element is read from every source before it is written. */
export function vec_wsum_f32(out: usize, srcs: usize, weights: usize, count: i32, n: i32): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    for (; i + 4 <= n; i += 4) {
      const o = <usize>i << 2;
      let acc = f32x4.splat(0);
      for (let k = 0; k < count; k++) {
        const src = <usize>load<u32>(srcs + (<usize>k << 2));
        acc = madd4(f32x4.splat(load<f32>(weights + (<usize>k << 2))), v128.load(src + o), acc);
      }
      v128.store(out + o, acc);
    }
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    let acc: f32 = 0;
    for (let k = 0; k < count; k++) {
      const src = <usize>load<u32>(srcs + (<usize>k << 2));
      acc += load<f32>(weights + (<usize>k << 2)) * load<f32>(src + o);
    }
    store<f32>(out + o, acc);
  }
}
