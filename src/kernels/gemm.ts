// SGEMM kernels (assembly/gemm_f32.ts): float64 references and conformance.
// C (M, N) += op(A)·op(B), row-major with leading dimensions: nn A (M, K) B (K, N); nt B (N, K);
// tn A (K, M). Every case pads the leading dimensions, so reads and writes past a row show up.

import type { KernelContext } from '../wasm/instance';
import type { Random } from '../util/random';
import type { KernelCase, KernelEntry } from './table';
import { maxRelDiff, randomF32 } from './check';

export type GemmOp = 'nn' | 'nt' | 'tn';
export const GEMM_OPS: readonly GemmOp[] = ['nn', 'nt', 'tn'];

/** Rows and columns of A and B as stored for `op`. */
export function gemmStoredShapes(op: GemmOp, M: number, N: number, K: number): { aRows: number; aCols: number; bRows: number; bCols: number } {
  return {
    aRows: op === 'tn' ? K : M, aCols: op === 'tn' ? M : K,
    bRows: op === 'nt' ? N : K, bCols: op === 'nt' ? K : N,
  };
}

/** C + op(A)·op(B) in float64; C is (M, ldc) and its padding columns come back unchanged. */
export function gemmRef(op: GemmOp, M: number, N: number, K: number, A: ArrayLike<number>, lda: number,
  B: ArrayLike<number>, ldb: number, C: ArrayLike<number>, ldc: number): Float64Array {
  const out = Float64Array.from(C);
  const ta = op === 'tn', tb = op === 'nt';
  for (let i = 0; i < M; i++) {
    for (let j = 0; j < N; j++) {
      let s = 0;
      for (let k = 0; k < K; k++) s += A[ta ? k * lda + i : i * lda + k]! * B[tb ? j * ldb + k : k * ldb + j]!;
      out[i * ldc + j]! += s;
    }
  }
  return out;
}

/** Every row of C set to b; padding columns unchanged. */
export function biasRowsRef(C: ArrayLike<number>, ldc: number, rows: number, cols: number, b: ArrayLike<number>): Float64Array {
  const out = Float64Array.from(C);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[i * ldc + j] = b[j]!;
  return out;
}

/** Words written after the scratch region, to catch a kernel that uses more than it asked for. */
export const SCRATCH_CANARY_WORDS = 64;
const CANARY = 0x7fc0dead;

/** Scratch of gemm_f32_scratch_bytes(M, N, K) bytes followed by canary words; `intact()` checks them. */
export function scratchWithCanary({ arena, k }: KernelContext, M: number, N: number, K: number): { ptr: number; bytes: number; intact(): boolean } {
  const bytes = k.gemm_f32_scratch_bytes!(M, N, K);
  const ptr = arena.alloc(bytes + 4 * SCRATCH_CANARY_WORDS);
  arena.i32(ptr + bytes, SCRATCH_CANARY_WORDS).fill(CANARY);
  return { ptr, bytes, intact: () => arena.i32(ptr + bytes, SCRATCH_CANARY_WORDS).every((w) => w === CANARY) };
}

/** One random product on the kernel against the reference; leading dimensions are the widths + pad. */
export function gemmCase(ctx: KernelContext, rng: Random, op: GemmOp, M: number, N: number, K: number, pad = 3): KernelCase {
  const { arena, k } = ctx;
  const s = gemmStoredShapes(op, M, N, K);
  const lda = s.aCols + pad, ldb = s.bCols + pad, ldc = N + pad;
  const A = randomF32(rng, s.aRows * lda), B = randomF32(rng, s.bRows * ldb), C = randomF32(rng, M * ldc);
  const pa = arena.putF32(A), pb = arena.putF32(B), pc = arena.putF32(C);
  const scratch = scratchWithCanary(ctx, M, N, K);
  k[`gemm_f32_${op}`]!(M, N, K, pa, lda, pb, ldb, pc, ldc, scratch.ptr);
  const diff = maxRelDiff(arena.f32(pc, M * ldc), gemmRef(op, M, N, K, A, lda, B, ldb, C, ldc));
  return { shape: `${op} ${M}x${N}x${K}`, maxRelDiff: scratch.intact() ? diff : Infinity };
}

