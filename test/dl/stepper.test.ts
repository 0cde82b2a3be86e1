// The Wasm training step composed from kernels against the float64 reference network: one per-row
// SGD step moves every parameter by −rate·∂E/∂θ, one mini-batch step by −rate·mean(∂E/∂θ), an
// ADADELTA step as the formula says, and the scoring pass equals the reference forward pass.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { layoutNetwork, type Activation, type NetworkSpec, type ParamLayout } from '../../src/dl/network';
import { initializeParameters } from '../../src/dl/init';
import { forwardRef, gradientRef, type Objective, type Row } from '../../src/dl/reference';
import { Stepper, type StepConfig } from '../../src/dl/stepper';
import { DISTRIBUTION_CODE, type RegressionDistribution } from '../../src/dl/distribution';
import { chunkViews, type RowChunk } from '../../src/data/training-rows';
import { createKernelContext } from '../../src/wasm/instance';
import { maxRelDiff } from '../../src/kernels/check';
import { Random } from '../../src/util/random';

const N0 = 7;

function makeChunk(rows: Row[]): RowChunk {
  const layout = { nNum: N0, nCat: 0, n0: N0, numOffset: 0 };
  const chunk = chunkViews(layout, new ArrayBuffer(4 * (N0 + 4) * rows.length), rows.length);
  rows.forEach((r, i) => {
    chunk.num.set(Array.from(r.x), i * N0);
    chunk.response[i] = r.y; chunk.weight[i] = r.weight ?? 1; chunk.offset[i] = r.offset ?? 0; chunk.row[i] = i;
  });
  return chunk;
}

function config(obj: Objective, over: Partial<StepConfig> = {}): StepConfig {
  return {
    input_dropout_ratio: 0, hidden_dropout_ratios: [], loss: obj.loss, distCode: obj.distribution ? DISTRIBUTION_CODE[obj.distribution] : 0,
    distParam: obj.distributionParam ?? 0, rho: 0.99, epsilon: 1e-8, l1: obj.l1, l2: obj.l2, max_w2: 3.4028235e38, fast_mode: false, nesterov: true, class_ratio: null, ...over,
  };
}

function randomRows(rng: Random, n: number, obj: Objective, classes: number): Row[] {
  return Array.from({ length: n }, () => ({
    x: Array.from({ length: N0 }, () => (rng.nextDouble() < 0.3 ? 0 : Math.fround(rng.nextDouble() * 2 - 1))),
    y: obj.loss === 'deviance' ? (obj.distribution === 'gaussian' || obj.distribution === 'huber' ? Math.fround(rng.nextGaussian()) : rng.nextInt(3) + 0.5) : rng.nextInt(classes),
    weight: Math.fround(0.5 + rng.nextDouble()),
    offset: obj.loss === 'deviance' ? 0.25 : 0,
  }));
}

async function setup(spec: NetworkSpec, batch: number, cfg: StepConfig) {
  const layout = layoutNetwork(spec);
  const ctx = await createKernelContext('simd-st');
  const params = ctx.arena.alloc(4 * layout.totalFloats);
  const theta = ctx.arena.f32(params, layout.totalFloats);
  initializeParameters(layout, theta, { seed: 3, initial_weight_distribution: 'UniformAdaptive', initial_weight_scale: 1 });
  const stepper = new Stepper(ctx.k, ctx.memory, layout, params, ctx.arena.alloc(Stepper.scratchBytes(ctx.k, layout, batch)), batch, cfg);
  return { layout, ctx, params, stepper, view: () => ctx.arena.f32(params, layout.totalFloats) };
}

const paramIndices = (layout: ParamLayout) => layout.layers.flatMap((ly) => [
  ...Array.from({ length: ly.rows * ly.cols }, (_, i) => ly.W + i), ...Array.from({ length: ly.rows }, (_, i) => ly.b + i)]);

