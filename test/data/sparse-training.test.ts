// Training on sparse-packed rows (training-rows.ts) is training on the dense-packed ones: the same
// model bit for bit, per row and per mini-batch, on the calling thread and in workers.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Frame } from '../../src/frame';
import { prepare } from '../../src/dl/setup';
import { runTraining } from '../../src/dl/trainer';
import type { DeepLearningInput } from '../../src/dl/params';
import { Random } from '../../src/util/random';

/** 400 rows: six mostly-zero numerics (some NA), a categorical with NAs, a binary response. */
function sparseFrame(): Frame {
  const r = new Random(8080), n = 400, cols: Record<string, (number | string | null)[]> = {};
  for (let j = 0; j < 6; j++) {
    cols[`x${j}`] = Array.from({ length: n }, () => (r.nextDouble() < 0.75 ? 0 : r.nextDouble() < 0.1 ? null : Math.round(r.nextGaussian() * 100) / 10));
  }
  cols.c = Array.from({ length: n }, () => (r.nextDouble() < 0.1 ? null : `L${r.nextInt(5)}`));
  cols.y = Array.from({ length: n }, (_, i) => ((cols.x0![i] as number) + (cols.x1![i] as number ?? 0) > 0.5 || cols.c![i] === 'L2' ? 'yes' : 'no'));
  return Frame.fromArrays(cols, { types: { c: 'enum', y: 'enum' } });
}

async function trainBoth(input: DeepLearningInput): Promise<{ sparse: Float32Array; dense: Float32Array }> {
  const frame = sparseFrame();
  const prep = await prepare({ y: 'y', seed: 7, reproducible: true, sparse: true, ...input }, frame, undefined);
  assert.ok(prep.train.layout.sparse, 'a sparse model trains on sparse-packed rows');
  const dense = prep.info.packRows(frame, { training: true, sparse: false });
  assert.not.ok(dense.layout.sparse);
  const sparseRun = await runTraining({ ...prep, ...prep.resume });
  const denseRun = await runTraining({ ...prep, ...prep.resume, train: dense });
  return { sparse: sparseRun.theta, dense: denseRun.theta };
}

const bits = (a: Float32Array) => Array.from(new Uint32Array(a.buffer, a.byteOffset, a.length));

const CASES: [string, DeepLearningInput][] = [
  ['per row, one thread', { hidden: [8, 8], epochs: 3, nthreads: 1, activation: 'RectifierWithDropout', input_dropout_ratio: 0.1 }],
  ['mini-batch, one thread', { hidden: [8], epochs: 3, nthreads: 1, mini_batch_size: 16, l1: 1e-4 }],
  ['per row, two workers', { hidden: [8], epochs: 3, nthreads: 2, activation: 'TanhWithDropout', max_categorical_features: 3 }],
];

for (const [name, input] of CASES) {
  test(`sparse-packed rows train the same model as dense-packed ones, bit for bit: ${name}`, async () => {
    const { sparse, dense } = await trainBoth(input);
    assert.is(sparse.length, dense.length);
    assert.equal(bits(sparse), bits(dense));
  });
}

test('the comparison sees a difference in the rows: one changed value changes the model', async () => {
  const frame = sparseFrame();
  const prep = await prepare({ y: 'y', seed: 7, reproducible: true, sparse: true, hidden: [8], epochs: 3, nthreads: 1 }, frame, undefined);
  const a = await runTraining({ ...prep });
  const chunk = prep.train.chunks[0]!;
  assert.ok(chunk.sparse);
  if (chunk.sparse) chunk.numValue[0] = chunk.numValue[0]! + 0.5;
  const b = await runTraining({ ...prep });
  assert.not.equal(bits(a.theta), bits(b.theta));
});

test('a sparse model packs its validation rows as non-zeros too, and scores them as the dense transform does', async () => {
  const frame = sparseFrame();
  const prep = await prepare({ y: 'y', seed: 7, sparse: true, hidden: [8], epochs: 2, nthreads: 1 }, frame, frame);
  assert.ok(prep.valid!.layout.sparse, 'validation rows packed sparse');
  const { DeepLearningEstimator } = await import('../../src/dl/estimator');
  const m = new DeepLearningEstimator({ seed: 7, sparse: true, hidden: [8], epochs: 2 });
  await m.train({ y: 'y', training_frame: frame, validation_frame: frame });
  const fromHistory = m.modelPerformance({ valid: true }) as { logloss: number; auc: number };
  const fromFrame = (await m.modelPerformance(frame)) as { logloss: number; auc: number };
  assert.is(fromHistory.logloss, fromFrame.logloss);
  assert.is(fromHistory.auc, fromFrame.auc);
});

test.run();
