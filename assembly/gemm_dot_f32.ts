// Products too thin to amortise packing, with no packing at all. Strides are in bytes.
// nt: C (M, N; row stride ldc) += A·Bᵀ with A (M, K) and B (N, K) row-major, as dot products of
// rows vectorised along k. nn/tn with 1-3 rows: c (N) += Σ_k a_k · B_k, B (K, N) row-major.

import { hsum4, madd4 } from './common';

/** The whole product, tiled 4 rows of A x 2 rows of B, with 1 x 4 and 1 x 1 tiles on the edges. */
export function gemm_nt_dot_f32(M: i32, N: i32, K: i32, A: usize, lda4: usize, B: usize, ldb4: usize, C: usize, ldc4: usize): void {
  let i = 0;
  for (; i + 4 <= M; i += 4) {
    const a = A + <usize>i * lda4, c = C + <usize>i * ldc4;
    let j = 0;
    for (; j + 2 <= N; j += 2) gemm_dot_f32_4x2(K, a, lda4, B + <usize>j * ldb4, ldb4, c + (<usize>j << 2), ldc4);
    // the last column of C, 4 rows at a time: a 1x4 tile with the roles of A and B swapped
    if (j < N) gemm_dot_f32_1x4(K, B + <usize>j * ldb4, a, lda4, c + (<usize>j << 2), ldc4);
  }
  for (; i < M; i++) {
    const a = A + <usize>i * lda4, c = C + <usize>i * ldc4;
    let j = 0;
    for (; j + 4 <= N; j += 4) gemm_dot_f32_1x4(K, a, B + <usize>j * ldb4, ldb4, c + (<usize>j << 2), 4);
    for (; j < N; j++) {
      const o = c + (<usize>j << 2);
      store<f32>(o, load<f32>(o) + gemm_dot_f32_1x1(K, a, B + <usize>j * ldb4));
    }
  }
}

/** C[r·ldc + t] += A_r · B_t for r < 4, t < 2: 8 f32x4 partial sums, one horizontal sum each. */
function gemm_dot_f32_4x2(K: i32, a: usize, lda4: usize, b: usize, ldb4: usize, c: usize, ldc4: usize): void {
  const a1 = a + lda4, a2 = a1 + lda4, a3 = a2 + lda4, b1 = b + ldb4;
  let s00 = f32x4.splat(0), s01 = f32x4.splat(0), s10 = f32x4.splat(0), s11 = f32x4.splat(0);
  let s20 = f32x4.splat(0), s21 = f32x4.splat(0), s30 = f32x4.splat(0), s31 = f32x4.splat(0);
  const K4 = <usize>(K & ~3) << 2;
  for (let o: usize = 0; o < K4; o += 16) {
    const y0 = v128.load(b + o), y1 = v128.load(b1 + o);
    let x = v128.load(a + o);
    s00 = madd4(x, y0, s00); s01 = madd4(x, y1, s01);
    x = v128.load(a1 + o);
    s10 = madd4(x, y0, s10); s11 = madd4(x, y1, s11);
    x = v128.load(a2 + o);
    s20 = madd4(x, y0, s20); s21 = madd4(x, y1, s21);
    x = v128.load(a3 + o);
    s30 = madd4(x, y0, s30); s31 = madd4(x, y1, s31);
  }
  let t00 = hsum4(s00), t01 = hsum4(s01), t10 = hsum4(s10), t11 = hsum4(s11);
  let t20 = hsum4(s20), t21 = hsum4(s21), t30 = hsum4(s30), t31 = hsum4(s31);
  for (let o = K4; o < (<usize>K << 2); o += 4) {
    const y0 = load<f32>(b + o), y1 = load<f32>(b1 + o);
    let x = load<f32>(a + o); t00 += x * y0; t01 += x * y1;
    x = load<f32>(a1 + o); t10 += x * y0; t11 += x * y1;
    x = load<f32>(a2 + o); t20 += x * y0; t21 += x * y1;
    x = load<f32>(a3 + o); t30 += x * y0; t31 += x * y1;
  }
  store<f32>(c, load<f32>(c) + t00); store<f32>(c, load<f32>(c, 4) + t01, 4);
  c += ldc4;
  store<f32>(c, load<f32>(c) + t10); store<f32>(c, load<f32>(c, 4) + t11, 4);
  c += ldc4;
  store<f32>(c, load<f32>(c) + t20); store<f32>(c, load<f32>(c, 4) + t21, 4);
  c += ldc4;
  store<f32>(c, load<f32>(c) + t30); store<f32>(c, load<f32>(c, 4) + t31, 4);
}

/** out[t·ostride] += x · y_t for t < 4, y_t at y + t·ystride. Two partial sums per output hide
 *  the add latency (one chain per output ran at half speed for a single row). */
