// SGEMM GFLOP/s: 1024³ for each product (nn, nt, tn) on one thread and on two workers splitting
// C's rows, and the MNIST forward layers (nt, batch x in · (out x in)ᵀ), each against a plain-TS
// Float32Array loop measured in the same run. Standalone:
//   node --experimental-wasm-relaxed-simd --import tsx bench/sgemm.ts
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { loadavg } from 'node:os';
import { createKernelContext } from '../src/wasm/instance';
import { withPool } from '../src/parallel/pool';
import { buildSupported, runtimeInfo, type BuildName } from '../src/wasm/runtime';
import { GEMM_OPS, gemmStoredShapes, type GemmOp } from '../src/kernels/gemm';
import { randomF32 } from '../src/kernels/check';
import { Random } from '../src/util/random';
import { median } from './report';

type Log = (obj: Record<string, unknown>) => void;

const REPEATS = 5;
const SIZE = 1024;
/** The TS loop runs at about 1 GFLOP/s, so on 1024³ it would take seconds per repeat: it is timed
 *  on the first TS_ROWS rows of C only (same N and K, so the same inner loops), and its GFLOP/s is
 *  compared with the kernel's on the full product. */
const TS_ROWS = 64;
const MNIST_LAYERS = [[784, 200], [200, 200], [200, 10]] as const;
const MNIST_BATCHES = [1, 32, 128, 256] as const;

// Plain-TS baselines, each in its cache-friendly loop order (i-k-j for nn and tn, row dot products
// for nt), so the ratio is against a reasonable loop rather than the naive i-j-k one.
function tsNN(M: number, N: number, K: number, A: Float32Array, lda: number, B: Float32Array, ldb: number, C: Float32Array, ldc: number): void {
  for (let i = 0; i < M; i++) {
    for (let k = 0; k < K; k++) {
      const a = A[i * lda + k]!, bo = k * ldb, co = i * ldc;
      for (let j = 0; j < N; j++) C[co + j]! += a * B[bo + j]!;
    }
  }
}
function tsNT(M: number, N: number, K: number, A: Float32Array, lda: number, B: Float32Array, ldb: number, C: Float32Array, ldc: number): void {
  for (let i = 0; i < M; i++) {
    for (let j = 0; j < N; j++) {
      let s = 0;
      const ao = i * lda, bo = j * ldb;
      for (let k = 0; k < K; k++) s += A[ao + k]! * B[bo + k]!;
      C[i * ldc + j]! += s;
    }
  }
}
function tsTN(M: number, N: number, K: number, A: Float32Array, lda: number, B: Float32Array, ldb: number, C: Float32Array, ldc: number): void {
  for (let i = 0; i < M; i++) {
    for (let k = 0; k < K; k++) {
      const a = A[k * lda + i]!, bo = k * ldb, co = i * ldc;
      for (let j = 0; j < N; j++) C[co + j]! += a * B[bo + j]!;
    }
  }
}
const TS_GEMM = { nn: tsNN, nt: tsNT, tn: tsTN };

/** Seconds per call of fn over `reps` calls (awaited only when it returns a promise: a microtask
 *  per call would weigh on the 15 µs batch-1 products). */
async function seconds(fn: () => unknown, reps = 1): Promise<number> {
  const t = performance.now();
  for (let r = 0; r < reps; r++) {
    const v = fn();
    if (v instanceof Promise) await v;
  }
  return (performance.now() - t) / 1000 / reps;
}

/** Median GFLOP/s of kernel and TS baseline over REPEATS samples taken alternately. */
async function alternate(kernel: () => unknown, kernelFlop: number, kernelReps: number, ts: () => void, tsFlop: number, tsReps: number): Promise<{ gflops: number; ts: number }> {
  const k: number[] = [], t: number[] = [];
  for (let r = 0; r < REPEATS; r++) {
    k.push(kernelFlop / (await seconds(kernel, kernelReps)) / 1e9);
    t.push(tsFlop / (await seconds(ts, tsReps)) / 1e9);
  }
  return { gflops: median(k), ts: median(t) };
}

interface Operands { op: GemmOp; M: number; N: number; K: number; A: Float32Array; B: Float32Array; lda: number; ldb: number }

function operands(rng: Random, op: GemmOp, M: number, N: number, K: number): Operands {
  const s = gemmStoredShapes(op, M, N, K);
  return { op, M, N, K, A: randomF32(rng, s.aRows * s.aCols), B: randomF32(rng, s.bRows * s.bCols), lda: s.aCols, ldb: s.bCols };
}

/** Kernel arguments for rows [r0, r1) of C: A moves by rows (nn, nt) or by columns (tn). */
function rowArgs(o: Operands, pa: number, pb: number, pc: number, scratch: number, r0: number, r1: number): number[] {
  const aOff = o.op === 'tn' ? 4 * r0 : 4 * r0 * o.lda;
  return [r1 - r0, o.N, o.K, pa + aOff, o.lda, pb, o.ldb, pc + 4 * r0 * o.N, o.N, scratch];
}

function tsBaseline(o: Operands, rows: number): () => void {
  const C = new Float32Array(rows * o.N);
  return () => TS_GEMM[o.op](rows, o.N, o.K, o.A, o.lda, o.B, o.ldb, C, o.N);
}

