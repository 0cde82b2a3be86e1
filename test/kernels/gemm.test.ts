// SGEMM beyond table conformance: padding never read or written, empty products, accumulation,
// every tile and cache-block boundary, agreement between builds, and a row split over workers.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { BUILDS, buildSupported, runtimeInfo } from '../../src/wasm/runtime';
import { createKernelContext, type KernelContext } from '../../src/wasm/instance';
import { withPool } from '../../src/parallel/pool';
import { GEMM_OPS, GEMM_SCRATCH_MAX_BYTES, biasRowsRef, gemmCase, gemmRef, gemmStoredShapes, scratchWithCanary, type GemmOp } from '../../src/kernels/gemm';
import { maxRelDiff, randomF32 } from '../../src/kernels/check';
import { Random } from '../../src/util/random';

const info = await runtimeInfo();
const builds = BUILDS.filter((b) => buildSupported(b, info));
const contexts = new Map<string, KernelContext>();
for (const b of builds) contexts.set(b, await createKernelContext(b, 16 << 20));
const TOL = 5e-4; // as in the kernel table: float32 sums measured against 1e-3 of the output scale

interface Problem { op: GemmOp; M: number; N: number; K: number; lda: number; ldb: number; ldc: number; A: Float32Array; B: Float32Array; C: Float32Array }

/** Random operands whose padding (leading dimension minus width) holds `padValue`. */
function problem(rng: Random, op: GemmOp, M: number, N: number, K: number, pad = 5, padValue = NaN): Problem {
  const s = gemmStoredShapes(op, M, N, K);
  const lda = s.aCols + pad, ldb = s.bCols + pad, ldc = N + pad;
  const fill = (rows: number, cols: number, ld: number) => {
    const m = randomF32(rng, rows * ld);
    for (let r = 0; r < rows; r++) m.fill(padValue, r * ld + cols, (r + 1) * ld);
    return m;
  };
  return { op, M, N, K, lda, ldb, ldc, A: fill(s.aRows, s.aCols, lda), B: fill(s.bRows, s.bCols, ldb), C: fill(M, N, ldc) };
}

/** Run the product on a build; returns the whole of C (padding included) as the kernel left it. */
function runOn(ctx: KernelContext, p: Problem, times = 1): Float32Array {
  const { arena, k } = ctx;
  const mark = arena.mark();
  const pa = arena.putF32(p.A), pb = arena.putF32(p.B), pc = arena.putF32(p.C);
  const scratch = scratchWithCanary(ctx, p.M, p.N, p.K);
  for (let t = 0; t < times; t++) k[`gemm_f32_${p.op}`]!(p.M, p.N, p.K, pa, p.lda, pb, p.ldb, pc, p.ldc, scratch.ptr);
  assert.ok(scratch.intact(), `${p.op} ${p.M}x${p.N}x${p.K} wrote past its scratch`);
  const out = arena.f32(pc, p.C.length).slice();
  arena.reset(mark);
  return out;
}

const ref = (p: Problem, C: ArrayLike<number> = p.C) => gemmRef(p.op, p.M, p.N, p.K, p.A, p.lda, p.B, p.ldb, C, p.ldc);
const sameBits = (a: Float32Array, b: Float32Array) => a.length === b.length && Buffer.compare(Buffer.from(a.buffer, a.byteOffset, a.byteLength), Buffer.from(b.buffer, b.byteOffset, b.byteLength)) === 0;

/** C's entries outside the M x N product (the padding columns). */
function padding(p: Problem, C: Float32Array): number[] {
  const out: number[] = [];
  for (let i = 0; i < p.M; i++) for (let j = p.N; j < p.ldc; j++) out.push(C[i * p.ldc + j]!);
  return out;
}

// One shape per code path: dot products (nt: M <= 8, N <= 16, or B in L2 and M <= 1.5 K),
// in-place B (nn/tn: M <= 16, or M <= 128 with B in L2), packed with ragged tiles, and products
// crossing the MC, NC and KC blocks (nt on the packed path for the last two).
const PATH_SHAPES = [[1, 200, 784], [5, 17, 33], [33, 10, 200], [12, 45, 70], [37, 45, 300], [130, 520, 260], [130, 520, 80], [400, 40, 260]] as const;

