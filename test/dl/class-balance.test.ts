// balance_classes (h2o-training.md §7): the resampling, the prior correction of predictions, and
// what the model keeps of it (save/load, the standalone scorer, ONNX's graph is checked in test/onnx).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { balanceRows } from '../../src/dl/class-balance';
import { classRatio, correctProbabilities } from '../../src/dl/predictions';
import { sampleRowsStratified } from '../../src/dl/sampling';
import { DeepLearningEstimator } from '../../src/dl/estimator';
import { loadModel } from '../../src/persist';
import { Scorer } from '../../src/scorer/scorer';
import { Frame } from '../../src/frame';
import { Random } from '../../src/util/random';

const codes = (counts: number[]) => Int32Array.from(counts.flatMap((c, k) => Array(c).fill(k)));
const count = (rows: Int32Array, c: Int32Array, k: number) => Array.from(rows).filter((r) => c[r] === k).length;

test('default factors bring every class to the largest one: 90/10 → 90/90 (integer factors, exact)', () => {
  const c = codes([90, 10]);
  const { rows, dist } = balanceRows(c, null, 2, { factors: null, max_after_balance_size: 5, seed: 1n });
  assert.is(rows.length, 180);
  assert.is(count(rows, c, 0), 90);
  assert.is(count(rows, c, 1), 90);
  assert.equal(dist, { prior: [0.9, 0.1], model: [0.5, 0.5] });
  // Every minority row is there 9 times; the rows are shuffled, not in frame order.
  assert.ok(Array.from({ length: 10 }, (_, i) => 90 + i).every((r) => Array.from(rows).filter((x) => x === r).length === 9));
  assert.not.equal(Array.from(rows), [...rows].sort((a, b) => a - b));
});

test('class_sampling_factors are used as given; max_after_balance_size caps the rows', () => {
  const c = codes([90, 10]);
  const given = balanceRows(c, null, 2, { factors: [1, 4], max_after_balance_size: 5, seed: 1n });
  assert.is(given.rows.length, 130);  // 90·1 + 10·4
  const capped = balanceRows(c, null, 2, { factors: null, max_after_balance_size: 0.5, seed: 1n });
  // Factors scaled by 50/180: 0.28 for the majority, 2.5 for the minority, so 20-30 minority rows.
  assert.ok(Math.abs(capped.rows.length - 50) <= 12, `${capped.rows.length} rows`);
  const minority = count(capped.rows, c, 1);
  assert.ok(minority >= 20 && minority <= 30, `minority ${minority}`);
});

test('rows with a missing response are left out; weights count in the class shares', () => {
  const c = Int32Array.from([0, 0, 0, 1, -1, -1]);
  const w = [1, 1, 1, 3, 1, 1];
  const { rows, dist } = balanceRows(c, w, 2, { factors: null, max_after_balance_size: 5, seed: 3n });
  assert.ok(Array.from(rows).every((r) => r < 4));
  assert.equal(dist.prior, [0.5, 0.5]);  // 3 rows of weight 1 against 1 row of weight 3
  assert.is(rows.length, 4);             // already balanced by weight: factors 1 and 1
});

test('correctProbabilities multiplies by prior/model and renormalizes; classRatio skips empty classes', () => {
  const p = Float64Array.from([0.5, 0.5, 0.2, 0.8]);
  correctProbabilities(p, 2, 2, classRatio({ prior: [0.9, 0.1], model: [0.5, 0.5] }));
  // 0.5·1.8 : 0.5·0.2 → 0.9 : 0.1; 0.2·1.8 : 0.8·0.2 → 0.36 : 0.16 → 0.6923 : 0.3077
  assert.ok(Math.abs(p[0]! - 0.9) < 1e-12 && Math.abs(p[1]! - 0.1) < 1e-12);
  assert.ok(Math.abs(p[2]! - 0.36 / 0.52) < 1e-12 && Math.abs(p[3]! - 0.16 / 0.52) < 1e-12);
  assert.equal(classRatio({ prior: [0.5, 0, 0.5], model: [0.4, 0.2, 0.4] }), [1.25, 1, 1.25]);
});

test('stratified validation sampling keeps every class at the same share, at least one row each', () => {
  const c = codes([90, 10]);
  const idx = sampleRowsStratified(c, 20, 5)!;
  assert.is(count(idx, c, 0), 18);
  assert.is(count(idx, c, 1), 2);
  const rare = sampleRowsStratified(codes([199, 1]), 10, 5)!;
  assert.is(count(rare, codes([199, 1]), 1), 1);
  assert.is(sampleRowsStratified(c, 0, 5), null);
});

function imbalanced(n: number, seed: number): Frame {
  const r = new Random(seed);
  const a: number[] = [], b: number[] = [], y: string[] = [];
  for (let i = 0; i < n; i++) {
    const rare = i % 10 === 0, u = r.nextGaussian() + (rare ? 1.5 : 0), v = r.nextGaussian();
    a.push(u); b.push(v); y.push(rare ? 'rare' : 'common');
  }
  return Frame.fromArrays({ a, b, y }, { types: { y: 'enum' } });
}

test('training on balanced rows: an epoch is the resampled rows, and predictions carry the original priors', async () => {
  const f = imbalanced(400, 2);
  const m = new DeepLearningEstimator({ hidden: [6], epochs: 2, seed: 4, balance_classes: true, reproducible: true, nthreads: 1 });
  await m.train({ y: 'y', training_frame: f });
  assert.equal(m.classDistribution, { prior: [0.9, 0.1], model: [0.5, 0.5] });
  assert.is(m.samples, 2 * 720);
  const plain = new DeepLearningEstimator({ hidden: [6], epochs: 2, seed: 4, reproducible: true, nthreads: 1 });
  await plain.train({ y: 'y', training_frame: f });
  assert.is(plain.samples, 2 * 400);
  // Corrected back to a 10 % prior, the mean predicted share of the rare class is far below the
  // 50 % the balanced rows suggest.
  const pred = await m.predict(f);
  let mean = 0;
  for (let i = 0; i < pred.nrow; i++) mean += pred.col('rare').at(i) / pred.nrow;
  assert.ok(mean < 0.25, `mean p(rare) ${mean}`);
  for (let i = 0; i < pred.nrow; i += 37) assert.ok(Math.abs(pred.col('rare').at(i) + pred.col('common').at(i) - 1) < 1e-6);
});

test('a balanced model keeps its class shares through save and load, and the standalone scorer applies them', async () => {
  const f = imbalanced(300, 3);
  const m = new DeepLearningEstimator({ hidden: [5], epochs: 1, seed: 6, balance_classes: true, class_sampling_factors: [1, 3] });
  await m.train({ y: 'y', training_frame: f });
  const again = await loadModel(m.toBytes());
  assert.equal(again.classDistribution, m.classDistribution);
  const a = await m.predict(f), b = await again.predict(f);
  const scorer = await Scorer.load(m.toBytes());
  const rows = Array.from({ length: f.nrow }, (_, i) => ({ a: f.col('a').at(i), b: f.col('b').at(i) }));
  const s = scorer.predict(rows);
  for (let i = 0; i < f.nrow; i += 13) {
    assert.is(b.col('rare').at(i), a.col('rare').at(i));
    assert.ok(Math.abs((s[i]!.rare as number) - a.col('rare').at(i)) < 1e-6, `row ${i}`);
  }
});

test.run();
