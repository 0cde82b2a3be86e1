// GEMM building blocks: packed A panels are (kc, 4) k-major, packed B panels (kc, 8) k-major, and
// the 4x8 register-blocked micro-kernel that multiplies one of each into a (4, 8) tile of C.
// Packing is where the transposes go: after it the three products run the same inner loop.

import { madd4 } from './common';

/** Micro-tile rows (A panel width) and columns (B panel width). */
export const GEMM_MR: i32 = 4;
export const GEMM_NR: i32 = 8;

/** C(4x8, row stride ldc bytes) += Apanel(kc x 4) · Bpanel(kc x 8), both k-major: the 4 values of
 *  A for step k at a + k·aks, the 8 values of B at b + k·bks (packed: aks 16, bks 32; an unpacked
 *  row-major B has bks = its row stride, which lets small products skip packing B).
 *  4x8 = 8 f32x4 accumulators: measured on this machine, V8 keeps 8 in registers but spills at
 *  10 or 12 (5x8, 6x8, 4x12 ran 25-60 % slower), and unrolling k made it slower too. */
export function gemm_ukernel_f32_4x8(kc: i32, a: usize, aks: usize, b: usize, bks: usize, c: usize, ldc: usize): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  // An end pointer instead of a counter: one add and compare less per step (the loop is
  // front-end bound: 4 splats, 2 loads, 16 arithmetic ops, the pointer bumps and V8's stack check).
  const end = a + <usize>kc * aks;
  while (a < end) {
    const b0 = v128.load(b), b1 = v128.load(b, 16);
    let s = v128.load32_splat(a);
    c00 = madd4(s, b0, c00); c01 = madd4(s, b1, c01);
    s = v128.load32_splat(a, 4);
    c10 = madd4(s, b0, c10); c11 = madd4(s, b1, c11);
    s = v128.load32_splat(a, 8);
    c20 = madd4(s, b0, c20); c21 = madd4(s, b1, c21);
    s = v128.load32_splat(a, 12);
    c30 = madd4(s, b0, c30); c31 = madd4(s, b1, c31);
    a += aks; b += bks;
  }
  v128.store(c, f32x4.add(v128.load(c), c00)); v128.store(c, f32x4.add(v128.load(c, 16), c01), 16);
  c += ldc;
  v128.store(c, f32x4.add(v128.load(c), c10)); v128.store(c, f32x4.add(v128.load(c, 16), c11), 16);
  c += ldc;
  v128.store(c, f32x4.add(v128.load(c), c20)); v128.store(c, f32x4.add(v128.load(c, 16), c21), 16);
  c += ldc;
  v128.store(c, f32x4.add(v128.load(c), c30)); v128.store(c, f32x4.add(v128.load(c, 16), c31), 16);
}

/** Pack up to 4 "x" vectors stored contiguously along k (x-th at src + x·ld bytes) into a k-major
 *  panel: dst + k·dstride holds (x0, x1, x2, x3) for each k < kc; missing x are zero.
 *  Used for A in nn/nt (x = row of A) and B in nt (x = row of B), in 4x4 transposed blocks. */
export function gemm_pack_xmajor4_f32(src: usize, ld: usize, nx: i32, kc: i32, dst: usize, dstride: usize): void {
  let k = 0;
  if (nx == 4) {
    const s1 = src + ld, s2 = s1 + ld, s3 = s2 + ld;
    for (; k + 4 <= kc; k += 4) {
      const o = <usize>k << 2;
      const r0 = v128.load(src + o), r1 = v128.load(s1 + o), r2 = v128.load(s2 + o), r3 = v128.load(s3 + o);
      const t0 = v128.shuffle<f32>(r0, r1, 0, 4, 1, 5), t1 = v128.shuffle<f32>(r0, r1, 2, 6, 3, 7);
      const t2 = v128.shuffle<f32>(r2, r3, 0, 4, 1, 5), t3 = v128.shuffle<f32>(r2, r3, 2, 6, 3, 7);
      const d = dst + <usize>k * dstride;
      v128.store(d, v128.shuffle<f32>(t0, t2, 0, 1, 4, 5));
      v128.store(d + dstride, v128.shuffle<f32>(t0, t2, 2, 3, 6, 7));
      v128.store(d + 2 * dstride, v128.shuffle<f32>(t1, t3, 0, 1, 4, 5));
      v128.store(d + 3 * dstride, v128.shuffle<f32>(t1, t3, 2, 3, 6, 7));
    }
  }
  for (; k < kc; k++) {
    const d = dst + <usize>k * dstride, o = <usize>k << 2;
    for (let x = 0; x < 4; x++) {
      store<f32>(d + (<usize>x << 2), x < nx ? load<f32>(src + <usize>x * ld + o) : 0);
    }
  }
}

/** Pack up to 4 "x" values stored contiguously for each k (k-th group at src + k·ld bytes) into a
 *  k-major panel: dst + k·dstride holds (x0..x3), missing x zero. A in tn, B in nn: a plain copy. */
export function gemm_pack_kmajor4_f32(src: usize, ld: usize, nx: i32, kc: i32, dst: usize, dstride: usize): void {
  if (nx == 4) {
    for (let k = 0; k < kc; k++) v128.store(dst + <usize>k * dstride, v128.load(src + <usize>k * ld));
    return;
  }
  for (let k = 0; k < kc; k++) {
    const d = dst + <usize>k * dstride, s = src + <usize>k * ld;
    for (let x = 0; x < 4; x++) store<f32>(d + (<usize>x << 2), x < nx ? load<f32>(s + (<usize>x << 2)) : 0);
  }
}
