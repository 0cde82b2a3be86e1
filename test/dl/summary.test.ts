// The "Status of Neuron Layers" table and the printable model (H2O's model display), on hand-set
// weights and optimizer state, and on trained models.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Frame } from '../../src/frame';
import { DeepLearningEstimator } from '../../src/dl/estimator';
import { DeepLearningModel } from '../../src/dl/model';
import { prettyBytes } from '../../src/dl/summary';
import { handModel, setWeights } from '../helpers/hand-model';
import { irisFrame } from '../helpers/datasets';

const frame = () => Frame.fromArrays({
  color: ['red', 'blue', 'red', 'blue', null], x: [1, 2, 3, 4, 5], y: ['a', 'b', 'a', 'b', 'a'],
}, { types: { color: 'enum', y: 'enum' } });

const close = (a: number | null, b: number, what: string) => assert.ok(a !== null && Math.abs(a - b) < 1e-6, `${what}: ${a} vs ${b}`);

test('ADADELTA: mean and RMS of the per-weight rate sqrt((E[Δx²]+ε)/(E[g²]+ε)), and of weights and biases', () => {
  const h = handModel(frame(), 'y', { hidden: [2], activation: 'Tanh', epsilon: 1 });
  setWeights(h, 0, [[-1, 2, 0, 1], [0, -1, 1, 2]], [0.5, -0.5]);
  setWeights(h, 1, [[1, -3], [-1, 1]], [1, 3]);
  const [l1, l2] = h.layout.layers;
  // Layer 1: Ex = [0, 3, 8, 15, ...], Eg = 0 → rate sqrt(Ex + 1) = [1, 2, 3, 4, 1, 2, 3, 4]:
  // mean 2.5, RMS about the mean sqrt((2.25 + 0.25 + 0.25 + 2.25)/4) = sqrt(1.25).
  h.theta.set([0, 3, 8, 15, 0, 3, 8, 15], l1!.state.W[0]!);
  // Layer 2: Ex = 0, Eg = [3, 0, 0, 3] → rate 1/sqrt(Eg + 1) = [0.5, 1, 1, 0.5]: mean 0.75, RMS 0.25.
  h.theta.set([3, 0, 0, 3], l2!.state.W[1]!);
  h.theta.set([99, 99], l2!.state.b[0]!); // the biases' own state is not part of the rate
  const [input, hidden, out] = h.model.summary();
  assert.equal(input, {
    layer: 1, units: 4, type: 'Input', dropout: 0, l1: null, l2: null, mean_rate: null, rate_rms: null, momentum: null,
    mean_weight: null, weight_rms: null, mean_bias: null, bias_rms: null,
  });
  assert.equal([hidden!.layer, hidden!.units, hidden!.type, hidden!.dropout, hidden!.l1, hidden!.l2, hidden!.momentum], [2, 2, 'Tanh', 0, 0, 0, 0]);
  close(hidden!.mean_rate, 2.5, 'mean_rate');
  close(hidden!.rate_rms, Math.sqrt(1.25), 'rate_rms');
  // W0 = [-1, 2, 0, 1, 0, -1, 1, 2]: mean 0.5, deviations ±1.5 (×4) and ±0.5 (×4): RMS sqrt(1.25).
  close(hidden!.mean_weight, 0.5, 'mean_weight');
  close(hidden!.weight_rms, Math.sqrt(1.25), 'weight_rms');
  close(hidden!.mean_bias, 0, 'mean_bias');
  close(hidden!.bias_rms, 0.5, 'bias_rms');
  assert.equal([out!.layer, out!.units, out!.type, out!.dropout], [3, 2, 'Softmax', null]);
  close(out!.mean_rate, 0.75, 'output mean_rate');
  close(out!.rate_rms, 0.25, 'output rate_rms');
  // W1 = [1, −3, −1, 1]: mean −0.5, squared deviations 2.25 + 6.25 + 0.25 + 2.25 = 11: RMS sqrt(2.75).
  close(out!.mean_weight, -0.5, 'output mean_weight');
  close(out!.weight_rms, Math.sqrt(2.75), 'output weight_rms');
  close(out!.mean_bias, 2, 'output mean_bias');
  close(out!.bias_rms, 1, 'output bias_rms');
});

