// C (M, N; row stride ldc) += A·B, A·Bᵀ or Aᵀ·B, all row-major with leading dimensions in elements:
// nn: A (M, K), B (K, N); nt: A (M, K), B (N, K); tn: A (K, M), B (K, N). The caller passes
// gemm_f32_scratch_bytes(M, N, K) bytes of 16-byte aligned scratch (one per worker).

import { GEMM_MR, GEMM_NR, gemm_pack_kmajor4_f32, gemm_pack_xmajor4_f32, gemm_ukernel_f32_4x8 } from './gemm_pack_f32';
import { gemm_nt_dot_f32, gemm_row_f32 } from './gemm_dot_f32';

// Cache blocking (GotoBLAS/BLIS order): a KC x NC panel of B (512 KiB) and an MC x KC block of A
// (128 KiB) share the 1 MiB L2; one B micro-panel (8 KiB) stays in L1 while A micro-panels stream.
const KC: i32 = 256;
const MC: i32 = 128;
const NC: i32 = 512;
// Products that do not need packing skip it. nt runs as row dot products when B is thin (at most
// DOT_M rows of A or DOT_N of B, K at least DOT_K), or when B fits in L2 (DOT_B_L2 floats) and
// M <= 1.5 K: packing B costs about 1/M of the product, the dot tiles' horizontal sums about 1/K.
// Measured: 3-10 % faster than packing on the MNIST layers (M 32..1024, K 200 or 784), 3 % slower
// at 512x512x256, 20 % slower at 2048³ (B from L3), 40 % slower at K = 16.
// nn and tn read B's rows in place (packing B costs about 1/M of the product) when M <= DIRECT_M,
// or when M <= DIRECT_M_L2, B fits in L2 and its rows are not 4 KiB apart (such rows share L1
// sets and evict each other): measured 3-12 % faster at M 32..128 on MNIST-sized B, 12 % slower
// at 32x1024x128 (4 KiB rows) and 40 % slower at 1024³.
const DOT_M: i32 = 8;
const DOT_N: i32 = 16;
const DOT_K: i32 = 16;
const DOT_B_L2: i32 = 192 * 1024;
const DIRECT_M: i32 = 16;
const DIRECT_M_L2: i32 = 128;

// @ts-ignore: decorator
@inline function imin(a: i32, b: i32): i32 { return a < b ? a : b; }
// @ts-ignore: decorator
@inline function roundUp(a: i32, m: i32): i32 { return (a + m - 1) / m * m; }

/** Bytes of scratch gemm_f32_{nn,nt,tn} need for these sizes (the packed panels and one C tile). */
export function gemm_f32_scratch_bytes(M: i32, N: i32, K: i32): i32 {
  if (!ASC_FEATURE_SIMD || M <= 0 || N <= 0 || K <= 0) return 0;
  const kc = imin(K, KC), nc = imin(roundUp(N, GEMM_NR), NC), mc = imin(roundUp(M, GEMM_MR), MC);
  return (kc * nc + mc * kc + GEMM_MR * GEMM_NR) << 2;
}

/** Every row of C (rows, cols; row stride ldc) = b (cols): the forward output before C += X·Wᵀ. */
export function bias_rows_f32(C: usize, ldc: i32, rows: i32, cols: i32, b: usize): void {
  const ldc4 = <usize>ldc << 2;
  for (let i = 0; i < rows; i++) {
    const c = C + <usize>i * ldc4;
    let j = 0;
    if (ASC_FEATURE_SIMD) {
      for (; j + 4 <= cols; j += 4) v128.store(c + (<usize>j << 2), v128.load(b + (<usize>j << 2)));
    }
    for (; j < cols; j++) store<f32>(c + (<usize>j << 2), load<f32>(b + (<usize>j << 2)));
  }
}

export function gemm_f32_nn(M: i32, N: i32, K: i32, A: usize, lda: i32, B: usize, ldb: i32, C: usize, ldc: i32, scratch: usize): void {
  if (M <= 0 || N <= 0 || K <= 0) return;
  assert(lda >= K && ldb >= N && ldc >= N, 'gemm_f32_nn: a leading dimension is smaller than its row');
  if (ASC_FEATURE_SIMD) {
    if (M < GEMM_MR) gemm_rows(M, N, K, A, <usize>lda << 2, 4, B, ldb, C, ldc);
    else gemm_blocked(M, N, K, A, lda, B, ldb, C, ldc, scratch, false, false);
  } else gemm_scalar(M, N, K, A, <usize>lda << 2, 4, B, <usize>ldb << 2, 4, C, ldc);
}

