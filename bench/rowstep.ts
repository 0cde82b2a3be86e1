// Rows/s of the fused per-row training step (H2O's mini_batch_size 1) exactly as training runs it
// (src/dl/stepper.ts): forward through Rectifier hidden layers, softmax CrossEntropy gradient,
// backward fused with ADADELTA, fast_mode on sparse MNIST input (DESCALE keeps the ~81 % zeros).
// Cases rowstep_w2 ([784,200,200,10]) and rowstep_w1 ([784,32,32,32,10]): one thread on the main
// thread (simd-st, relaxed-mt) and two workers HOGWILD! on one set of shared weights (simd-mt,
// relaxed-mt). ratio_vs_ts compares with a plain-TS Float32Array version of the same step (same
// shortcuts) measured in the same run. Median of REPS timed rounds after a warm-up round; extra
// fields rows_per_cpu_s (rows per second of process CPU time, steadier on a shared machine) and
// load_avg (how busy the machine was).
//
//   node --experimental-wasm-relaxed-simd --import tsx bench/rowstep.ts   (JSON lines)
import { loadavg } from 'node:os';
import { loadMnist } from '../src/frame';
import { DataInfo } from '../src/data/data-info';
import type { DenseRowChunk, PackedRows } from '../src/data/training-rows';
import { createKernelContext } from '../src/wasm/instance';
import { runtimeInfo, buildSupported, type BuildName } from '../src/wasm/runtime';
import { layoutNetwork, type ParamLayout } from '../src/dl/network';
import { initializeParameters } from '../src/dl/init';
import { Stepper, type StepConfig } from '../src/dl/stepper';
import { TrainingJob } from '../src/dl/job';
import type { Piece } from '../src/dl/worker-task';
import { median, type Line } from './report';
import { TsRowstep } from './rowstep-ts';

const NETS = [
  { name: 'rowstep_w2', units: [784, 200, 200, 10], rows: 3000, tsRows: 400 },
  { name: 'rowstep_w1', units: [784, 32, 32, 32, 10], rows: 8000, tsRows: 3000 },
];
const ROWS = 6000; // distinct MNIST rows
const REPS = 5;
const CFG: StepConfig = {
  input_dropout_ratio: 0, hidden_dropout_ratios: [], loss: 'CrossEntropy', distCode: 0, distParam: 0,
  rho: 0.99, epsilon: 1e-8, l1: 0, l2: 0, max_w2: 3.4028235e38, fast_mode: true, nesterov: true, class_ratio: null,
};
const SCHED = { rate: 0, rate_decay: 1, momentum: 0 };

interface Rate { wall: number; cpu: number }

/** Rows per second of wall time and of process CPU time (all threads): medians of REPS after a warm-up. */
async function rate(rows: number, round: (rep: number) => unknown): Promise<Rate> {
  await round(0);
  const wall: number[] = [], cpu: number[] = [];
  for (let rep = 1; rep <= REPS; rep++) {
    const t0 = performance.now(), c0 = process.cpuUsage();
    await round(rep);
    const c = process.cpuUsage(c0);
    wall.push(rows / ((performance.now() - t0) / 1000));
    cpu.push(rows / ((c.user + c.system) / 1e6));
  }
  return { wall: median(wall), cpu: median(cpu) };
}

function line(name: string, threads: number, build: string, r: Rate, ts: Rate): Line {
  return { case: name, threads, build, rows_per_s: Math.round(r.wall), ratio_vs_ts: round2(r.wall / ts.wall), rows_per_cpu_s: Math.round(r.cpu), load_avg: round2(loadavg()[0]!) };
}

/** Rows first..first+count of the (single) chunk, wrapping around. */
function rowList(n: number, first: number, count: number): Int32Array {
  return Int32Array.from({ length: count }, (_, i) => (first + i) % n);
}

function initialWeights(layout: ParamLayout): { W: Float32Array[]; b: Float32Array[] } {
  const theta = new Float32Array(layout.totalFloats);
  initializeParameters(layout, theta, { seed: 42, initial_weight_distribution: 'UniformAdaptive', initial_weight_scale: 1 });
  return { W: layout.layers.map((l) => theta.slice(l.W, l.W + l.rows * l.cols)), b: layout.layers.map((l) => theta.slice(l.b, l.b + l.rows)) };
}

export async function run(log: (line: Line) => void): Promise<void> {
  const { train } = await loadMnist();
  const sample = train.rows(Int32Array.from({ length: ROWS }, (_, i) => i));
  const info = DataInfo.fit(sample, { y: 'C785', sparse: true, distribution: 'multinomial' });
  const packed: PackedRows<DenseRowChunk> = info.packRows(sample, { training: true, chunk_rows: ROWS, sparse: false });
  const chunk = packed.chunks[0]!;
  const rt = await runtimeInfo();
  const can = (b: BuildName) => buildSupported(b, rt);
  for (const net of NETS) {
    const layout = layoutNetwork({ units: net.units, activation: 'Rectifier', output: 'softmax', optimizer: 'adadelta' });
    const ts = new TsRowstep(net.units, initialWeights(layout), CFG.rho, CFG.epsilon);
    const data = { x: chunk.num, y: Int32Array.from(chunk.response) };
    const tsRate = await rate(net.tsRows, (rep) => ts.train(data, rep * net.tsRows, net.tsRows));
    log(line(net.name, 1, 'plain-ts', tsRate, tsRate));

    for (const build of ['simd-st', 'relaxed-mt'] as const) {
      if (!can(build)) continue;
      const ctx = await createKernelContext(build, 4 * layout.totalFloats + (8 << 20));
      const params = ctx.arena.alloc(4 * layout.totalFloats);
      initializeParameters(layout, ctx.arena.f32(params, layout.totalFloats), { seed: 42, initial_weight_distribution: 'UniformAdaptive', initial_weight_scale: 1 });
      const stepper = new Stepper(ctx.k, ctx.memory, layout, params, ctx.arena.alloc(Stepper.scratchBytes(ctx.k, layout, 1)), 1, CFG);
      const r = await rate(net.rows, (rep) => { const rows = rowList(ROWS, rep * net.rows, net.rows); stepper.trainRows(chunk, rows, 0, rows.length, SCHED); });
      log(line(net.name, 1, build, r, tsRate));
    }

    for (const build of ['simd-mt', 'relaxed-mt'] as const) {
      if (!can(build) || !rt.threads) continue;
      const job = await TrainingJob.start({ build, threads: 2, layout, cfg: CFG, batch: 1, reproducible: false, maxScoreRows: 1 });
      try {
        initializeParameters(layout, job.paramView(), { seed: 42, initial_weight_distribution: 'UniformAdaptive', initial_weight_scale: 1 });
        await job.addFrame('train', packed);
        // HOGWILD!: both workers update the same weights, each on its own rows.
        const r = await rate(2 * net.rows, (rep) => job.train('train', [0, 1].map((w): Piece[] => [{ chunk: 0, rows: rowList(ROWS, (2 * rep + w) * net.rows, net.rows) }]), SCHED));
        log(line(net.name, 2, build, r, tsRate));
      } finally {
        await job.close();
      }
    }
  }
}

const round2 = (x: number) => Math.round(x * 100) / 100;

if (import.meta.url === `file://${process.argv[1]}`) {
  await run((line) => console.log(JSON.stringify(line)));
}
