// The scoring history's metric columns end to end: auc_type and gainslift_bins reach the metrics.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DeepLearningEstimator } from '../../src/dl/estimator';
import { Frame } from '../../src/frame';
import { Random } from '../../src/util/random';
import { irisFrame } from '../helpers/datasets';

const SMALL = { hidden: [4], epochs: 2, seed: 3, nthreads: 1 };

test('iris with auc_type MACRO_OVR: a finite AUC and AUCPR in the model and every history row', async () => {
  const m = new DeepLearningEstimator({ ...SMALL, auc_type: 'MACRO_OVR' });
  await m.train({ y: 'species', training_frame: irisFrame() });
  assert.ok(m.auc() >= 0 && m.auc() <= 1, `auc ${m.auc()}`);
  assert.ok(Number.isFinite(m.aucpr()), `aucpr ${m.aucpr()}`);
  const h = m.scoringHistory();
  assert.ok(h.length >= 1);
  for (const row of h) assert.ok(Number.isFinite(row.training_auc) && Number.isFinite(row.training_pr_auc), JSON.stringify(row));
  // A new frame is scored with the same auc_type.
  const perf = await m.modelPerformance(irisFrame().head(60));
  assert.ok(perf.kind === 'multinomial' && Number.isFinite(perf.auc));
});

test('iris with the default auc_type (AUTO): the multinomial AUC columns are NaN', async () => {
  const m = new DeepLearningEstimator(SMALL);
  await m.train({ y: 'species', training_frame: irisFrame() });
  assert.ok(Number.isNaN(m.auc()));
  assert.ok(Number.isNaN(m.scoringHistory()[0]!.training_auc as number));
});

test('early stopping on AUC works for a multinomial model with an auc_type', async () => {
  const m = new DeepLearningEstimator({
    hidden: [4], epochs: 500, seed: 3, nthreads: 1, auc_type: 'WEIGHTED_OVO', stopping_metric: 'AUC', stopping_rounds: 1,
    stopping_tolerance: 0.5, score_each_iteration: true, train_samples_per_iteration: 150, classification_stop: -1,
  });
  await m.train({ y: 'species', training_frame: irisFrame() });
  assert.is(m.stoppedBy, 'early_stopping');
  assert.ok(m.epochs < 500);
});

function twoClasses(n: number): Frame {
  const r = new Random(1);
  const a: number[] = [], y: string[] = [];
  for (let i = 0; i < n; i++) { const u = r.nextGaussian(); a.push(u); y.push(u + 0.3 * r.nextGaussian() > 0 ? 'yes' : 'no'); }
  return Frame.fromArrays({ a, y }, { types: { y: 'enum' } });
}

test('gainslift_bins sets the binomial training_lift: 1 group gives lift 1, 0 gives NaN', async () => {
  const lift = async (gainslift_bins: number) => {
    const m = new DeepLearningEstimator({ ...SMALL, gainslift_bins });
    await m.train({ y: 'y', training_frame: twoClasses(200) });
    return m.scoringHistory().at(-1)!.training_lift as number;
  };
  const [auto, one, off] = [await lift(-1), await lift(1), await lift(0)];
  assert.ok(auto > 1.5, `default lift ${auto}`); // the top 1 % is almost all positive, about half the rows are
  assert.is(one, 1);
  assert.ok(Number.isNaN(off));
});

test.run();