export function gemm_f32_nt(M: i32, N: i32, K: i32, A: usize, lda: i32, B: usize, ldb: i32, C: usize, ldc: i32, scratch: usize): void {
  if (M <= 0 || N <= 0 || K <= 0) return;
  assert(lda >= K && ldb >= K && ldc >= N, 'gemm_f32_nt: a leading dimension is smaller than its row');
  if (ASC_FEATURE_SIMD) {
    const thin = (M <= DOT_M || N <= DOT_N) && K >= DOT_K;
    if (thin || (<i64>N * K <= DOT_B_L2 && <i64>M * 2 <= <i64>K * 3)) gemm_nt_dot_f32(M, N, K, A, <usize>lda << 2, B, <usize>ldb << 2, C, <usize>ldc << 2);
    else gemm_blocked(M, N, K, A, lda, B, ldb, C, ldc, scratch, false, true);
  } else gemm_scalar(M, N, K, A, <usize>lda << 2, 4, B, 4, <usize>ldb << 2, C, ldc);
}

export function gemm_f32_tn(M: i32, N: i32, K: i32, A: usize, lda: i32, B: usize, ldb: i32, C: usize, ldc: i32, scratch: usize): void {
  if (M <= 0 || N <= 0 || K <= 0) return;
  assert(lda >= M && ldb >= N && ldc >= N, 'gemm_f32_tn: a leading dimension is smaller than its row');
  if (ASC_FEATURE_SIMD) {
    if (M < GEMM_MR) gemm_rows(M, N, K, A, 4, <usize>lda << 2, B, ldb, C, ldc);
    else gemm_blocked(M, N, K, A, lda, B, ldb, C, ldc, scratch, true, false);
  } else gemm_scalar(M, N, K, A, 4, <usize>lda << 2, B, <usize>ldb << 2, 4, C, ldc);
}

/** The packed, cache-blocked product. transA: A is stored (K, M); transB: B is stored (N, K). */
function gemm_blocked(M: i32, N: i32, K: i32, A: usize, lda: i32, B: usize, ldb: i32, C: usize, ldc: i32, scratch: usize, transA: bool, transB: bool): void {
  const lda4 = <usize>lda << 2, ldb4 = <usize>ldb << 2, ldc4 = <usize>ldc << 2;
  // Same layout as gemm_f32_scratch_bytes: B panel, then A block, then one C tile.
  const kcMax = imin(K, KC), ncMax = imin(roundUp(N, GEMM_NR), NC), mcMax = imin(roundUp(M, GEMM_MR), MC);
  const pb = scratch, pa = pb + (<usize>(kcMax * ncMax) << 2), tile = pa + (<usize>(mcMax * kcMax) << 2);
  const directB = !transB && (M <= DIRECT_M || (M <= DIRECT_M_L2 && <i64>N * K <= DOT_B_L2 && (ldb & 1023) != 0));
  for (let jc = 0; jc < N; jc += NC) {
    const nc = imin(NC, N - jc);
    for (let pc = 0; pc < K; pc += KC) {
      const kc = imin(KC, K - pc);
      for (let j = 0; j < nc; j += GEMM_NR) {
        const nr = imin(GEMM_NR, nc - j), lo = imin(nr, 4), hi = nr - lo;
        const dst = pb + (<usize>(j * kc) << 2);
        if (directB && nr == GEMM_NR) continue; // only a ragged last panel is packed (no reads past N)
        if (transB) {
          const src = B + <usize>(jc + j) * ldb4 + (<usize>pc << 2);
          gemm_pack_xmajor4_f32(src, ldb4, lo, kc, dst, 32);
          gemm_pack_xmajor4_f32(src + 4 * ldb4, ldb4, hi, kc, dst + 16, 32);
        } else {
          const src = B + <usize>pc * ldb4 + (<usize>(jc + j) << 2);
          gemm_pack_kmajor4_f32(src, ldb4, lo, kc, dst, 32);
          gemm_pack_kmajor4_f32(src + 16, ldb4, hi, kc, dst + 16, 32);
        }
      }
      for (let ic = 0; ic < M; ic += MC) {
        const mc = imin(MC, M - ic);
        for (let i = 0; i < mc; i += GEMM_MR) {
          const mr = imin(GEMM_MR, mc - i), dst = pa + (<usize>(i * kc) << 2);
          if (transA) gemm_pack_kmajor4_f32(A + <usize>pc * lda4 + (<usize>(ic + i) << 2), lda4, mr, kc, dst, 16);
          else gemm_pack_xmajor4_f32(A + <usize>(ic + i) * lda4 + (<usize>pc << 2), lda4, mr, kc, dst, 16);
        }
        for (let j = 0; j < nc; j += GEMM_NR) {
          const nr = imin(GEMM_NR, nc - j), direct = directB && nr == GEMM_NR;
          const bp = direct ? B + <usize>pc * ldb4 + (<usize>(jc + j) << 2) : pb + (<usize>(j * kc) << 2);
          const bks: usize = direct ? ldb4 : GEMM_NR * 4;
          const cj = C + (<usize>(jc + j) << 2);
          for (let i = 0; i < mc; i += GEMM_MR) {
            const mr = imin(GEMM_MR, mc - i), ap = pa + (<usize>(i * kc) << 2);
            const c = cj + <usize>(ic + i) * ldc4;
            if (mr == GEMM_MR && nr == GEMM_NR) gemm_ukernel_f32_4x8(kc, ap, GEMM_MR * 4, bp, bks, c, ldc4);
            else gemm_edge_tile(kc, ap, bp, bks, c, ldc4, mr, nr, tile);
          }
        }
      }
    }
  }
}

