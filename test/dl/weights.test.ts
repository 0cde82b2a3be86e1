// export_weights_and_biases (h2o-lifecycle.md §6): weight and bias frames in H2O's shapes and names,
// the preprocessing arrays, and errors for layers that do not exist.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Frame } from '../../src/frame';
import { DeepLearningEstimator } from '../../src/dl/estimator';
import { isAquiferError } from '../../src/util/errors';
import { handModel, setWeights } from '../helpers/hand-model';
import { irisFrame } from '../helpers/datasets';

const frame = () => Frame.fromArrays({
  color: ['red', 'blue', 'red', 'blue', null], x: [1, 2, 3, 4, 5], z: [0.5, 0, 1, 2, 1], y: ['a', 'b', 'a', 'b', 'a'],
}, { types: { color: 'enum', y: 'enum' } });

const values = (f: Frame) => f.names.map((n) => Array.from({ length: f.nrow }, (_, r) => f.col(n).at(r)));

test('weights(0): one row per first-layer unit, one column per input unit named as H2O names it', () => {
  const h = handModel(frame(), 'y', { hidden: [2, 3] });
  setWeights(h, 0, [[1, 2, 3, 4, 5], [-1, -2, -3, -4, -0.5]]);
  const w = h.model.weights(0);
  assert.equal(w.names, ['color.blue', 'color.red', 'color.missing(NA)', 'x', 'z']);
  assert.is(w.nrow, 2);
  // cell (r, c) is the weight from input c to unit r: column c lists W[·][c].
  assert.equal(values(w), [[1, -1], [2, -2], [3, -3], [4, -4], [5, -0.5]]);
});

test('weights(i > 0): columns C1..Cn over the previous layer; the output layer has one row per class', () => {
  const h = handModel(frame(), 'y', { hidden: [2, 3] });
  setWeights(h, 1, [[1, 2], [3, 4], [5, 6]]);
  const w1 = h.model.weights(1);
  assert.equal(w1.names, ['C1', 'C2']);
  assert.equal(values(w1), [[1, 3, 5], [2, 4, 6]]);
  const w2 = h.model.weights(2);
  assert.equal([w2.nrow, w2.ncol], [2, 3]);
  assert.equal(w2.names, ['C1', 'C2', 'C3']);
});

test('biases(i): a single column C1 with one row per receiving unit', () => {
  const h = handModel(frame(), 'y', { hidden: [2, 3] });
  setWeights(h, 1, [[0, 0], [0, 0], [0, 0]], [0.25, -1.5, 3]);
  const b = h.model.biases(1);
  assert.equal(b.names, ['C1']);
  assert.equal(values(b), [[0.25, -1.5, 3]]);
  assert.is(h.model.biases(0).nrow, 2);
  assert.is(h.model.biases(2).nrow, 2);
});

test('Maxout hidden layers have two rows per unit (its channels), the output layer one', () => {
  const h = handModel(frame(), 'y', { hidden: [3], activation: 'Maxout' });
  assert.equal([h.model.weights(0).nrow, h.model.weights(0).ncol], [6, 5]);
  assert.is(h.model.biases(0).nrow, 6);
  assert.equal([h.model.weights(1).nrow, h.model.weights(1).ncol], [2, 3]);
});

test('no hidden layer: one weight layer of classes × inputs (iris: 3×4)', async () => {
  const m = new DeepLearningEstimator({ hidden: [], epochs: 1, seed: 1, nthreads: 1, export_weights_and_biases: true });
  await m.train({ y: 'species', training_frame: irisFrame() });
  const w = m.weights(0);
  assert.equal([w.nrow, w.ncol], [3, 4]);
  assert.equal(w.names, ['sepal_len', 'sepal_wid', 'petal_len', 'petal_wid']);
  assert.is(m.biases(0).nrow, 3);
});

test('a layer index outside 0..L−1 (or not an integer) is an error that names it', () => {
  const h = handModel(frame(), 'y', { hidden: [2, 3] });
  for (const [call, i] of [[() => h.model.weights(3), 3], [() => h.model.biases(-1), -1], [() => h.model.weights(1.5), 1.5]] as const) {
    try { call(); assert.unreachable('expected an error'); } catch (e) {
      assert.ok(isAquiferError(e), String(e));
      assert.is(e.code, 'BAD_PARAMETER');
      assert.match(e.message, new RegExp(`\\(${String(i).replace('.', '\\.')}\\).*3 weight layers.*0 to 2`));
    }
  }
});

test('normmul/normsub describe the numeric inputs, catoffsets the one-hot blocks', () => {
  const h = handModel(frame(), 'y', { hidden: [2] });
  const info = h.model.dataInfo;
  assert.equal(h.model.normmul(), Array.from(info.normMul));
  assert.equal(h.model.normsub(), [3, 0.9]); // means of x and z
  assert.equal(h.model.catoffsets(), [0, 3]);
  assert.is(h.model.respmul(), null); // a classifier's response is not transformed
  const plain = handModel(frame(), 'y', { hidden: [2], standardize: false });
  assert.is(plain.model.normmul(), null);
  assert.is(plain.model.normsub(), null);
});

