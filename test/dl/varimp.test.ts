// Gedeon variable importances (h2o-lifecycle.md §5) on networks with hand-set weights, worked out by
// hand in the comments, and on a trained iris model.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Frame } from '../../src/frame';
import { DeepLearningEstimator } from '../../src/dl/estimator';
import { gedeonImportances } from '../../src/dl/varimp';
import { isAquiferError } from '../../src/util/errors';
import { handModel, setWeights } from '../helpers/hand-model';
import { irisFrame } from '../helpers/datasets';

/** color (levels blue, red; an NA in the last row unless `noNA`), x numeric, y a factor.
 *  Input units: color.blue, color.red, color.missing(NA), x. */
function frame(noNA = false): Frame {
  return Frame.fromArrays({
    color: ['red', 'blue', 'red', 'blue', noNA ? 'red' : null], x: [1, 2, 3, 4, 5], y: ['a', 'b', 'a', 'b', 'a'],
  }, { types: { color: 'enum', y: 'enum' } });
}

// W0 (hidden unit × input):  unit 0: [-1,  2, 0, 1]   Σ|.| = 4   →  [1/4, 2/4, 0,   1/4]
//                            unit 1: [ 0, -1, 1, 2]   Σ|.| = 4   →  [0,   1/4, 1/4, 2/4]
// W1 (output × hidden unit): out 0:  [1, -3]          Σ|.| = 4   →  [1/4, 3/4]
//                            out 1:  [-1, 1]          Σ|.| = 2   →  [1/2, 1/2]
// Q[i][0] = [1/4, 2/4, 0, 1/4]·1/4 + [0, 1/4, 1/4, 2/4]·3/4 = [1/16, 5/16, 3/16, 7/16]  (sums to 1)
// Q[i][1] = [1/4, 2/4, 0, 1/4]·1/2 + [0, 1/4, 1/4, 2/4]·1/2 = [2/16, 6/16, 2/16, 6/16]  (sums to 1)
// vi = Q[i][0] + Q[i][1] = [3/16, 11/16, 5/16, 13/16]; ÷ max (13/16) = [3/13, 11/13, 5/13, 1].
const W0 = [[-1, 2, 0, 1], [0, -1, 1, 2]];
const W1 = [[1, -3], [-1, 1]];

function closeRows(actual: { variable: string; relative_importance: number; scaled_importance: number; percentage: number }[], expected: [string, number, number][]) {
  assert.equal(actual.map((r) => r.variable), expected.map((e) => e[0]));
  actual.forEach((r, i) => {
    const [, rel, pct] = expected[i]!;
    assert.ok(Math.abs(r.relative_importance - rel) < 1e-6, `${r.variable} relative ${r.relative_importance} vs ${rel}`);
    assert.ok(Math.abs(r.scaled_importance - rel) < 1e-6, `${r.variable} scaled ${r.scaled_importance} vs ${rel}`);
    assert.ok(Math.abs(r.percentage - pct) < 1e-6, `${r.variable} percentage ${r.percentage} vs ${pct}`);
  });
}

test('one hidden layer: the hand-computed Gedeon importances, sorted, with percentages of their sum', () => {
  const h = handModel(frame(), 'y', { hidden: [2], activation: 'Tanh' });
  setWeights(h, 0, W0);
  setWeights(h, 1, W1);
  // Σ vi = (3 + 11 + 5 + 13)/13 = 32/13, so percentage = [13, 11, 5, 3]/32 in sorted order.
  closeRows(h.model.varimp(), [['x', 1, 13 / 32], ['color.red', 11 / 13, 11 / 32], ['color.missing(NA)', 5 / 13, 5 / 32], ['color.blue', 3 / 13, 3 / 32]]);
});

test('an NA bucket that training never lit gets importance 0', () => {
  const h = handModel(frame(true), 'y', { hidden: [2], activation: 'Tanh' });
  setWeights(h, 0, W0);
  setWeights(h, 1, W1);
  // vi = [3/13, 11/13, 0, 1], Σ = 27/13: percentages [13, 11, 3, 0]/27.
  closeRows(h.model.varimp(), [['x', 1, 13 / 27], ['color.red', 11 / 13, 11 / 27], ['color.blue', 3 / 13, 3 / 27], ['color.missing(NA)', 0, 0]]);
});