const CASES: [string, Objective, number][] = [
  ['softmax CrossEntropy', { loss: 'CrossEntropy', l1: 1e-3, l2: 1e-3 }, 3],
  ['softmax Quadratic', { loss: 'Quadratic', l1: 0, l2: 0 }, 3],
  ...(['gaussian', 'poisson', 'gamma', 'tweedie', 'laplace', 'quantile', 'huber'] as RegressionDistribution[]).map((d): [string, Objective, number] =>
    [`regression ${d}`, { loss: 'deviance', distribution: d, distributionParam: d === 'tweedie' ? 1.5 : d === 'quantile' ? 0.3 : d === 'huber' ? 1 : 0, l1: 1e-4, l2: 1e-3 }, 1]),
];
const ACTS: Activation[] = ['Tanh', 'Rectifier', 'ExpRectifier', 'Maxout'];

for (const activation of ACTS) {
  for (const [name, obj, K] of CASES) {
    test(`per-row SGD step, ${activation}, ${name}: Δθ = −rate·∂E/∂θ`, async () => {
      const spec: NetworkSpec = { units: [N0, 5, 4, K], activation, output: obj.loss === 'deviance' ? 'linear' : 'softmax', optimizer: 'sgd' };
      const { layout, stepper, view } = await setup(spec, 1, config(obj));
      const rng = new Random(activation.length * 7 + name.length);
      const initial = view().slice();
      for (const row of randomRows(rng, 3, obj, K)) {
        view().set(initial); // each row is one exact step from the same start
        const before = Float64Array.from(view());
        const { grad } = gradientRef(layout, before, row, obj);
        // One exact step, scaled so the largest move is 1: float32 rounding of θ + Δθ then cannot blur Δθ.
        const rate = 1 / grad.reduce((m, g) => Math.max(m, Math.abs(g)), 0);
        stepper.trainRows(makeChunk([row]), Int32Array.of(0), 0, 1, { rate, rate_decay: 1, momentum: 0 });
        const after = view();
        const idx = paramIndices(layout);
        const got = idx.map((i) => (after[i]! - before[i]!) / -rate), want = idx.map((i) => grad[i]!);
        assert.ok(maxRelDiff(got, want) < 2e-3, `max rel diff ${maxRelDiff(got, want)}`);
      }
    });
  }
}

test('mini-batch SGD step: Δθ = −rate·mean over the batch of ∂E/∂θ', async () => {
  for (const activation of ACTS) {
    const obj: Objective = { loss: 'CrossEntropy', l1: 1e-3, l2: 1e-3 };
    const { layout, stepper, view } = await setup({ units: [N0, 6, 5, 3], activation, output: 'softmax', optimizer: 'sgd' }, 4, config(obj));
    const rows = randomRows(new Random(9), 4, obj, 3);
    const before = Float64Array.from(view());
    const mean = new Float64Array(layout.totalFloats);
    for (const r of rows) gradientRef(layout, before, r, obj).grad.forEach((g, i) => { mean[i] += g / rows.length; });
    stepper.trainBatches(makeChunk(rows), Int32Array.of(0, 1, 2, 3), 0, 4, { rate: 100, rate_decay: 1, momentum: 0 });
    const idx = paramIndices(layout), after = view();
    const got = idx.map((i) => (after[i]! - before[i]!) / -100), want = idx.map((i) => mean[i]!);
    assert.ok(maxRelDiff(got, want) < 2e-3, `${activation}: max rel diff ${maxRelDiff(got, want)}`);
  }
});