/** nn/tn with fewer rows than a tile: row i of C += Σ_k A(i,k)·B row k, A(i,k) at A + i·ais + k·aks. */
function gemm_rows(M: i32, N: i32, K: i32, A: usize, ais: usize, aks: usize, B: usize, ldb: i32, C: usize, ldc: i32): void {
  for (let i = 0; i < M; i++) gemm_row_f32(N, K, A + <usize>i * ais, aks, B, <usize>ldb << 2, C + <usize>i * (<usize>ldc << 2));
}

/** A partial tile (mr < 4 or nr < 8): the micro-kernel writes a zeroed 4x8 tile in scratch (the
 *  padded panels make the extra lanes zero), and only the mr x nr corner is added to C. */
function gemm_edge_tile(kc: i32, ap: usize, bp: usize, bks: usize, c: usize, ldc4: usize, mr: i32, nr: i32, tile: usize): void {
  memory.fill(tile, 0, GEMM_MR * GEMM_NR * 4);
  gemm_ukernel_f32_4x8(kc, ap, GEMM_MR * 4, bp, bks, tile, GEMM_NR * 4);
  for (let r = 0; r < mr; r++) {
    const cr = c + <usize>r * ldc4, tr = tile + (<usize>(r * GEMM_NR) << 2);
    for (let j = 0; j < nr; j++) {
      const o = <usize>j << 2;
      store<f32>(cr + o, load<f32>(cr + o) + load<f32>(tr + o));
    }
  }
}

/** The scalar build's product. Strides are in bytes: A(i,k) at A + i·ais + k·aks, B(k,j) at
 *  B + k·bks + j·bjs. nn and tn loop i-k-j (B and C rows contiguous); when both A and B run
 *  contiguously along k (nt) each C entry is a dot product of two contiguous rows. */
function gemm_scalar(M: i32, N: i32, K: i32, A: usize, ais: usize, aks: usize, B: usize, bks: usize, bjs: usize, C: usize, ldc: i32): void {
  const ldc4 = <usize>ldc << 2;
  for (let i = 0; i < M; i++) {
    const c = C + <usize>i * ldc4, a = A + <usize>i * ais;
    if (bks == 4 && aks == 4) {
      for (let j = 0; j < N; j++) {
        const b = B + <usize>j * bjs;
        let s: f32 = 0;
        for (let k = 0; k < K; k++) s += load<f32>(a + (<usize>k << 2)) * load<f32>(b + (<usize>k << 2));
        store<f32>(c + (<usize>j << 2), load<f32>(c + (<usize>j << 2)) + s);
      }
      continue;
    }
    for (let k = 0; k < K; k++) {
      const aik = load<f32>(a + <usize>k * aks), b = B + <usize>k * bks;
      for (let j = 0; j < N; j++) {
        const o = <usize>j << 2;
        store<f32>(c + o, load<f32>(c + o) + aik * load<f32>(b + <usize>j * bjs));
      }
    }
  }
}