test('an NA only in rows that Skip drops counts as never seen', () => {
  const h = handModel(frame(), 'y', { hidden: [2], activation: 'Tanh', missing_values_handling: 'Skip' });
  assert.is(h.model.dataInfo.categoricals[0]!.na_seen, false);
});

test('no hidden layer: vi is the column sum of |W| over the outputs; ties keep input order', () => {
  const h = handModel(frame(), 'y', { hidden: [], activation: 'Tanh' });
  // Σ_k |W[k][i]| = [1, 3, 1, 3] → ÷ 3 = [1/3, 1, 1/3, 1]; Σ = 8/3, percentages [3, 3, 1, 1]/8.
  setWeights(h, 0, W0);
  closeRows(h.model.varimp(), [['color.red', 1, 3 / 8], ['x', 1, 3 / 8], ['color.blue', 1 / 3, 1 / 8], ['color.missing(NA)', 1 / 3, 1 / 8]]);
});

test('only the first two weight layers count', () => {
  const h = handModel(frame(), 'y', { hidden: [2, 2], activation: 'Tanh' });
  setWeights(h, 0, W0);
  setWeights(h, 1, W1);
  const before = Array.from(gedeonImportances(h.layout, h.theta));
  setWeights(h, 2, [[5, -7], [0.5, 3]]);
  assert.equal(Array.from(gedeonImportances(h.layout, h.theta)), before);
  assert.ok(Math.abs(before[3]! - 1) < 1e-7 && Math.abs(before[0]! - 3 / 13) < 1e-6);
});

test('Maxout: both channels of a unit count as its incoming weights', () => {
  const h = handModel(frame(), 'y', { hidden: [2], activation: 'Maxout' });
  // Rows 2j and 2j+1 are unit j's channels; their |W| add up to the W0 above, so vi is the same.
  setWeights(h, 0, [[-1, 1, 0, 0], [0, 1, 0, 1], [0, 0, 1, 2], [0, -1, 0, 0]]);
  setWeights(h, 1, W1);
  const vi = Array.from(gedeonImportances(h.layout, h.theta));
  [3 / 13, 11 / 13, 5 / 13, 1].forEach((v, i) => assert.ok(Math.abs(vi[i]! - v) < 1e-6, `unit ${i}: ${vi[i]} vs ${v}`));
});

test('the importances follow H2O\'s float32 arithmetic', () => {
  const h = handModel(frame(), 'y', { hidden: [3], activation: 'Tanh' });
  setWeights(h, 0, [[0.1, -0.7, 0.3, 0.9], [1e-3, 0.2, -0.4, 0.6], [0.35, 0.15, 0.05, -0.8]]);
  setWeights(h, 1, [[0.3, -0.1, 0.7], [-0.2, 0.9, 0.4]]);
  const vi = gedeonImportances(h.layout, h.theta);
  for (const v of vi) assert.is(Math.fround(v), v);
  assert.is(Math.max(...vi), 1);
});

test('variable_importances: false refuses varimp() and names the parameter', () => {
  const h = handModel(frame(), 'y', { hidden: [2], variable_importances: false });
  try { h.model.varimp(); assert.unreachable('expected an error'); } catch (e) {
    assert.ok(isAquiferError(e), String(e));
    assert.is(e.subject, 'variable_importances');
    assert.match(e.message, /variable_importances/);
  }
});

test('iris: the petal measurements are the two most important inputs', async () => {
  for (const seed of [1, 2, 3]) {
    const m = new DeepLearningEstimator({ activation: 'Tanh', hidden: [10], epochs: 100, seed, nthreads: 1 });
    await m.train({ y: 'species', training_frame: irisFrame() });
    const vi = m.varimp();
    assert.equal(vi.map((r) => r.variable).slice(0, 2).sort(), ['petal_len', 'petal_wid'], `seed ${seed}`);
    assert.is(vi[0]!.relative_importance, 1);
    assert.ok(Math.abs(vi.reduce((s, r) => s + r.percentage, 0) - 1) < 1e-12);
  }
});

test.run();