test('NaN in the padding of A, B and C is never read, and C\'s padding is never written', () => {
  const rng = new Random(1);
  for (const [build, ctx] of contexts) {
    for (const op of GEMM_OPS) {
      for (const [M, N, K] of PATH_SHAPES) {
        const p = problem(rng, op, M, N, K);
        const C = runOn(ctx, p);
        assert.ok(padding(p, C).every(Number.isNaN), `${build} ${op} ${M}x${N}x${K}: padding of C was written`);
        const d = maxRelDiff(C.filter((_, i) => i % p.ldc < N), ref(p).filter((_, i) => i % p.ldc < N));
        assert.ok(d <= TOL, `${build} ${op} ${M}x${N}x${K}: max rel diff ${d} (NaN means padding was read)`);
      }
    }
  }
});

test('an empty product (M, N or K zero) leaves C bit-identical', () => {
  const rng = new Random(2);
  for (const [build, ctx] of contexts) {
    for (const op of GEMM_OPS) {
      for (const [M, N, K] of [[0, 9, 9], [9, 0, 9], [9, 9, 0], [0, 0, 0]] as const) {
        const p = problem(rng, op, M, N, K, 2, 7);
        assert.ok(sameBits(runOn(ctx, p), p.C), `${build} ${op} ${M}x${N}x${K} changed C`);
        assert.is(ctx.k.gemm_f32_scratch_bytes!(M, N, K), 0, 'an empty product needs no scratch');
      }
    }
  }
});

test('C accumulates: two calls add the product twice', () => {
  const rng = new Random(3);
  for (const [build, ctx] of contexts) {
    for (const op of GEMM_OPS) {
      for (const [M, N, K] of [[3, 7, 20], [37, 45, 300]] as const) {
        const p = problem(rng, op, M, N, K, 1, 0);
        const d = maxRelDiff(runOn(ctx, p, 2), ref(p, ref(p)));
        assert.ok(d <= TOL, `${build} ${op} ${M}x${N}x${K}: ${d}`);
      }
    }
  }
});

test('sizes on both sides of every tile, path and cache-block boundary match the reference', () => {
  const rng = new Random(4);
  const ctx = contexts.get('simd-st')!;
  // MR 4, NR 8; nt dot path M <= 8 / N <= 16 / K >= 16, or N·K <= 192 Ki and 2M <= 3K;
  // in-place B M <= 16, or M <= 128 with N·K <= 192 Ki; MC 128, NC 512, KC 256
  const shapes = [
    [3, 7, 1], [4, 8, 2], [5, 9, 3], [8, 17, 15], [8, 17, 16], [9, 16, 16], [9, 17, 17],
    [16, 24, 40], [17, 23, 41], [127, 9, 255], [128, 8, 256], [129, 7, 257], [6, 511, 20], [6, 513, 20], [129, 513, 257],
    [129, 513, 85], [387, 40, 257], [386, 41, 257], [100, 600, 400], // nt: packed, packed, dot, B over L2
    [128, 40, 50], [129, 40, 50], [40, 1023, 20], // nn/tn: B in place up to 128 rows, unless rows 4 KiB apart
  ] as const;
  for (const op of GEMM_OPS) {
    for (const [M, N, K] of shapes) {
      const c = gemmCase(ctx, rng, op, M, N, K, 1);
      assert.ok(c.maxRelDiff <= TOL, `${c.shape}: ${c.maxRelDiff}`);
    }
  }
  ctx.arena.reset();
});

test('single rows and columns with leading dimensions equal to the widths match the reference', () => {
  const rng = new Random(8);
  for (const [build, ctx] of contexts) {
    for (const op of GEMM_OPS) {
      for (const [M, N, K] of [[5, 1, 7], [1, 5, 7], [5, 7, 1], [1, 1, 9], [9, 1, 40], [1, 40, 9]] as const) {
        const c = gemmCase(ctx, rng, op, M, N, K, 0);
        assert.ok(c.maxRelDiff <= TOL, `${build} ${c.shape}: ${c.maxRelDiff}`);
      }
    }
    ctx.arena.reset();
  }
});

