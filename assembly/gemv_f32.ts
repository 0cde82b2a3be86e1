// Per-row forward: W is (out, in) row-major (row j = receiving neuron j); x is (in); b and y are (out);
// idx is (nnz) i32 indices of the non-zero entries of x, in increasing order.

import { hsum4, madd4 } from './common';
import { gather4 } from './rowstep_lanes';

/** Σ_i w[i]·x[i] over n floats (one row of W against x). */
// @ts-ignore: decorator
@inline function dot_f32(w: usize, x: usize, n: i32): f32 {
  let i = 0;
  let s: f32 = 0;
  if (ASC_FEATURE_SIMD) {
    let acc = f32x4.splat(0);
    for (; i + 4 <= n; i += 4) {
      const o = <usize>i << 2;
      acc = madd4(v128.load(w + o), v128.load(x + o), acc);
    }
    s = hsum4(acc);
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    s += load<f32>(w + o) * load<f32>(x + o);
  }
  return s;
}

/** y = W·x + b. Four rows at a time share each load of x. */
export function gemv_f32(out: i32, inp: i32, W: usize, b: usize, x: usize, y: usize): void {
  const rowBytes = <usize>inp << 2;
  let j = 0;
  if (ASC_FEATURE_SIMD) {
    for (; j + 4 <= out; j += 4) {
      const w0 = W + <usize>j * rowBytes, w1 = w0 + rowBytes, w2 = w1 + rowBytes, w3 = w2 + rowBytes;
      let a0 = f32x4.splat(0), a1 = f32x4.splat(0), a2 = f32x4.splat(0), a3 = f32x4.splat(0);
      let i = 0;
      for (; i + 4 <= inp; i += 4) {
        const o = <usize>i << 2;
        const xv = v128.load(x + o);
        a0 = madd4(v128.load(w0 + o), xv, a0);
        a1 = madd4(v128.load(w1 + o), xv, a1);
        a2 = madd4(v128.load(w2 + o), xv, a2);
        a3 = madd4(v128.load(w3 + o), xv, a3);
      }
      let s0 = hsum4(a0), s1 = hsum4(a1), s2 = hsum4(a2), s3 = hsum4(a3);
      for (; i < inp; i++) {
        const o = <usize>i << 2;
        const xi = load<f32>(x + o);
        s0 += load<f32>(w0 + o) * xi;
        s1 += load<f32>(w1 + o) * xi;
        s2 += load<f32>(w2 + o) * xi;
        s3 += load<f32>(w3 + o) * xi;
      }
      const jo = <usize>j << 2;
      v128.store(y + jo, f32x4.add(f32x4(s0, s1, s2, s3), v128.load(b + jo)));
    }
  }
  for (; j < out; j++) {
    const jo = <usize>j << 2;
    store<f32>(y + jo, dot_f32(W + <usize>j * rowBytes, x, inp) + load<f32>(b + jo));
  }
}

/** Writes the indices of the non-zero entries of x (n floats) to idx (room for n i32), returns their
 *  count. NaN counts as non-zero (it must reach the output). Branch-free: every index is written and
 *  the cursor advances only past non-zeros, so idx may be written up to n entries. */
export function nonzero_idx_f32(x: usize, n: i32, idx: usize): i32 {
  let c = 0;
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const zero = f32x4.splat(0);
    for (; i + 4 <= n; i += 4) {
      const nz = f32x4.ne(v128.load(x + (<usize>i << 2)), zero);
      if (!v128.any_true(nz)) continue; // MNIST rows are mostly blank margins
      const bits = i32x4.bitmask(nz);
      store<i32>(idx + (<usize>c << 2), i); c += bits & 1;
      store<i32>(idx + (<usize>c << 2), i + 1); c += (bits >> 1) & 1;
      store<i32>(idx + (<usize>c << 2), i + 2); c += (bits >> 2) & 1;
      store<i32>(idx + (<usize>c << 2), i + 3); c += (bits >> 3) & 1;
    }
  }
  for (; i < n; i++) {
    store<i32>(idx + (<usize>c << 2), i);
    c += i32(load<f32>(x + (<usize>i << 2)) != 0);
  }
  return c;
}

/** y = W[:, idx]·x[idx] + b: only the nnz listed inputs are read. Lanes hold four consecutive listed
 *  inputs: x is gathered once per block of four rows, each row's four weights by lane loads. */
export function gemv_f32_sparse(out: i32, inp: i32, W: usize, b: usize, x: usize, idx: usize, nnz: i32, y: usize): void {
  const rowBytes = <usize>inp << 2;
  let j = 0;
  if (ASC_FEATURE_SIMD) {
    for (; j + 4 <= out; j += 4) {
      const w0 = W + <usize>j * rowBytes, w1 = w0 + rowBytes, w2 = w1 + rowBytes, w3 = w2 + rowBytes;
      let a0 = f32x4.splat(0), a1 = f32x4.splat(0), a2 = f32x4.splat(0), a3 = f32x4.splat(0);
      let k = 0;
      for (; k + 4 <= nnz; k += 4) {
        const ip = idx + (<usize>k << 2);
        const o0 = <usize>load<i32>(ip) << 2, o3 = <usize>load<i32>(ip, 12) << 2;
        if (o3 - o0 == 12) {
          // Four consecutive inputs (strokes of an image): plain vector loads.
          const xv = v128.load(x + o0);
          a0 = madd4(v128.load(w0 + o0), xv, a0);
          a1 = madd4(v128.load(w1 + o0), xv, a1);
          a2 = madd4(v128.load(w2 + o0), xv, a2);
          a3 = madd4(v128.load(w3 + o0), xv, a3);
          continue;
        }
        const o1 = <usize>load<i32>(ip, 4) << 2, o2 = <usize>load<i32>(ip, 8) << 2;
        const xv = gather4(x, o0, o1, o2, o3);
        a0 = madd4(gather4(w0, o0, o1, o2, o3), xv, a0);
        a1 = madd4(gather4(w1, o0, o1, o2, o3), xv, a1);
        a2 = madd4(gather4(w2, o0, o1, o2, o3), xv, a2);
        a3 = madd4(gather4(w3, o0, o1, o2, o3), xv, a3);
      }
      let s0 = hsum4(a0), s1 = hsum4(a1), s2 = hsum4(a2), s3 = hsum4(a3);
      for (; k < nnz; k++) {
        const o = <usize>load<i32>(idx + (<usize>k << 2)) << 2;
        const xi = load<f32>(x + o);
        s0 += load<f32>(w0 + o) * xi;
        s1 += load<f32>(w1 + o) * xi;
        s2 += load<f32>(w2 + o) * xi;
        s3 += load<f32>(w3 + o) * xi;
      }
      const jo = <usize>j << 2;
      v128.store(y + jo, f32x4.add(f32x4(s0, s1, s2, s3), v128.load(b + jo)));
    }
  }
  for (; j < out; j++) {
    const w = W + <usize>j * rowBytes;
    let s: f32 = 0;
    for (let k = 0; k < nnz; k++) {
      const o = <usize>load<i32>(idx + (<usize>k << 2)) << 2;
      s += load<f32>(w + o) * load<f32>(x + o);
    }
    const jo = <usize>j << 2;
    store<f32>(y + jo, s + load<f32>(b + jo));
  }
}
