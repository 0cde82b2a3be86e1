// Checkpoint restarts (h2o-lifecycle.md §9): training continues from the weights and optimizer
// state, epochs count from the start, the history grows; every frozen parameter is refused by name
// and every other one accepted.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeepLearningEstimator } from '../../src/dl/estimator';
import { DeepLearningModel } from '../../src/dl/model';
import { prepare } from '../../src/dl/setup';
import { RESTART_FROZEN } from '../../src/dl/checkpoint';
import { PARAMETERS, type DeepLearningInput } from '../../src/dl/params';
import { loadModel } from '../../src/persist/load-model';
import { Frame } from '../../src/frame';
import { isAquiferError } from '../../src/util/errors';
import { irisFrame } from '../helpers/datasets';

const dir = mkdtempSync(join(tmpdir(), 'aquifer-checkpoint-'));
const BASE: DeepLearningInput = { hidden: [6], seed: 42, nthreads: 1, reproducible: true };
/** Mutable settings take the value given or their default on a restart (as in H2O), so restarts
 *  that should be one thread and reproducible say so. */
const SAME = { seed: 42, nthreads: 1, reproducible: true };

async function train(params: DeepLearningInput, frame = irisFrame(), validation?: Frame, x?: string[]): Promise<DeepLearningEstimator> {
  const m = new DeepLearningEstimator(params);
  await m.train({ ...(params.checkpoint ? {} : { y: 'species' }), training_frame: frame, validation_frame: validation, x });
  return m;
}

async function rejects(fn: () => Promise<unknown>, code: string, subject: string, pattern?: RegExp) {
  try { await fn(); assert.unreachable(`expected ${code} about ${subject}`); } catch (e) {
    assert.ok(isAquiferError(e), String((e as Error).stack));
    assert.is(e.code, code, `${subject}: ${e.message}`);
    assert.is(e.subject, subject, e.message);
    if (pattern) assert.match(e.message, pattern);
  }
}