async function bench1024(log: Log, build: BuildName, threads: number, rng: Random): Promise<void> {
  const ctx = await createKernelContext(build, 20 << 20);
  const { arena, k } = ctx;
  for (const op of GEMM_OPS) {
    arena.reset();
    const o = operands(rng, op, SIZE, SIZE, SIZE);
    const pa = arena.putF32(o.A), pb = arena.putF32(o.B), pc = arena.alloc(4 * SIZE * SIZE);
    const rows = SIZE / threads;
    const scratch = Array.from({ length: threads }, () => arena.alloc(k.gemm_f32_scratch_bytes!(rows, SIZE, SIZE)));
    const calls = scratch.map((s, w) => rowArgs(o, pa, pb, pc, s, w * rows, (w + 1) * rows));
    const flop = 2 * SIZE ** 3, ts = tsBaseline(o, TS_ROWS), tsFlop = 2 * TS_ROWS * SIZE * SIZE;
    let r;
    if (threads === 1) {
      const run = () => k[`gemm_f32_${op}`]!(...calls[0]!);
      run(); // V8 compiles the module lazily and tiers it up while this first call runs
      r = await alternate(run, flop, 1, ts, tsFlop, 1);
    } else {
      r = await withPool({ size: threads, build, memory: ctx.memory }, async (pool) => {
        const run = () => pool.runAll('kernel', calls.map((c) => ({ name: `gemm_f32_${op}`, calls: [c] })));
        await run();
        return alternate(run, flop, 1, ts, tsFlop, 1);
      });
    }
    log({ case: 'sgemm_1024', op, threads, build, gflops: round(r.gflops), ratio_vs_ts: round(r.gflops / r.ts), ts_gflops: round(r.ts) });
  }
}

async function benchMnist(log: Log, build: BuildName, rng: Random): Promise<void> {
  const ctx = await createKernelContext(build, 8 << 20);
  const { arena, k } = ctx;
  for (const [inputs, outputs] of MNIST_LAYERS) {
    for (const batch of MNIST_BATCHES) {
      arena.reset();
      // forward: C (batch, out) += X (batch, in) · W (out, in)ᵀ
      const o = operands(rng, 'nt', batch, outputs, inputs);
      const pa = arena.putF32(o.A), pb = arena.putF32(o.B), pc = arena.alloc(4 * batch * outputs);
      const args = rowArgs(o, pa, pb, pc, arena.alloc(k.gemm_f32_scratch_bytes!(batch, outputs, inputs)), 0, batch);
      const flop = 2 * batch * inputs * outputs;
      // Samples of about 10 ms for the kernel and 30 ms for the TS loop.
      const kReps = Math.max(1, Math.round(4e8 / flop)), tReps = Math.max(1, Math.round(3e7 / flop));
      const run = () => k.gemm_f32_nt!(...args);
      for (let w = 0; w < kReps; w++) run();
      const r = await alternate(run, flop, kReps, tsBaseline(o, batch), flop, tReps);
      log({ case: 'sgemm_mnist', shape: `${inputs}x${outputs}`, batch, op: 'nt', threads: 1, build, gflops: round(r.gflops), ratio_vs_ts: round(r.gflops / r.ts), ts_gflops: round(r.ts) });
    }
  }
}

const round = (x: number) => Number(x.toPrecision(4));

/** How many cores two threads actually get right now: a plain-JS integer loop on one worker, then
 *  on two at once. The machine is shared, so this is logged beside the threads:2 figures. */
async function coresAvailable(): Promise<number> {
  const src = `const { parentPort } = require('node:worker_threads');
    parentPort.on('message', (n) => { let x = 0; for (let i = 0; i < n; i++) x = (x + i * 7) % 1000003; parentPort.postMessage(x); });`;
  const workers = [0, 1].map(() => new Worker(src, { eval: true }));
  try {
    const spin = (w: Worker, n: number) => new Promise((resolve) => { w.once('message', resolve); w.postMessage(n); });
    await Promise.all(workers.map((w) => spin(w, 1e6)));
    const n = 4e7;
    let t = performance.now();
    await spin(workers[0]!, n);
    const one = performance.now() - t;
    t = performance.now();
    await Promise.all(workers.map((w) => spin(w, n)));
    return (2 * one) / (performance.now() - t);
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

export async function run(log: Log): Promise<void> {
  const info = await runtimeInfo();
  const rng = new Random(1024);
  const relaxed = buildSupported('relaxed-mt', info);
  if (!relaxed) log({ case: 'sgemm_note', note: 'relaxed-mt not loadable here (Node 20 needs --experimental-wasm-relaxed-simd): its lines are skipped' });
  await bench1024(log, 'simd-st', 1, rng);
  if (relaxed) await bench1024(log, 'relaxed-mt', 1, rng);
  if (info.threads) {
    const env = async (when: string) => log({ case: 'sgemm_env', when, cores_available: round(await coresAvailable()), loadavg_1m: round(loadavg()[0]!) });
    await env('before threads:2');
    await bench1024(log, 'simd-mt', 2, rng);
    if (relaxed) await bench1024(log, 'relaxed-mt', 2, rng);
    await env('after threads:2');
  }
  await benchMnist(log, 'simd-st', rng);
  if (relaxed) await benchMnist(log, 'relaxed-mt', rng);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await run((obj) => console.log(JSON.stringify(obj)));
}