test('every build agrees with simd-st: simd-mt bit for bit, relaxed and scalar within tolerance', () => {
  const rng = new Random(5);
  for (const op of GEMM_OPS) {
    for (const [M, N, K] of PATH_SHAPES) {
      const p = problem(rng, op, M, N, K, 2, 0);
      const base = runOn(contexts.get('simd-st')!, p);
      for (const [build, ctx] of contexts) {
        const C = runOn(ctx, p);
        if (build === 'simd-mt') assert.ok(sameBits(C, base), `simd-mt ${op} ${M}x${N}x${K} differs from simd-st`);
        else assert.ok(maxRelDiff(C, base) <= TOL, `${build} ${op} ${M}x${N}x${K}: ${maxRelDiff(C, base)}`);
      }
    }
  }
});

test('the scratch request stays cache-sized however large the product', () => {
  const { k } = contexts.get('simd-st')!;
  for (const [M, N, K] of [[1, 1, 1], [64, 64, 64], [1024, 1024, 1024], [65536, 65536, 65536], [256, 10, 784]] as const) {
    const bytes = k.gemm_f32_scratch_bytes!(M, N, K);
    assert.ok(bytes > 0 && bytes <= GEMM_SCRATCH_MAX_BYTES, `${M}x${N}x${K}: ${bytes} bytes`);
  }
  // the scalar build packs nothing
  if (contexts.has('scalar-st')) assert.is(contexts.get('scalar-st')!.k.gemm_f32_scratch_bytes!(64, 64, 64), 0);
});

test('bias_rows then nt gives a forward layer X·Wᵀ + b', () => {
  const rng = new Random(6);
  const { arena, k } = contexts.get('simd-st')!;
  const batch = 7, inputs = 33, outputs = 10;
  const X = randomF32(rng, batch * inputs), W = randomF32(rng, outputs * inputs), b = randomF32(rng, outputs);
  const pc = arena.alloc(4 * batch * outputs);
  k.bias_rows_f32!(pc, outputs, batch, outputs, arena.putF32(b));
  k.gemm_f32_nt!(batch, outputs, inputs, arena.putF32(X), inputs, arena.putF32(W), inputs, pc, outputs, arena.alloc(k.gemm_f32_scratch_bytes!(batch, outputs, inputs)));
  const expected = gemmRef('nt', batch, outputs, inputs, X, inputs, W, inputs, biasRowsRef(new Float64Array(batch * outputs), outputs, batch, outputs, b), outputs);
  assert.ok(maxRelDiff(arena.f32(pc, batch * outputs), expected) <= TOL);
  arena.reset();
});

test('the debug build names the kernel when a leading dimension is smaller than its row', async () => {
  const { k } = await createKernelContext('debug');
  try {
    k.gemm_f32_nt!(4, 4, 8, 2048, 7, 4096, 8, 8192, 4, 16384);
    assert.unreachable('expected an abort');
  } catch (e) {
    assert.match(String((e as Error).message), /gemm_f32_nt: a leading dimension is smaller than its row/);
  }
});

test('rows of C split over two workers give bit for bit the single-thread result', async () => {
  const build = builds.includes('relaxed-mt') ? 'relaxed-mt' : 'simd-mt';
  const ctx = contexts.get(build)!;
  const { arena, k, memory } = ctx;
  const rng = new Random(7);
  // 2 x 40 rows: each half takes the same path as the whole (packed for nn and tn, dot products
  // for nt) with rows in whole 4-row tiles, so every sum is formed in the same order.
  const M = 80, N = 70, K = 300;
  await withPool({ size: 2, build, memory }, async (pool) => {
    for (const op of GEMM_OPS) {
      const p = problem(rng, op, M, N, K, 3, 0);
      const whole = runOn(ctx, p);
      const pa = arena.putF32(p.A), pb = arena.putF32(p.B), pc = arena.putF32(p.C);
      const half = M / 2, aStep = op === 'tn' ? 4 * half : 4 * half * p.lda;
      const calls = [0, 1].map((w) => ({
        name: `gemm_f32_${op}`,
        calls: [[half, N, K, pa + w * aStep, p.lda, pb, p.ldb, pc + 4 * w * half * p.ldc, p.ldc, arena.alloc(k.gemm_f32_scratch_bytes!(half, N, K))]],
      }));
      await pool.runAll('kernel', calls);
      assert.ok(sameBits(arena.f32(pc, p.C.length).slice(), whole), `${op}: the split result differs`);
    }
  });
  arena.reset();
});

test.run();