/** Empty edges, odd sizes around the 4x8 tile, the thin-product paths (M <= 16, N <= 16), MNIST
 *  layer shapes, and products that cross the cache blocks (MC 128, NC 512, KC 256) on the packed
 *  path (for nt that needs M > 1.5 K or a B larger than L2, else it runs as dot products). */
export const GEMM_SHAPES: readonly (readonly [number, number, number])[] = [
  [0, 5, 7], [5, 0, 7], [5, 7, 0], [1, 1, 1], [3, 5, 17], [17, 3, 5], [4, 8, 16], [5, 17, 33],
  [9, 23, 31], [16, 40, 50], [17, 41, 50], [1, 200, 783], [33, 10, 200], [64, 64, 64], [37, 45, 300],
  [130, 520, 260], [130, 520, 80], [400, 40, 260],
];

function gemmEntry(op: GemmOp): KernelEntry {
  return {
    op: `gemm_${op}`, name: `gemm_f32_${op}`, family: 'gemm_f32',
    // float32 sums of up to 783 products in [-1, 1]: about 5e-6 absolute, which maxRelDiff measures
    // against 1e-3 of the output's scale where sums cancel; measured worst 2.5e-4 (tn 400x40x260).
    tolerance: 5e-4,
    conformance: (ctx, rng) => GEMM_SHAPES.map(([M, N, K]) => gemmCase(ctx, rng, op, M, N, K)),
  };
}

/** The most scratch any size may ask for: the cache-sized panels, KC·NC + MC·KC floats and a tile. */
export const GEMM_SCRATCH_MAX_BYTES = (256 * 512 + 128 * 256 + 32) * 4;

export const gemmKernels: KernelEntry[] = [
  gemmEntry('nn'),
  gemmEntry('nt'),
  gemmEntry('tn'),
  {
    // No float reference for a size: the check is that every op, given exactly this many bytes,
    // writes nothing past them, and that the request stays cache-sized however large the product.
    op: 'gemm_scratch_bytes', name: 'gemm_f32_scratch_bytes', family: 'gemm_f32', tolerance: 0,
    conformance(ctx, rng) {
      const cases = GEMM_SHAPES.flatMap(([M, N, K]) => GEMM_OPS.map((op) => gemmCase(ctx, rng, op, M, N, K, 0)));
      const big = [[4096, 4096, 4096], [100_000, 10, 784], [1, 100_000, 3]].map(([M, N, K]) => {
        const bytes = ctx.k.gemm_f32_scratch_bytes!(M!, N!, K!);
        return { shape: `bytes ${M}x${N}x${K}`, maxRelDiff: bytes >= 0 && bytes <= GEMM_SCRATCH_MAX_BYTES && bytes % 16 === 0 ? 0 : Infinity };
      });
      // The scratch check is the pass/fail part here; the product's accuracy is the gemm entries' job.
      return [...cases.map((c) => ({ shape: `scratch ${c.shape}`, maxRelDiff: c.maxRelDiff === Infinity ? Infinity : 0 })), ...big];
    },
  },
  {
    op: 'bias_rows', name: 'bias_rows_f32', family: 'gemm_f32', tolerance: 0,
    conformance({ arena, k }, rng) {
      return [[0, 5], [3, 0], [1, 1], [3, 5], [17, 200], [32, 10], [5, 783]].map(([rows, cols]) => {
        const ldc = cols! + 3;
        const C = randomF32(rng, rows! * ldc), b = randomF32(rng, cols!);
        const pc = arena.putF32(C);
        k.bias_rows_f32!(pc, ldc, rows!, cols!, arena.putF32(b));
        return { shape: `${rows}x${cols}`, maxRelDiff: maxRelDiff(arena.f32(pc, rows! * ldc), biasRowsRef(C, ldc, rows!, cols!, b)) };
      });
    },
  },
];