test('manual rate: the annealed rate with its per-layer decay, RMS 0, and the momentum at N samples', () => {
  const h = handModel(frame(), 'y', {
    hidden: [2], adaptive_rate: false, rate: 0.01, rate_annealing: 1e-3, rate_decay: 0.5,
    momentum_start: 0.2, momentum_stable: 0.8, momentum_ramp: 1000, l1: 1e-4, l2: 1e-3,
  }, 500);
  const [, hidden, out] = h.model.summary();
  // α_1 = 0.01/(1 + 1e-3·500) = 0.01/1.5; α_2 = α_1·0.5; m = 0.2 + (0.8 − 0.2)·500/1000 = 0.5.
  close(hidden!.mean_rate, 0.01 / 1.5, 'layer 2 rate');
  close(out!.mean_rate, 0.005 / 1.5, 'layer 3 rate');
  assert.equal([hidden!.rate_rms, out!.rate_rms], [0, 0]);
  close(hidden!.momentum, 0.5, 'momentum');
  assert.equal([hidden!.l1, hidden!.l2, out!.l1, out!.l2], [1e-4, 1e-3, 1e-4, 1e-3]);
});

test('types, units and dropout percentages per layer; regression outputs are Linear', () => {
  const f = Frame.fromArrays({ x: [1, 2, 3, 4], z: [3, 1, 4, 1], y: [2, 4, 6, 8] });
  const h = handModel(f, 'y', { hidden: [3, 2], activation: 'MaxoutWithDropout', input_dropout_ratio: 0.1, hidden_dropout_ratios: [0.25, 0.5] });
  const rows = h.model.summary();
  assert.equal(rows.map((r) => [r.layer, r.units, r.type, r.dropout]), [
    [1, 2, 'Input', 10], [2, 3, 'MaxoutDropout', 25], [3, 2, 'MaxoutDropout', 50], [4, 1, 'Linear', null],
  ]);
  const plain = handModel(f, 'y', { hidden: [3], activation: 'ExpRectifier' }).model.summary();
  assert.equal(plain.map((r) => r.type), ['Input', 'ExpRectifier', 'Linear']);
});

test('the model display starts with H2O\'s summary description', () => {
  const h = handModel(frame(), 'y', { hidden: [2], variable_importances: false }, 1500);
  setWeights(h, 0, [[-1, 2, 0, 1], [0, -1, 1, 2]]);
  // 2·4 + 2 + 2·2 + 2 = 16 weights and biases.
  const text = h.model.toString();
  assert.ok(text.includes(`Status of Neuron Layers: predicting y, 2-class classification, bernoulli distribution, CrossEntropy loss, 16 weights/biases, ${prettyBytes(h.theta.byteLength)}, 1,500 training samples, mini-batch size 1\n`), text);
  assert.not.ok(text.includes('Variable Importances'));
});

test('prettyBytes uses B below 1 KiB and one decimal above', () => {
  assert.equal([prettyBytes(544), prettyBytes(1024), prettyBytes(16282), prettyBytes(3 * 1024 ** 2)], ['544 B', '1.0 KB', '15.9 KB', '3.0 MB']);
});

test('a trained model: the summary matches its weight and bias frames', async () => {
  const m = new DeepLearningEstimator({ hidden: [5], epochs: 3, seed: 4, nthreads: 1 });
  await m.train({ y: 'species', training_frame: irisFrame() });
  const rows = m.summary();
  for (let i = 0; i < 2; i++) {
    const w = m.weights(i), b = m.biases(i);
    let s = 0, n = 0;
    for (const name of w.names) for (let r = 0; r < w.nrow; r++) { s += w.col(name).at(r); n++; }
    close(rows[i + 1]!.mean_weight, s / n, `layer ${i + 2} mean_weight`);
    let sb = 0;
    for (let r = 0; r < b.nrow; r++) sb += b.col('C1').at(r);
    close(rows[i + 1]!.mean_bias, sb / b.nrow, `layer ${i + 2} mean_bias`);
    assert.ok(rows[i + 1]!.mean_rate! > 0 && rows[i + 1]!.rate_rms! >= 0);
  }
});

