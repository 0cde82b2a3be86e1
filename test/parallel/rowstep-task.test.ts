// The benchmark's per-row training step (src/parallel/rowstep-task.ts): on one thread it equals the
// float64 reference step of h2o-training.md §3.5/§4.1/§4.2 built from src/kernels/rowstep.ts, and as
// a worker task two workers train one set of shared weights (HOGWILD!).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createKernelContext } from '../../src/wasm/instance';
import { Arena, createMemory } from '../../src/wasm/memory';
import { kernelModule } from '../../src/wasm/runtime';
import { instantiateKernels } from '../../src/wasm/instance';
import { withPool } from '../../src/parallel/pool';
import { runRowstep, rowstepScratchBytes, type RowstepJob } from '../../src/parallel/rowstep-task';
import { maxRelDiff, sparseF32 } from '../../src/kernels/check';
import * as R from '../../src/kernels/rowstep';
import { Random } from '../../src/util/random';

const SIZES = [19, 8, 6, 3];
const RHO = Math.fround(0.99), EPS = Math.fround(1e-8);

/** Weights, biases, rows (≈ 60 % zeros, like image margins) and labels. */
function problem(rows: number) {
  const rng = new Random(21);
  const W = SIZES.slice(1).map((out, l) => Float32Array.from({ length: out * SIZES[l]! }, () => rng.nextDouble() - 0.5));
  const b = SIZES.slice(1).map((out, l) => new Float32Array(out).fill(l === SIZES.length - 2 ? 0 : 0.5));
  const x = sparseF32(rng, rows * SIZES[0]!, 0.6, 0, 1);
  const y = Int32Array.from({ length: rows }, () => rng.nextInt(SIZES.at(-1)!));
  return { W, b, x, y };
}

function place(arena: Arena, p: ReturnType<typeof problem>, workers: number) {
  const z = (n: number) => arena.putF32(new Float32Array(n));
  const layers = p.W.map((w, l) => ({ W: arena.putF32(w), b: arena.putF32(p.b[l]!), Ex: z(w.length), Eg: z(w.length), Exb: z(p.b[l]!.length), Egb: z(p.b[l]!.length) }));
  const rows = arena.putF32(p.x), labels = arena.putI32(p.y);
  const scratch = Array.from({ length: workers }, () => arena.alloc(rowstepScratchBytes(SIZES)));
  return (w: number, first: number, count: number, sparseHidden: boolean): RowstepJob =>
    ({ sizes: SIZES, layers, rows, labels, rowCount: p.y.length, first, count, scratch: scratch[w]!, rho: RHO, epsilon: EPS, sparseHidden });
}

/** The same rows through the float64 reference: ReLU hidden layers, softmax CrossEntropy, fast_mode. */
function referenceTrain(p: ReturnType<typeof problem>, rows: number) {
  const L = SIZES.length - 1;
  const st = p.W.map((w, l) => ({ W: Float64Array.from(w), b: Float64Array.from(p.b[l]!), Ex: new Float64Array(w.length), Eg: new Float64Array(w.length), Exb: new Float64Array(SIZES[l + 1]!), Egb: new Float64Array(SIZES[l + 1]!) }));
  for (let r = 0; r < rows; r++) {
    const a: Float64Array[] = [Float64Array.from(p.x.subarray(r * SIZES[0]!, (r + 1) * SIZES[0]!))];
    for (let l = 1; l <= L; l++) {
      const z = R.gemvRef(SIZES[l]!, SIZES[l - 1]!, st[l - 1]!.W, st[l - 1]!.b, a[l - 1]!);
      a.push(l < L ? z.map((v) => Math.max(0, v)) : z);
    }
    const z = a[L]!, max = Math.max(...z), ez = z.map((v) => Math.exp(v - max)), s = ez.reduce((t, v) => t + v, 0);
    let delta = ez.map((v, k) => v / s - (k === p.y[r] ? 1 : 0));
    for (let l = L; l >= 1; l--) {
      const e = l > 1 ? new Float64Array(SIZES[l - 1]!) : null;
      R.bpropRef(SIZES[l]!, SIZES[l - 1]!, st[l - 1]!.W, st[l - 1]!.b, delta, a[l - 1]!, e,
        { l1: 0, l2: 0, maxW2: R.FLT_MAX, skipZeroDelta: true, skipZeroInput: true }, R.adadeltaUpdater(st[l - 1]!, RHO, EPS));
      if (e) delta = e.map((v, i) => (a[l - 1]![i]! > 0 ? v : 0));
    }
  }
  return st;
}

for (const sparseHidden of [false, true]) {
  test(`ten rows of the Wasm step equal the float64 reference step (sparseHidden=${sparseHidden})`, async () => {
    const p = problem(10);
    const ctx = await createKernelContext('simd-st');
    const job = place(ctx.arena, p, 1)(0, 0, 10, sparseHidden);
    assert.is(runRowstep(ctx.k, ctx.memory, job), 10);
    const ref = referenceTrain(p, 10);
    ref.forEach((r, l) => {
      const n = r.W.length, m = r.b.length, got = job.layers[l]!;
      // Ten steps of float32 arithmetic against float64 (see src/kernels/rowstep-table.ts): 1e-4.
      for (const [ptr, want, name] of [[got.W, r.W, 'W'], [got.b, r.b, 'b'], [got.Ex, r.Ex, 'Ex'], [got.Eg, r.Eg, 'Eg'], [got.Egb, r.Egb, 'Egb']] as const) {
        const d = maxRelDiff(ctx.arena.f32(ptr, name.endsWith('b') ? m : n), want);
        assert.ok(d < 1e-4, `layer ${l + 1} ${name}: max rel diff ${d}`);
      }
    });
  });
}

test('two workers train one set of shared weights (HOGWILD!), each on its own rows', async () => {
  const p = problem(64);
  const memory = createMemory(1 << 20, true);
  const k = await instantiateKernels(await kernelModule('simd-mt'), memory, 'simd-mt');
  const arena = new Arena(memory, k.heap_base());
  const job = place(arena, p, 2);
  const before = arena.f32(job(0, 0, 0, false).layers[0]!.W, p.W[0]!.length).slice();
  const ms = await withPool({ size: 2, build: 'simd-mt', memory }, (pool) =>
    pool.runAll<number>('rowstep', [job(0, 0, 32, false), job(1, 32, 32, false)]));
  assert.is(ms.length, 2);
  assert.ok(ms.every((t) => t >= 0));
  const after = arena.f32(job(0, 0, 0, false).layers[0]!.W, p.W[0]!.length);
  assert.ok(after.some((w, i) => w !== before[i]), 'the shared first-layer weights were trained');
  assert.ok(after.every(Number.isFinite));
});

test.run();