test('manual rate with momentum, per row and mini-batch: the first step from zero velocity is −α·(1 − m)·∂E/∂θ (the (1 − m) once)', async () => {
  const obj: Objective = { loss: 'CrossEntropy', l1: 0, l2: 0 };
  for (const batch of [1, 3]) {
    const { layout, stepper, view } = await setup({ units: [N0, 5, 4, 3], activation: 'Tanh', output: 'softmax', optimizer: 'momentum' }, batch, config(obj));
    const rows = randomRows(new Random(21), batch, obj, 3);
    const before = Float64Array.from(view());
    const mean = new Float64Array(layout.totalFloats);
    for (const r of rows) gradientRef(layout, before, r, obj).grad.forEach((g, i) => { mean[i] += g / rows.length; });
    const alpha = 1 / mean.reduce((m, g) => Math.max(m, Math.abs(g)), 0), m = 0.5;
    const sched = { rate: alpha, rate_decay: 1, momentum: m };
    const idxRows = Int32Array.from({ length: batch }, (_, i) => i);
    if (batch === 1) stepper.trainRows(makeChunk(rows), idxRows, 0, 1, sched);
    else stepper.trainBatches(makeChunk(rows), idxRows, 0, batch, sched);
    const idx = paramIndices(layout), after = view();
    const got = idx.map((i) => (after[i]! - before[i]!) / -(alpha * (1 - m))), want = idx.map((i) => mean[i]!);
    assert.ok(maxRelDiff(got, want) < 2e-3, `batch ${batch}: max rel diff ${maxRelDiff(got, want)}`);
  }
});

test('per-row ADADELTA step from zero accumulators: Δθ = −sqrt(ε/((1−ρ)G²+ε))·G', async () => {
  const obj: Objective = { loss: 'CrossEntropy', l1: 0, l2: 1e-3 };
  const { layout, stepper, view } = await setup({ units: [N0, 5, 4, 3], activation: 'Tanh', output: 'softmax', optimizer: 'adadelta' }, 1, config(obj, { rho: 0.95, epsilon: 1e-6 }));
  const row = randomRows(new Random(4), 1, obj, 3)[0]!;
  const before = Float64Array.from(view());
  const { grad } = gradientRef(layout, before, row, obj);
  stepper.trainRows(makeChunk([row]), Int32Array.of(0), 0, 1, { rate: 0, rate_decay: 1, momentum: 0 });
  const idx = paramIndices(layout), after = view();
  const want = idx.map((i) => { const g = grad[i]!; return -Math.sqrt(1e-6 / (0.05 * g * g + 1e-6)) * g; });
  const got = idx.map((i) => after[i]! - before[i]!);
  assert.ok(maxRelDiff(got, want) < 2e-3, `max rel diff ${maxRelDiff(got, want)}`);
});

test('scoring pass equals the reference forward pass, hidden dropout compensated by (1 − p)', async () => {
  for (const activation of ACTS) {
    const obj: Objective = { loss: 'CrossEntropy', l1: 0, l2: 0 };
    const p = [0.5, 0.2];
    const { layout, stepper, view } = await setup({ units: [N0, 6, 5, 3], activation, output: 'softmax', optimizer: 'adadelta' }, 4, config(obj, { hidden_dropout_ratios: p }));
    const rows = randomRows(new Random(5), 9, obj, 3);
    const out = new Float32Array(9 * 3);
    stepper.scoreRows(makeChunk(rows), [0, 1, 2, 3, 4, 5, 6, 7, 8], out);
    const theta = Float64Array.from(view());
    const want = rows.flatMap((r) => Array.from(forwardRef(layout, theta, { ...r, masks: [undefined, Array(6).fill(1 - p[0]!), Array(5).fill(1 - p[1]!)] }).a[3]!));
    assert.ok(maxRelDiff(out, want) < 1e-4, `${activation}: max rel diff ${maxRelDiff(out, want)}`);
  }
});

test('rows with weight 0 or a missing response are not trained on', async () => {
  const obj: Objective = { loss: 'CrossEntropy', l1: 0, l2: 0 };
  const { stepper, view } = await setup({ units: [N0, 5, 3], activation: 'Rectifier', output: 'softmax', optimizer: 'sgd' }, 1, config(obj));
  const rows = randomRows(new Random(6), 2, obj, 3);
  rows[0]!.weight = 0; rows[1]!.y = NaN;
  const before = view().slice();
  assert.is(stepper.trainRows(makeChunk(rows), Int32Array.of(0, 1), 0, 2, { rate: 0.1, rate_decay: 1, momentum: 0 }), 0);
  assert.equal(Array.from(view()), Array.from(before));
});

test.run();