test('toString of a multinomial model with validation: summary, both metrics, history, importances', async () => {
  const [tr, va] = irisFrame().splitFrame([0.7], { seed: 3 });
  const m = new DeepLearningEstimator({ hidden: [6], epochs: 5, seed: 1, nthreads: 1 });
  await m.train({ y: 'species', training_frame: tr!, validation_frame: va });
  const text = m.toString();
  const order = ['Model Details', 'Status of Neuron Layers: predicting species, 3-class classification, multinomial distribution',
    'ModelMetricsMultinomial: deeplearning\n** Reported on train data. **', 'Confusion Matrix: Row labels: Actual class; Column labels: Predicted class',
    'Top-3 Hit Ratios:', '** Reported on validation data. **', 'Scoring History:', 'Variable Importances:'];
  let at = -1;
  for (const s of order) { const k = text.indexOf(s, at + 1); assert.ok(k > at, `missing or out of order: ${s}\n${text}`); at = k; }
  assert.match(text, /\nlayer\s+units\s+type\s+dropout\s+l1\s+l2\s+mean_rate\s+rate_rms\s+momentum\s+mean_weight\s+weight_rms\s+mean_bias\s+bias_rms\n/);
  assert.match(text, new RegExp(`MSE: ${m.mse().toPrecision(6).replace(/0+$/, '').replace('.', '\\.')}`));
  assert.match(text, /variable\s+relative_importance\s+scaled_importance\s+percentage\n/);
});

test('toString of a binomial model shows the max-F1 confusion matrix and the maximum metrics', async () => {
  const f = Frame.fromArrays({ x: Array.from({ length: 40 }, (_, i) => i % 10), y: Array.from({ length: 40 }, (_, i) => (i % 10 > 4 ? 'yes' : 'no')) }, { types: { y: 'enum' } });
  const m = new DeepLearningEstimator({ hidden: [3], epochs: 2, seed: 1, nthreads: 1 });
  await m.train({ y: 'y', training_frame: f });
  const text = m.toString();
  assert.match(text, /ModelMetricsBinomial: deeplearning/);
  assert.match(text, /AUC: .*\nAUCPR: .*\nGini: /);
  assert.match(text, /Confusion Matrix \(Act\/Pred\) for max f1 @ threshold = [0-9.e-]+:\n/);
  assert.match(text, /Maximum Metrics: Maximum metrics at their respective thresholds\nmetric\s+threshold\s+value\s+idx\n/);
  assert.match(text, /max f1 /);
});

test('toString shows the last 10 scoring events and the top 10 importances, and says where the rest is', async () => {
  const cols: Record<string, number[]> = {};
  for (let j = 0; j < 12; j++) cols[`v${j}`] = Array.from({ length: 30 }, (_, i) => Math.sin(i * (j + 1)));
  const f = Frame.fromArrays({ ...cols, y: Array.from({ length: 30 }, (_, i) => i % 3) });
  const m = new DeepLearningEstimator({ hidden: [4], epochs: 12, seed: 1, nthreads: 1, score_each_iteration: true, train_samples_per_iteration: 30, stopping_rounds: 0 });
  await m.train({ y: 'y', training_frame: f });
  const text = m.toString();
  assert.ok(m.scoringHistory().length > 10);
  assert.match(text, new RegExp(`Scoring History: \\(the last 10 of ${m.scoringHistory().length} rows; see model.scoringHistory\\(\\)\\)`));
  const varimpBlock = text.slice(text.indexOf('Variable Importances:'));
  assert.is(varimpBlock.split('\n').filter((l) => /^v\d+ /.test(l)).length, 10);
  assert.match(varimpBlock, /See the whole table with model.varimp\(\) \(12 rows\)/);
});

test('an untrained model prints without throwing', () => {
  assert.is(new DeepLearningModel().toString(), 'DeepLearningModel (not trained)');
});

test.run();
