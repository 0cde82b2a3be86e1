// The float64 reference network against finite differences of its own objective (H2O's gradient
// check, h2o-training.md §9: relative error 2|a−b|/(|a|+|b|) under 2e-2), for every activation,
// classification loss and regression distribution.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { layoutNetwork, type Activation } from '../../src/dl/network';
import { initializeParameters } from '../../src/dl/init';
import { gradientRef, objectiveRef, type Objective, type Row } from '../../src/dl/reference';
import type { RegressionDistribution } from '../../src/dl/distribution';
import { Random } from '../../src/util/random';

const ACTIVATIONS: Activation[] = ['Tanh', 'Rectifier', 'ExpRectifier', 'Maxout'];

function check(activation: Activation, obj: Objective, classes: number, rng: Random, y: (r: Random) => number, withMasks = false) {
  const output = obj.loss === 'deviance' ? 'linear' : 'softmax';
  const layout = layoutNetwork({ units: [5, 4, 3, output === 'softmax' ? classes : 1], activation, output, optimizer: 'sgd' });
  const theta = new Float32Array(layout.totalFloats);
  initializeParameters(layout, theta, { seed: 7, initial_weight_distribution: 'Normal', initial_weight_scale: 0.6 });
  const theta64 = Float64Array.from(theta);
  let worst = 0, failures = 0, checked = 0;
  for (let trial = 0; trial < 6; trial++) {
    const row: Row = {
      x: Array.from({ length: 5 }, () => rng.nextDouble() * 2 - 1), y: y(rng), weight: 0.5 + rng.nextDouble(), offset: obj.loss === 'deviance' ? 0.1 : 0,
      masks: withMasks ? [undefined, [1, 0, 1, 1], [0, 1, 1]] : undefined,
    };
    const { grad } = gradientRef(layout, theta64, row, obj);
    for (const ly of layout.layers) {
      for (let i = ly.W; i < ly.W + ly.rows * ly.cols + 0; i++) one(i);
      for (let i = ly.b; i < ly.b + ly.rows; i++) one(i);
    }
    function one(i: number) {
      const t = theta64[i]!, eps = t === 0 ? 1e-6 : 1e-4 * Math.abs(t);
      theta64[i] = t + eps; const up = objectiveRef(layout, theta64, row, obj);
      theta64[i] = t - eps; const down = objectiveRef(layout, theta64, row, obj);
      theta64[i] = t;
      if (Math.abs(up - down) / Math.abs(up + down) < 1e-8) return; // flat: no signal (H2O skips these)
      const fd = (up - down) / (2 * eps), g = grad[i]!;
      checked++;
      if (Math.abs(fd) < 1e-7 && Math.abs(g) < 1e-7) return;
      const rel = (2 * Math.abs(fd - g)) / (Math.abs(fd) + Math.abs(g));
      worst = Math.max(worst, rel);
      if (rel > 2e-2) failures++;
    }
  }
  // Kinks (ReLU at 0, |θ| at 0, laplace/quantile at y = f) can straddle the finite difference; H2O allows 30 failures.
  assert.ok(checked > 50, `only ${checked} parameters had a gradient`);
  assert.ok(failures <= 3, `${activation} ${obj.loss} ${obj.distribution ?? ''}: ${failures} of ${checked} gradients off, worst rel. error ${worst}`);
}

for (const activation of ACTIVATIONS) {
  for (const loss of ['CrossEntropy', 'Quadratic'] as const) {
    if (loss === 'Quadratic') continue; // see the Quadratic test below: H2O's δ is not the exact gradient
    test(`${activation} softmax ${loss}: gradient matches finite differences (with L1, L2)`, () => {
      check(activation, { loss, l1: 1e-3, l2: 1e-3 }, 3, new Random(1), (r) => r.nextInt(3));
    });
  }
  const dists: [RegressionDistribution, number, (r: Random) => number][] = [
    ['gaussian', 0, (r) => r.nextGaussian()],
    ['poisson', 0, (r) => r.nextInt(4)],
    ['gamma', 0, (r) => 0.5 + r.nextDouble()],
    ['tweedie', 1.5, (r) => r.nextInt(3) + r.nextDouble()],
    ['laplace', 0, (r) => r.nextGaussian()],
    ['quantile', 0.3, (r) => r.nextGaussian()],
    ['huber', 1, (r) => 2 * r.nextGaussian()],
  ];
  for (const [distribution, p, y] of dists) {
    test(`${activation} regression ${distribution}: gradient matches finite differences`, () => {
      check(activation, { loss: 'deviance', distribution, distributionParam: p, l1: 1e-3, l2: 1e-3 }, 1, new Random(2), y);
    });
  }
}

test('dropped hidden units pass no gradient (documented intent, H2O quirk Q6 aside)', () => {
  for (const activation of ACTIVATIONS) check(activation, { loss: 'CrossEntropy', l1: 0, l2: 0 }, 3, new Random(3), (r) => r.nextInt(3), true);
});

test('Quadratic classification uses the diagonal softmax Jacobian: δ_k = (p_k − t_k)·p_k·(1 − p_k)', () => {
  const layout = layoutNetwork({ units: [2, 3], activation: 'Tanh', output: 'softmax', optimizer: 'sgd' });
  const theta = new Float64Array(layout.totalFloats);
  theta.set([0.1, -0.2, 0.3, 0.4, -0.5, 0.6], layout.layers[0]!.W);
  const { deltas } = gradientRef(layout, theta, { x: [1, 2], y: 1 }, { loss: 'Quadratic', l1: 0, l2: 0 });
  const z = [0.1 - 0.4, 0.3 + 0.8, -0.5 + 1.2], m = Math.max(...z), e = z.map((v) => Math.exp(v - m)), s = e[0]! + e[1]! + e[2]!;
  const p = e.map((v) => v / s), t = [0, 1, 0];
  p.forEach((pk, k) => assert.ok(Math.abs(deltas[0]![k]! - (pk - t[k]!) * pk * (1 - pk)) < 1e-12));
});

test.run();