function gemm_dot_f32_1x4(K: i32, x: usize, y: usize, ystride: usize, out: usize, ostride: usize): void {
  const y1 = y + ystride, y2 = y1 + ystride, y3 = y2 + ystride;
  let s0 = f32x4.splat(0), s1 = f32x4.splat(0), s2 = f32x4.splat(0), s3 = f32x4.splat(0);
  let u0 = f32x4.splat(0), u1 = f32x4.splat(0), u2 = f32x4.splat(0), u3 = f32x4.splat(0);
  const K8 = <usize>(K & ~7) << 2, K4 = <usize>(K & ~3) << 2;
  let o: usize = 0;
  for (; o < K8; o += 32) {
    let v = v128.load(x + o);
    s0 = madd4(v, v128.load(y + o), s0); s1 = madd4(v, v128.load(y1 + o), s1);
    s2 = madd4(v, v128.load(y2 + o), s2); s3 = madd4(v, v128.load(y3 + o), s3);
    v = v128.load(x + o, 16);
    u0 = madd4(v, v128.load(y + o, 16), u0); u1 = madd4(v, v128.load(y1 + o, 16), u1);
    u2 = madd4(v, v128.load(y2 + o, 16), u2); u3 = madd4(v, v128.load(y3 + o, 16), u3);
  }
  if (o < K4) {
    const v = v128.load(x + o);
    s0 = madd4(v, v128.load(y + o), s0); s1 = madd4(v, v128.load(y1 + o), s1);
    s2 = madd4(v, v128.load(y2 + o), s2); s3 = madd4(v, v128.load(y3 + o), s3);
  }
  let t0 = hsum4(f32x4.add(s0, u0)), t1 = hsum4(f32x4.add(s1, u1));
  let t2 = hsum4(f32x4.add(s2, u2)), t3 = hsum4(f32x4.add(s3, u3));
  for (o = K4; o < (<usize>K << 2); o += 4) {
    const v = load<f32>(x + o);
    t0 += v * load<f32>(y + o); t1 += v * load<f32>(y1 + o);
    t2 += v * load<f32>(y2 + o); t3 += v * load<f32>(y3 + o);
  }
  store<f32>(out, load<f32>(out) + t0);
  out += ostride; store<f32>(out, load<f32>(out) + t1);
  out += ostride; store<f32>(out, load<f32>(out) + t2);
  out += ostride; store<f32>(out, load<f32>(out) + t3);
}

/** x · y over K values. */
function gemm_dot_f32_1x1(K: i32, x: usize, y: usize): f32 {
  let s = f32x4.splat(0);
  const K4 = <usize>(K & ~3) << 2;
  for (let o: usize = 0; o < K4; o += 16) s = madd4(v128.load(x + o), v128.load(y + o), s);
  let t = hsum4(s);
  for (let o = K4; o < (<usize>K << 2); o += 4) t += load<f32>(x + o) * load<f32>(y + o);
  return t;
}

/** One row of C: c (N) += Σ_k a[k·aks] · B[k·ldb4 + j], 32 columns (8 accumulators) at a time,
 *  then 4, then single columns. The 4x8 tile would waste 3 of its 4 rows on a single row of A. */
export function gemm_row_f32(N: i32, K: i32, a: usize, aks: usize, B: usize, ldb4: usize, c: usize): void {
  let j = 0;
  for (; j + 32 <= N; j += 32) {
    const cj = c + (<usize>j << 2);
    let b = B + (<usize>j << 2), p = a;
    let s0 = v128.load(cj), s1 = v128.load(cj, 16), s2 = v128.load(cj, 32), s3 = v128.load(cj, 48);
    let s4 = v128.load(cj, 64), s5 = v128.load(cj, 80), s6 = v128.load(cj, 96), s7 = v128.load(cj, 112);
    for (let k = 0; k < K; k++) {
      const x = v128.load32_splat(p);
      s0 = madd4(x, v128.load(b), s0); s1 = madd4(x, v128.load(b, 16), s1);
      s2 = madd4(x, v128.load(b, 32), s2); s3 = madd4(x, v128.load(b, 48), s3);
      s4 = madd4(x, v128.load(b, 64), s4); s5 = madd4(x, v128.load(b, 80), s5);
      s6 = madd4(x, v128.load(b, 96), s6); s7 = madd4(x, v128.load(b, 112), s7);
      p += aks; b += ldb4;
    }
    v128.store(cj, s0); v128.store(cj, s1, 16); v128.store(cj, s2, 32); v128.store(cj, s3, 48);
    v128.store(cj, s4, 64); v128.store(cj, s5, 80); v128.store(cj, s6, 96); v128.store(cj, s7, 112);
  }
  for (; j + 4 <= N; j += 4) {
    const cj = c + (<usize>j << 2);
    let b = B + (<usize>j << 2), p = a, s = v128.load(cj);
    for (let k = 0; k < K; k++) {
      s = madd4(v128.load32_splat(p), v128.load(b), s);
      p += aks; b += ldb4;
    }
    v128.store(cj, s);
  }
  for (; j < N; j++) {
    let b = B + (<usize>j << 2), p = a, s: f32 = 0;
    for (let k = 0; k < K; k++) {
      s += load<f32>(p) * load<f32>(b);
      p += aks; b += ldb4;
    }
    const cj = c + (<usize>j << 2);
    store<f32>(cj, load<f32>(cj) + s);
  }
}