test('respmul/respsub hold the response standardization of a regression', () => {
  const f = Frame.fromArrays({ x: [1, 2, 3, 4], y: [2, 4, 6, 8] });
  const h = handModel(f, 'y', { hidden: [2] });
  assert.equal(h.model.respsub(), [5]);
  const sd = Math.sqrt(((9 + 1 + 1 + 9) / 3));
  assert.ok(Math.abs(h.model.respmul()![0]! - 1 / sd) < 1e-12);
});

// ---- initial_weights / initial_biases (h2o-training.md §2, h2o-lifecycle.md §6) --------------------

async function code(fn: () => Promise<unknown>): Promise<[string, string]> {
  try { await fn(); } catch (e) { if (isAquiferError(e)) return [e.code, e.message]; throw e; }
  return ['', 'no error'];
}

test('weights and biases exported from one model and given to an epochs = 0 model predict the same', async () => {
  const a = new DeepLearningEstimator({ hidden: [5, 4], epochs: 5, seed: 3, activation: 'Tanh' });
  await a.train({ y: 'species', training_frame: irisFrame() });
  const b = new DeepLearningEstimator({
    hidden: [5, 4], epochs: 0, seed: 9, activation: 'Tanh',
    initial_weights: [a.weights(0), a.weights(1), a.weights(2)], initial_biases: [a.biases(0), a.biases(1), a.biases(2)],
  });
  await b.train({ y: 'species', training_frame: irisFrame() });
  for (let l = 0; l < 3; l++) assert.equal(values(b.weights(l)), values(a.weights(l)), `weights(${l})`);
  const pa = await a.predict(irisFrame()), pb = await b.predict(irisFrame());
  for (const n of pa.names.slice(1)) for (let i = 0; i < pa.nrow; i += 7) assert.ok(Math.abs(pa.col(n).at(i) - pb.col(n).at(i)) < 1e-6);
});

test('a layer with a null entry keeps its random weights and default biases; the others take the given ones', async () => {
  const W0 = Frame.fromArrays({ a: [0.1, 0.3], b: [-0.2, 0.4] });
  const b0 = Frame.fromArrays({ C1: [0.05, -0.05] });
  const f = Frame.fromArrays({ a: [1, 2, 3, 4], b: [0, 1, 0, 1], y: [1, 2, 3, 5] });
  const plain = new DeepLearningEstimator({ hidden: [2], epochs: 0, seed: 4 });
  await plain.train({ y: 'y', training_frame: f });
  const m = new DeepLearningEstimator({ hidden: [2], epochs: 0, seed: 4, initial_weights: [W0, null], initial_biases: [b0, null] });
  await m.train({ y: 'y', training_frame: f });
  assert.equal(values(m.weights(0)).map((c) => c.map((v) => Math.fround(v))), [[0.1, 0.3], [-0.2, 0.4]].map((c) => c.map(Math.fround)));
  assert.equal(values(m.biases(0)), [[Math.fround(0.05), Math.fround(-0.05)]]);
  assert.equal(values(m.weights(1)), values(plain.weights(1)));
  assert.equal(values(m.biases(1)), values(plain.biases(1)));
});

test('initial weights of the wrong shape, non-numeric or with a missing value are refused, naming the matrix', async () => {
  const f = Frame.fromArrays({ a: [1, 2, 3, 4], b: [0, 1, 0, 1], y: [1, 2, 3, 5] });
  const train = (init: Record<string, unknown>) => new DeepLearningEstimator({ hidden: [2], epochs: 0, ...init }).train({ y: 'y', training_frame: f });
  const [c1, m1] = await code(() => train({ initial_weights: [Frame.fromArrays({ a: [1, 2, 3, 4, 5] }), null] }));
  assert.is(c1, 'BAD_PARAMETER');
  assert.match(m1, /Dimensionality mismatch: initial_weights matrix #0 should have 2 rows and 2 columns, got 5 rows and 1 columns/);
  const [, m2] = await code(() => train({ initial_biases: [null, Frame.fromArrays({ C1: [1, 2] })] }));
  assert.match(m2, /initial_biases matrix #1 should have 1 rows and 1 column, got 2 rows/);
  const [, m3] = await code(() => train({ initial_weights: [Frame.fromArrays({ a: [0.1, NaN], b: [0, 0] }), null] }));
  assert.match(m3, /initial_weights matrix #0: column 'a' row 1 is missing/);
  const [, m4] = await code(() => train({ initial_weights: [Frame.fromArrays({ a: ['x', 'y'], b: [0, 0] }, { types: { a: 'enum' } }), null] }));
  assert.match(m4, /column 'a' is enum, not numeric/);
});

test.run();