const bits = (a: Float32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

let cached: Promise<{ adadelta: DeepLearningEstimator; manual: DeepLearningEstimator }> | undefined;
/** Two 5-epoch iris checkpoints: ADADELTA, and a manual rate with momentum. */
const checkpoints = () => (cached ??= (async () => ({
  adadelta: await train({ ...BASE, epochs: 5, activation: 'Tanh' }),
  manual: await train({ ...BASE, epochs: 5, adaptive_rate: false, rate: 0.01, rate_annealing: 1e-6, momentum_start: 0.5, momentum_stable: 0.9, momentum_ramp: 1000 }),
}))());

test('a restart continues: epochs and counters carry on, the history grows, metrics do not get worse', async () => {
  const { adadelta: cp } = await checkpoints();
  const r = await train({ checkpoint: cp, epochs: 10, ...SAME });
  assert.is(r.epochs, 10);
  assert.is(r.iterations, 10);
  assert.is(r.samples, 10 * 150);
  const before = cp.scoringHistory(), after = r.scoringHistory();
  assert.is(after.length, before.length + 5);
  assert.equal(after.slice(0, before.length), before);
  assert.equal(after.map((h) => h.epochs), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  assert.ok(r.logloss() <= cp.logloss(), `${r.logloss()} > ${cp.logloss()}`);
  assert.ok(r.runTimeMs > cp.runTimeMs);
  // Frozen parameters the restart left out come from the checkpoint.
  assert.equal(r.params.hidden, [6]);
  assert.is(r.params.activation, 'Tanh');
  assert.is(r.params.response_column, 'species');
  assert.is(r.params.checkpoint, null);
});

test('5 epochs then a restart to 10 equal 10 epochs in one run, bit for bit (reproducible)', async () => {
  const { adadelta: cp } = await checkpoints();
  const r = await train({ checkpoint: cp, epochs: 10, ...SAME });
  const straight = await train({ ...BASE, epochs: 10, activation: 'Tanh' });
  assert.ok(bits(r.theta).equals(bits(straight.theta)));
  assert.equal(r.scoringHistory().map((h) => h.training_logloss), straight.scoringHistory().map((h) => h.training_logloss));
});

test('a manual-rate restart carries the momenta and the sample count of the rate schedule', async () => {
  const { manual: cp } = await checkpoints();
  const r = await train({ checkpoint: cp, epochs: 8, ...SAME });
  const straight = await train({ ...BASE, epochs: 8, adaptive_rate: false, rate: 0.01, rate_annealing: 1e-6, momentum_start: 0.5, momentum_stable: 0.9, momentum_ramp: 1000 });
  assert.ok(bits(r.theta).equals(bits(straight.theta)));
});

test('the optimizer state matters: zeroing the ADADELTA accumulators changes the restart', async () => {
  const { adadelta: cp } = await checkpoints();
  const state = DeepLearningModel.stateOf(cp);
  const theta = state.theta.slice();
  theta.fill(0, state.layout.paramFloats);
  const wiped = new DeepLearningModel({ ...state, theta });
  const a = await train({ checkpoint: cp, epochs: 6, ...SAME });
  const b = await train({ checkpoint: wiped, epochs: 6, ...SAME });
  assert.not.ok(bits(a.theta).equals(bits(b.theta)));
});

test('restarting a saved and loaded model equals restarting the model in memory', async () => {
  const { adadelta: cp } = await checkpoints();
  const path = await cp.save(join(dir, 'cp.aqm'));
  const inMemory = await train({ checkpoint: cp, epochs: 7, ...SAME, seed: 9 });
  const fromPath = await train({ checkpoint: path, epochs: 7, ...SAME, seed: 9 });
  const fromBytes = await train({ checkpoint: await loadModel(cp.toBytes()), epochs: 7, ...SAME, seed: 9 });
  assert.ok(bits(fromPath.theta).equals(bits(inMemory.theta)));
  assert.ok(bits(fromBytes.theta).equals(bits(inMemory.theta)));
  assert.is(fromPath.params.checkpoint, path);
  assert.equal(fromPath.scoringHistory().map((h) => h.epochs), inMemory.scoringHistory().map((h) => h.epochs));
});

test('a restart that only gets worse ends with the checkpoint\'s model (overwrite_with_best_model)', async () => {
  const { adadelta: cp } = await checkpoints();
  const r = await train({ checkpoint: cp, epochs: 8, ...SAME, l1: 5 });
  assert.ok(bits(r.theta).equals(bits(cp.theta)));
  assert.is(r.logloss(), cp.logloss());
  assert.ok(r.scoringHistory().some((h) => (h.training_logloss as number) > cp.logloss()));
});

test('early stopping reads the checkpoint\'s scoring history too', async () => {
  const { adadelta: cp } = await checkpoints();
  // Window 2 needs 4 scored values: the checkpoint's five make the first new event decide.
  const r = await train({ checkpoint: cp, epochs: 50, ...SAME, stopping_rounds: 2, stopping_tolerance: 0.5 });
  assert.is(r.stoppedBy, 'early_stopping');
  assert.is(r.epochs, 6);
});

test('epochs counts from the start and must exceed the checkpoint\'s (H2O\'s rule)', async () => {
  const { adadelta: cp } = await checkpoints();
  await rejects(() => train({ checkpoint: cp, epochs: 5 }), 'BAD_PARAMETER', 'epochs', /larger than the number of epochs already trained for the checkpointed model \(5\)/);
  await rejects(() => train({ checkpoint: cp, epochs: 3 }), 'BAD_PARAMETER', 'epochs');
});

test('on a frame of another size, the epochs of the restart are epochs of the new frame', async () => {
  const { adadelta: cp } = await checkpoints();
  const iris = irisFrame();
  const twice = iris.rows(Int32Array.from({ length: 300 }, (_, i) => i % 150));
  const r = await train({ checkpoint: cp, epochs: 6, ...SAME }, twice);
  assert.is(r.epochs, 6);
  assert.is(r.samples, 5 * 150 + 300);
});

// Each frozen parameter, a value that differs from the checkpoint's, and which checkpoint to use.
const FROZEN_CHANGES: Record<string, [unknown, 'adadelta' | 'manual']> = {
  response_column: ['sepal_len', 'adadelta'], ignored_columns: [['sepal_wid'], 'adadelta'], ignore_const_cols: [false, 'adadelta'],
  nfolds: [2, 'adadelta'], autoencoder: [true, 'adadelta'], use_all_factor_levels: [false, 'adadelta'], standardize: [false, 'adadelta'],
  activation: ['Rectifier', 'adadelta'], hidden: [[7], 'adadelta'], adaptive_rate: [false, 'adadelta'], rho: [0.95, 'adadelta'],
  epsilon: [1e-6, 'adadelta'], rate: [0.02, 'manual'], rate_annealing: [1e-5, 'manual'], rate_decay: [0.9, 'manual'],
  momentum_start: [0.2, 'manual'], momentum_ramp: [5e4, 'manual'], momentum_stable: [0.5, 'manual'],
  nesterov_accelerated_gradient: [false, 'manual'], distribution: ['bernoulli', 'adadelta'], quantile_alpha: [0.3, 'adadelta'],
  tweedie_power: [1.2, 'adadelta'], huber_alpha: [0.5, 'adadelta'], sparse: [true, 'adadelta'], col_major: [true, 'adadelta'],
  sparsity_beta: [0.1, 'adadelta'], max_categorical_features: [100, 'adadelta'],
  weights_column: ['petal_wid', 'adadelta'], offset_column: ['petal_wid', 'adadelta'], balance_classes: [true, 'adadelta'],
  categorical_encoding: ['Binary', 'adadelta'],
};

test('every frozen parameter (the table\'s and aquifer\'s four) is refused when changed, naming it', async () => {
  assert.equal(Object.keys(FROZEN_CHANGES).sort(), [...RESTART_FROZEN].sort());
  const cps = await checkpoints();
  for (const [name, [value, which]] of Object.entries(FROZEN_CHANGES)) {
    await rejects(() => train({ checkpoint: cps[which], epochs: 20, [name]: value }), 'BAD_PARAMETER', name);
  }
});

test('a frozen parameter given with its checkpoint value, or with AUTO that resolves to it, is accepted', async () => {
  const { adadelta: cp } = await checkpoints();
  const r = await train({ checkpoint: cp, epochs: 6, ...SAME, hidden: [6], activation: 'Tanh', distribution: 'multinomial', rate: 0.5, y: 'species' });
  assert.is(r.epochs, 6);
  assert.ok(r.warnings.some((w) => /rate .*ignored/.test(w)));
});

// Every other parameter may change; these are left out of the check, and why.
const NOT_CHANGED: Record<string, string> = {
  training_frame: 'a train() argument', validation_frame: 'a train() argument; its presence is rule 4',
  checkpoint: 'the restart itself', initial_weights: 'refused with a checkpoint (below)', initial_biases: 'refused with a checkpoint (below)',
  pretrained_autoencoder: 'needs an autoencoder', fold_column: 'cross-validation (nfolds is frozen at 0)',
  fold_assignment: 'only with nfolds > 1', class_sampling_factors: 'only with balance_classes, which is kept',
};
const MUTABLE_CHANGES: Record<string, unknown> = {
  keep_cross_validation_models: false, keep_cross_validation_predictions: true, keep_cross_validation_fold_assignment: true,
  model_id: 'restarted', overwrite_with_best_model: false, epochs: 12, train_samples_per_iteration: 50, target_ratio_comm_to_comp: 0.1,
  seed: 7n, input_dropout_ratio: 0.1, hidden_dropout_ratios: null, l1: 1e-4, l2: 1e-3, max_w2: 10,
  initial_weight_distribution: 'Normal', initial_weight_scale: 0.5, loss: 'Quadratic', score_interval: 1,
  score_training_samples: 100, score_validation_samples: 10, score_duty_cycle: 0.5, score_validation_sampling: 'Stratified',
  score_each_iteration: false, classification_stop: -1, regression_stop: -1, stopping_rounds: 2, stopping_metric: 'misclassification',
  stopping_tolerance: 0.01, max_runtime_secs: 100, max_after_balance_size: 2, max_confusion_matrix_size: 5, diagnostics: false,
  variable_importances: false, fast_mode: false, force_load_balance: false, replicate_training_data: false, single_node_mode: true,
  shuffle_training_data: true, missing_values_handling: 'Skip', quiet_mode: true, average_activation: 0.5, reproducible: false,
  export_weights_and_biases: true, mini_batch_size: 8, elastic_averaging: true, elastic_averaging_moving_rate: 0.5,
  elastic_averaging_regularization: 0.01, export_checkpoints_dir: dir, auc_type: 'MACRO_OVR', custom_metric_func: () => 0,
  gainslift_bins: 10, verbose: true, nthreads: 2, kernel: 'scalar-st',
};

test('every parameter that is not frozen may change on a restart, and the new value is used', async () => {
  const names = PARAMETERS.map((p) => p.name).filter((n) => !RESTART_FROZEN.includes(n) && !(n in NOT_CHANGED));
  assert.equal(Object.keys(MUTABLE_CHANGES).sort(), names.sort());
  const state = DeepLearningModel.stateOf((await checkpoints()).adadelta);
  for (const [name, value] of Object.entries(MUTABLE_CHANGES)) {
    const prep = await prepare({ checkpoint: (await checkpoints()).adadelta, epochs: 20, [name]: value }, irisFrame(), undefined, state);
    if (typeof value !== 'function' && name !== 'epochs' && name !== 'score_each_iteration' && name !== 'reproducible') {
      assert.equal((prep.params as unknown as Record<string, unknown>)[name], value, name);
    }
  }
});

test('changed mutable parameters train (epochs, l1, l2, rate schedule settings, scoring, stopping, mini-batches)', async () => {
  const { adadelta: cp } = await checkpoints();
  const changes: DeepLearningInput[] = [
    { l1: 1e-5, l2: 1e-4 }, { score_interval: 0, score_duty_cycle: 1, train_samples_per_iteration: 75 },
    { stopping_rounds: 1, stopping_tolerance: 0.5, stopping_metric: 'misclassification' }, { mini_batch_size: 10, input_dropout_ratio: 0.1 },
    { max_w2: 5, overwrite_with_best_model: false, shuffle_training_data: true },
  ];
  for (const c of changes) {
    const r = await train({ checkpoint: cp, epochs: 7, ...SAME, ...c });
    for (const [k, v] of Object.entries(c)) assert.equal((r.params as unknown as Record<string, unknown>)[k], v, k);
    assert.ok(r.epochs > 5 && r.scoringHistory().length > cp.scoringHistory().length, JSON.stringify(c));
  }
});

test('a new level in a predictor or in the response refuses the restart (H2O); the checkpoint still scores such data', async () => {
  const frame = (cs: string[], ys: number[]) => Frame.fromArrays({ c: cs, x: ys.map((_, i) => i % 7), y: ys }, { types: { c: 'enum' } });
  const ys = Array.from({ length: 60 }, (_, i) => (i % 3) * 2 + (i % 7) / 7);
  const cp = new DeepLearningEstimator({ ...BASE, epochs: 2 });
  await cp.train({ y: 'y', training_frame: frame(ys.map((_, i) => (i % 2 ? 'a' : 'b')), ys) });
  const withNew = frame(ys.map((_, i) => ['a', 'b', 'new'][i % 3]!), ys);
  await rejects(() => new DeepLearningEstimator({ checkpoint: cp, epochs: 4, ...SAME }).train({ training_frame: withNew }), 'BAD_COLUMN', 'c', /levels of the training data must be the same.*'c'.*\[new\]/);
  const pred = await cp.predict(withNew);
  assert.is(pred.nrow, 60);
  // The same levels (in another order of appearance) restart fine.
  const r = new DeepLearningEstimator({ checkpoint: cp, epochs: 4, ...SAME });
  await r.train({ training_frame: frame(ys.map((_, i) => (i % 2 ? 'b' : 'a')), ys) });
  assert.is(r.epochs, 4);

  const iris = irisFrame();
  const twoSpecies = Frame.fromArrays({
    ...Object.fromEntries(['sepal_len', 'sepal_wid', 'petal_len', 'petal_wid'].map((n) => [n, Array.from({ length: 100 }, (_, i) => iris.col(n).at(i))])),
    species: Array.from({ length: 100 }, (_, i) => iris.col('species').str(i)!),
  }, { types: { species: 'enum' } });
  const binomial = await train({ ...BASE, epochs: 2 }, twoSpecies);
  await rejects(() => train({ checkpoint: binomial, epochs: 4, ...SAME }, iris), 'BAD_COLUMN', 'species', /levels it was not trained on: \[virginica\]/);
});

test('the data must fit the checkpoint: response type, validation frame, predictor columns, x', async () => {
  const { adadelta: cp } = await checkpoints();
  await rejects(() => train({ checkpoint: cp, epochs: 9, y: 'petal_wid' }), 'BAD_PARAMETER', 'response_column', /response type must be the same.*categorical.*'petal_wid' is numeric/);
  const [tr, va] = irisFrame().splitFrame([0.8], { seed: 1 });
  await rejects(() => train({ checkpoint: cp, epochs: 9 }, tr!, va), 'BAD_PARAMETER', 'validation_frame', /trained without one/);
  const noSepal = irisFrame().select(['sepal_wid', 'petal_len', 'petal_wid', 'species']);
  await rejects(() => train({ checkpoint: cp, epochs: 9 }, noSepal), 'BAD_COLUMN', 'sepal_len', /column 'sepal_len' is missing/);
  await rejects(() => train({ checkpoint: cp, epochs: 9 }, irisFrame(), undefined, ['sepal_len', 'sepal_wid', 'petal_len']), 'BAD_PARAMETER', 'x', /'petal_wid' is one of its predictors/);
  await rejects(() => train({ checkpoint: cp, epochs: 9 }, irisFrame().withColumns({ extra: new Array(150).fill(1) }), undefined, ['sepal_len', 'sepal_wid', 'petal_len', 'petal_wid', 'extra']), 'BAD_PARAMETER', 'x', /'extra' is not one of its predictors/);
  const r = await train({ checkpoint: cp, epochs: 6, ...SAME }, irisFrame(), undefined, ['petal_wid', 'petal_len', 'sepal_wid', 'sepal_len']);
  assert.is(r.epochs, 6);
});

test('the checkpoint must be a trained model or a model file; initial weights cannot join it', async () => {
  const { adadelta: cp } = await checkpoints();
  await rejects(() => train({ checkpoint: {} as never, epochs: 9 }), 'BAD_PARAMETER', 'checkpoint', /trained DeepLearningModel or the path/);
  await rejects(() => train({ checkpoint: new DeepLearningEstimator({}), epochs: 9 }), 'BAD_PARAMETER', 'checkpoint', /has not been trained/);
  const notModel = join(dir, 'notes.txt');
  writeFileSync(notModel, 'these are not the weights you are looking for\n');
  try { await train({ checkpoint: notModel, epochs: 9 }); assert.unreachable(); } catch (e) {
    assert.ok(isAquiferError(e) && e.code === 'BAD_MODEL_FILE' && e.message.includes('notes.txt'), String(e));
  }
  await rejects(() => train({ checkpoint: cp, epochs: 9, initial_weights: [null, null] }), 'BAD_PARAMETER', 'initial_weights');
});

test.after(() => rmSync(dir, { recursive: true, force: true }));

test.run();
