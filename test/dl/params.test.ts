// Deep Learning parameters: the §11 defaults, every AUTO resolution and forced value, every
// validation rule (each rejected with a message naming the parameter), did-you-mean for unknown
// names, and the CLI's text form of every value.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  defaultParameters, formatParameterValue, parseParameterValue, PARAMETERS, resolveParameters,
  suggestParameterName, checkParameterValue, modelParameterCount,
  type DataSummary, type DeepLearningInput,
} from '../../src/dl/params';
import { isAquiferError } from '../../src/util/errors';
import { Frame } from '../../src/frame/frame';

const REG: DataSummary = { responseType: 'numeric', responseMin: 0, nrows: 100 };
const BIN: DataSummary = { responseType: 'enum', nclasses: 2, nrows: 100 };
const MULTI: DataSummary = { responseType: 'enum', nclasses: 3, nrows: 100 };
const AE: DataSummary = { responseType: null, nrows: 100 };
const AE_PARAMS = { autoencoder: true } as const;

/** Asserts that resolving throws BAD_PARAMETER about `subject`, naming it, with `fragment` in the message. */
function rejects(params: DeepLearningInput, data: DataSummary, subject: string, fragment: string) {
  let error: unknown;
  try { resolveParameters(params, data); } catch (e) { error = e; }
  if (error === undefined) assert.unreachable(`accepted ${JSON.stringify(params)}`);
  assert.ok(isAquiferError(error), String(error));
  assert.is(error.code, 'BAD_PARAMETER');
  assert.is(error.subject, subject, error.message);
  assert.ok(error.message.includes(subject), `message does not name ${subject}: ${error.message}`);
  assert.ok(error.message.includes(fragment), `expected "${fragment}" in: ${error.message}`);
}

// ---- defaults (h2o-training.md §11) ------------------------------------------------------------

test('defaults equal the §11 table', () => {
  const d = defaultParameters() as unknown as Record<string, unknown>;
  const expected: Record<string, unknown> = {
    hidden: [200, 200], epochs: 10, activation: 'Rectifier', adaptive_rate: true, rho: 0.99, epsilon: 1e-8,
    rate: 0.005, rate_annealing: 1e-6, rate_decay: 1, momentum_start: 0, momentum_ramp: 1e6, momentum_stable: 0,
    nesterov_accelerated_gradient: true, input_dropout_ratio: 0, hidden_dropout_ratios: null, l1: 0, l2: 0,
    max_w2: 3.4028235e38, initial_weight_distribution: 'UniformAdaptive', initial_weight_scale: 1,
    loss: 'Automatic', distribution: 'AUTO', quantile_alpha: 0.5, tweedie_power: 1.5, huber_alpha: 0.9,
    mini_batch_size: 1, seed: -1, nfolds: 0, fold_assignment: 'AUTO', stopping_rounds: 5, stopping_metric: 'AUTO',
    stopping_tolerance: 0, score_interval: 5, score_duty_cycle: 0.1, score_training_samples: 10000,
    score_validation_samples: 0, score_validation_sampling: 'Uniform', train_samples_per_iteration: -2,
    target_ratio_comm_to_comp: 0.05, categorical_encoding: 'AUTO', missing_values_handling: 'MeanImputation',
    variable_importances: true, fast_mode: true, sparse: false, reproducible: false, export_weights_and_biases: false,
    classification_stop: 0, regression_stop: 1e-6, max_runtime_secs: 0, balance_classes: false,
    max_after_balance_size: 5, max_confusion_matrix_size: 20, diagnostics: true, force_load_balance: true,
    replicate_training_data: true, single_node_mode: false, shuffle_training_data: false, quiet_mode: false,
    col_major: false, average_activation: 0, sparsity_beta: 0, max_categorical_features: 2147483647,
    elastic_averaging: false, elastic_averaging_moving_rate: 0.9, elastic_averaging_regularization: 0.001,
    auc_type: 'AUTO', gainslift_bins: -1, overwrite_with_best_model: true, autoencoder: false,
    use_all_factor_levels: true, standardize: true, ignore_const_cols: true, keep_cross_validation_models: true,
    keep_cross_validation_predictions: false, keep_cross_validation_fold_assignment: false, verbose: false,
    score_each_iteration: false, nthreads: -1, kernel: null, checkpoint: null, response_column: null,
  };
  for (const [name, value] of Object.entries(expected)) assert.equal(d[name], value, name);
});

test('the table holds every parameter of §11 plus nthreads and kernel, each with help text', () => {
  const section11 = `training_frame validation_frame response_column ignored_columns ignore_const_cols weights_column
    offset_column fold_column nfolds fold_assignment keep_cross_validation_models keep_cross_validation_predictions
    keep_cross_validation_fold_assignment model_id checkpoint pretrained_autoencoder overwrite_with_best_model
    autoencoder use_all_factor_levels standardize activation hidden epochs train_samples_per_iteration
    target_ratio_comm_to_comp seed adaptive_rate rho epsilon rate rate_annealing rate_decay momentum_start
    momentum_ramp momentum_stable nesterov_accelerated_gradient input_dropout_ratio hidden_dropout_ratios l1 l2
    max_w2 initial_weight_distribution initial_weight_scale initial_weights initial_biases loss distribution
    quantile_alpha tweedie_power huber_alpha score_interval score_training_samples score_validation_samples
    score_duty_cycle score_validation_sampling score_each_iteration classification_stop regression_stop
    stopping_rounds stopping_metric stopping_tolerance max_runtime_secs balance_classes class_sampling_factors
    max_after_balance_size max_confusion_matrix_size diagnostics variable_importances fast_mode force_load_balance
    replicate_training_data single_node_mode shuffle_training_data missing_values_handling quiet_mode sparse
    col_major average_activation sparsity_beta max_categorical_features reproducible export_weights_and_biases
    mini_batch_size categorical_encoding elastic_averaging elastic_averaging_moving_rate
    elastic_averaging_regularization export_checkpoints_dir auc_type custom_metric_func gainslift_bins verbose
    nthreads kernel`.split(/\s+/);
  assert.equal(PARAMETERS.map((p) => p.name).sort(), [...section11].sort());
  for (const p of PARAMETERS) assert.ok(p.help.length > 5, p.name);
});

test('every default passes its own check unchanged', () => {
  for (const spec of PARAMETERS) assert.equal(checkParameterValue(spec, spec.default), spec.default, spec.name);
});

test('defaultParameters returns fresh lists', () => {
  const a = defaultParameters();
  a.hidden.push(7);
  assert.equal(defaultParameters().hidden, [200, 200]);
});

test('checkpoint-frozen parameters are marked (DLM Sanity.cp_not_modifiable, plus hidden and ignored_columns)', () => {
  const frozen = PARAMETERS.filter((p) => p.frozen).map((p) => p.name).sort();
  assert.equal(frozen, [
    'activation', 'adaptive_rate', 'autoencoder', 'col_major', 'distribution', 'epsilon', 'hidden', 'huber_alpha',
    'ignore_const_cols', 'ignored_columns', 'max_categorical_features', 'momentum_ramp', 'momentum_stable',
    'momentum_start', 'nesterov_accelerated_gradient', 'nfolds', 'quantile_alpha', 'rate', 'rate_annealing',
    'rate_decay', 'response_column', 'rho', 'sparse', 'sparsity_beta', 'standardize', 'tweedie_power',
    'use_all_factor_levels',
  ]);
});

// ---- AUTO resolution (§3.4, lifecycle §2.2) ----------------------------------------------------

test('distribution AUTO: 2 classes → bernoulli, more → multinomial, loss → CrossEntropy', () => {
  const b = resolveParameters({}, BIN), m = resolveParameters({}, MULTI);
  assert.is(b.distribution, 'bernoulli');
  assert.is(m.distribution, 'multinomial');
  assert.is(b.loss, 'CrossEntropy');
  assert.is(m.loss, 'CrossEntropy');
});

test('distribution AUTO for regression follows the loss', () => {
  const cases = { Automatic: 'gaussian', Quadratic: 'gaussian', Absolute: 'laplace', Quantile: 'quantile', Huber: 'huber' } as const;
  for (const [loss, dist] of Object.entries(cases)) {
    assert.is(resolveParameters({ loss: loss as keyof typeof cases }, REG).distribution, dist, loss);
  }
});

test('loss Automatic follows the distribution; poisson, gamma and tweedie keep Automatic (deviance)', () => {
  const cases = {
    gaussian: 'Quadratic', laplace: 'Absolute', quantile: 'Quantile', huber: 'Huber',
    poisson: 'Automatic', gamma: 'Automatic', tweedie: 'Automatic',
  } as const;
  for (const [dist, loss] of Object.entries(cases)) {
    assert.is(resolveParameters({ distribution: dist as keyof typeof cases }, REG).loss, loss, dist);
  }
  assert.is(resolveParameters({ distribution: 'bernoulli' }, BIN).loss, 'CrossEntropy');
  assert.is(resolveParameters({ distribution: 'multinomial' }, BIN).loss, 'CrossEntropy');
});

test('an explicit loss is kept: gaussian accepts any regression loss, a classifier Quadratic', () => {
  const g = resolveParameters({ distribution: 'gaussian', loss: 'Absolute' }, REG);
  assert.is(g.distribution, 'gaussian');
  assert.is(g.loss, 'Absolute');
  assert.is(resolveParameters({ loss: 'Quadratic' }, MULTI).loss, 'Quadratic');
});

test('an autoencoder takes its distribution from the loss, like regression', () => {
  assert.is(resolveParameters(AE_PARAMS, AE).distribution, 'gaussian');
  assert.is(resolveParameters({ ...AE_PARAMS, loss: 'Absolute' }, AE).distribution, 'laplace');
});

test('stopping_metric AUTO → logloss, deviance, MSE; an explicit one is kept', () => {
  assert.is(resolveParameters({}, BIN).stopping_metric, 'logloss');
  assert.is(resolveParameters({}, REG).stopping_metric, 'deviance');
  assert.is(resolveParameters(AE_PARAMS, AE).stopping_metric, 'MSE');
  assert.is(resolveParameters({ stopping_metric: 'AUC' }, BIN).stopping_metric, 'AUC');
  assert.is(resolveParameters({ stopping_metric: 'MAE' }, REG).stopping_metric, 'MAE');
});

test('categorical_encoding AUTO → OneHotInternal; other encodings kept in any spelling', () => {
  assert.is(resolveParameters({}, REG).categorical_encoding, 'OneHotInternal');
  assert.is(resolveParameters({ categorical_encoding: 'Binary' }, REG).categorical_encoding, 'Binary');
  const py = { categorical_encoding: 'sort_by_response' } as unknown as DeepLearningInput;
  assert.is(resolveParameters(py, REG).categorical_encoding, 'SortByResponse');
});

test('fold_assignment: null without cross-validation, AUTO → Random with nfolds, explicit kept', () => {
  assert.is(resolveParameters({}, REG).fold_assignment, null);
  assert.is(resolveParameters({ nfolds: 5 }, REG).fold_assignment, 'Random');
  assert.is(resolveParameters({ nfolds: 5, fold_assignment: 'Modulo' }, REG).fold_assignment, 'Modulo');
});

test('hidden_dropout_ratios default to 0.5 per hidden layer for WithDropout activations', () => {
  const p = resolveParameters({ activation: 'TanhWithDropout', hidden: [8, 8, 8] }, REG);
  assert.equal(p.hidden_dropout_ratios, [0.5, 0.5, 0.5]);
});

test('given hidden_dropout_ratios are kept; non-dropout activations have none', () => {
  const p = resolveParameters({ activation: 'RectifierWithDropout', hidden: [8, 8], hidden_dropout_ratios: [0.2, 0.1] }, REG);
  assert.equal(p.hidden_dropout_ratios, [0.2, 0.1]);
  assert.is(resolveParameters({ activation: 'Tanh' }, REG).hidden_dropout_ratios, null);
});

test('adaptive_rate zeroes the manual rate and momentum settings and warns about changed ones', () => {
  const p = resolveParameters({ rate: 0.01, momentum_start: 0.5 }, REG);
  for (const name of ['rate', 'rate_annealing', 'rate_decay', 'momentum_start', 'momentum_ramp', 'momentum_stable'] as const) {
    assert.is(p[name], 0, name);
  }
  assert.is(p.warnings.length, 2);
  assert.ok(p.warnings[0]!.includes('rate') && p.warnings[0]!.includes('adaptive_rate'));
  assert.ok(p.warnings[1]!.includes('momentum_start'));
  assert.is(p.rho, 0.99);
});

test('the manual rate keeps rate and momentum and zeroes rho and epsilon', () => {
  const p = resolveParameters({ adaptive_rate: false, rate: 0.01, momentum_start: 0.5, momentum_stable: 0.99, momentum_ramp: 1e5 }, REG);
  assert.is(p.rate, 0.01);
  assert.is(p.momentum_start, 0.5);
  assert.is(p.momentum_stable, 0.99);
  assert.is(p.momentum_ramp, 1e5);
  assert.is(p.rate_annealing, 1e-6);
  assert.is(p.rho, 0);
  assert.is(p.epsilon, 0);
  assert.equal(p.warnings, []);
});

test('seed -1 draws a fresh non-negative seed; a given seed is kept, bigints too', () => {
  const a = resolveParameters({}, REG).seed, b = resolveParameters({}, REG).seed;
  assert.type(a, 'number');
  assert.ok((a as number) >= 0 && a !== -1);
  assert.ok(a !== b || resolveParameters({}, REG).seed !== a, 'three equal fresh seeds');
  assert.is(resolveParameters({ seed: 1234 }, REG).seed, 1234);
  assert.is(resolveParameters({ seed: -7 }, REG).seed, -7);
  assert.is(resolveParameters({ seed: 2n ** 62n }, REG).seed, 2n ** 62n);
});

test('reproducible forces load balancing, scoring every iteration, no replication, tspi -2 → -1', () => {
  const p = resolveParameters({ reproducible: true, force_load_balance: false, replicate_training_data: true }, REG);
  assert.is(p.force_load_balance, true);
  assert.is(p.score_each_iteration, true);
  assert.is(p.replicate_training_data, false);
  assert.is(p.train_samples_per_iteration, -1);
  assert.is(resolveParameters({ reproducible: true, train_samples_per_iteration: 500 }, REG).train_samples_per_iteration, 500);
});

test('max_w2 Infinity becomes 1000 for Rectifier (with a warning) but stays for Tanh; FLT_MAX stays', () => {
  const r = resolveParameters({ max_w2: Infinity }, REG);
  assert.is(r.max_w2, 1000);
  assert.ok(r.warnings.some((w) => w.includes('max_w2')));
  assert.is(resolveParameters({ max_w2: Infinity, activation: 'Tanh' }, REG).max_w2, Infinity);
  assert.is(resolveParameters({}, REG).max_w2, 3.4028235e38);
});

test('an autoencoder forces use_all_factor_levels, with a warning', () => {
  const p = resolveParameters({ ...AE_PARAMS, use_all_factor_levels: false }, AE);
  assert.is(p.use_all_factor_levels, true);
  assert.ok(p.warnings.some((w) => w.includes('use_all_factor_levels')));
});

test('cross-validation turns overwrite_with_best_model off', () => {
  assert.is(resolveParameters({ nfolds: 3 }, REG).overwrite_with_best_model, false);
  assert.is(resolveParameters({}, REG).overwrite_with_best_model, true);
});

test('mini_batch_size > 1 is kept (a real mini-batch path), with a warning only when it exceeds the rows', () => {
  const p = resolveParameters({ mini_batch_size: 32 }, REG);
  assert.is(p.mini_batch_size, 32);
  assert.equal(p.warnings, []);
  const q = resolveParameters({ mini_batch_size: 512 }, REG);
  assert.is(q.mini_batch_size, 512);
  assert.ok(q.warnings.some((w) => w.includes('mini_batch_size')));
});

test('nthreads -1 stays for the caller to resolve; kernel accepts a build name', () => {
  assert.is(resolveParameters({}, REG).nthreads, -1);
  assert.is(resolveParameters({ nthreads: 2, kernel: 'simd-st' }, REG).kernel, 'simd-st');
});

test('warnings for deprecated diagnostics, unused stopping settings and stratified fallback', () => {
  assert.ok(resolveParameters({ diagnostics: false }, REG).warnings.some((w) => w.includes('diagnostics')));
  const s = resolveParameters({ stopping_rounds: 0, stopping_metric: 'MSE', stopping_tolerance: 0.01 }, REG).warnings;
  assert.ok(s.some((w) => w.includes('stopping_metric')));
  assert.ok(s.some((w) => w.includes('stopping_tolerance')));
  assert.ok(resolveParameters({ score_validation_sampling: 'Stratified' }, BIN).warnings.some((w) => w.includes('Stratified')));
  assert.equal(resolveParameters({ score_validation_sampling: 'Stratified', balance_classes: true }, BIN).warnings, []);
});

test('hidden null means no hidden layer; null for a non-nullable parameter means its default', () => {
  const p = resolveParameters({ hidden: null, epochs: null } as unknown as DeepLearningInput, REG);
  assert.equal(p.hidden, []);
  assert.is(p.epochs, 10);
});

test('enum values match whatever the case and separators', () => {
  const p = resolveParameters({ activation: 'rectifier_with_dropout', distribution: 'Gaussian', loss: 'auto' } as unknown as DeepLearningInput, REG);
  assert.is(p.activation, 'RectifierWithDropout');
  assert.is(p.distribution, 'gaussian');
  assert.is(p.loss, 'Quadratic');
});

test('the alias y names response_column', () => {
  assert.is(resolveParameters({ y: 'target' }, REG).response_column, 'target');
  assert.is(resolveParameters({ y: 'target', response_column: 'target' }, REG).response_column, 'target');
});

test('legal edge values are accepted', () => {
  const ok: [DeepLearningInput, DataSummary][] = [
    [{ epochs: 0 }, REG], [{ epochs: 0.5 }, REG], [{ hidden: [] }, REG], [{ hidden: [] , activation: 'TanhWithDropout' }, REG],
    [{ activation: 'MaxoutWithDropout', autoencoder: true }, AE], [{ distribution: 'quantile', loss: 'Quantile', quantile_alpha: 1 }, REG],
    [{ distribution: 'multinomial' }, BIN], [{ distribution: 'tweedie', tweedie_power: 1.01 }, REG],
    [{ nfolds: 100 }, REG], [{ train_samples_per_iteration: -2 }, REG], [{ train_samples_per_iteration: 0 }, REG],
    [{ input_dropout_ratio: 0.999 }, REG], [{ classification_stop: -1, regression_stop: -1 }, REG],
    [{ autoencoder: true, sparsity_beta: 0.1, average_activation: 0.05, activation: 'Tanh' }, AE],
    [{ fold_column: 'fold' }, REG], [{ class_sampling_factors: [1, 2, 3], balance_classes: true }, MULTI],
    [{ training_frame: Frame.fromArrays({ a: [1, 2] }), initial_weights: [null, null, null] }, REG],
    [{ checkpoint: {}, epochs: 20 }, REG], [{ pretrained_autoencoder: 'ae.aqm' }, REG],
    [{ custom_metric_func: () => 0, stopping_metric: 'custom' }, REG], [{ gainslift_bins: 0 }, BIN],
  ];
  for (const [params, data] of ok) resolveParameters(params, data);
});

// ---- validation: one value (type and range, lifecycle §11) -------------------------------------

type Case = [string, DeepLearningInput, DataSummary, string, string];
const asInput = (x: Record<string, unknown>) => x as unknown as DeepLearningInput;

const VALUE_CASES: Case[] = [
  ['a string for a boolean', asInput({ standardize: 'yes' }), REG, 'standardize', 'must be true or false, got "yes"'],
  ['a string for a number', asInput({ epochs: '10' }), REG, 'epochs', 'must be a number, got "10"'],
  ['a fraction for an integer', { mini_batch_size: 2.5 }, REG, 'mini_batch_size', 'must be an integer, got 2.5'],
  ['NaN', { l1: NaN }, REG, 'l1', 'finite number, got NaN'],
  ['infinite epochs', { epochs: Infinity }, REG, 'epochs', 'finite number'],
  ['-Infinity for max_w2', { max_w2: -Infinity }, REG, 'max_w2', 'finite number'],
  ['an unknown activation', asInput({ activation: 'Relu' }), REG, 'activation', 'must be one of Tanh, TanhWithDropout'],
  ['a number for an enum', asInput({ distribution: 3 }), REG, 'distribution', 'must be one of AUTO'],
  ['loss ModifiedHuber', asInput({ loss: 'ModifiedHuber' }), BIN, 'loss', 'not supported yet'],
  ['distribution quasibinomial', asInput({ distribution: 'quasibinomial' }), BIN, 'distribution', 'not supported for Deep Learning'],
  ['distribution ordinal', asInput({ distribution: 'ordinal' }), MULTI, 'distribution', 'not supported for Deep Learning'],
  ['distribution custom', asInput({ distribution: 'custom' }), REG, 'distribution', 'not supported for Deep Learning'],
  ['categorical_encoding Enum', asInput({ categorical_encoding: 'Enum' }), REG, 'categorical_encoding', 'need numbers'],
  ['categorical_encoding one_hot_explicit', asInput({ categorical_encoding: 'one_hot_explicit' }), REG, 'categorical_encoding', 'OneHotInternal'],
  ['a non-positive hidden size', { hidden: [10, 0, 5] }, REG, 'hidden', 'hidden[1] must be >= 1, got 0'],
  ['a negative hidden size', { hidden: [-3] }, REG, 'hidden', 'hidden[0] must be >= 1, got -3'],
  ['a fractional hidden size', { hidden: [10.5] }, REG, 'hidden', 'hidden[0] must be an integer'],
  ['hidden as a string', asInput({ hidden: '200,200' }), REG, 'hidden', 'must be a list of integers'],
  ['a hidden dropout ratio of 1', { activation: 'RectifierWithDropout', hidden: [4, 4], hidden_dropout_ratios: [0.5, 1] }, REG,
    'hidden_dropout_ratios', 'hidden_dropout_ratios[1] must be in [0,1), got 1'],
  ['a negative hidden dropout ratio', { activation: 'TanhWithDropout', hidden: [4], hidden_dropout_ratios: [-0.1] }, REG,
    'hidden_dropout_ratios', 'in [0,1)'],
  ['input_dropout_ratio 1', { input_dropout_ratio: 1 }, REG, 'input_dropout_ratio', 'must be in [0,1), got 1'],
  ['a negative input_dropout_ratio', { input_dropout_ratio: -0.2 }, REG, 'input_dropout_ratio', 'in [0,1)'],
  ['tweedie_power 2', { distribution: 'tweedie', tweedie_power: 2 }, REG, 'tweedie_power', 'must be in (1,2), got 2'],
  ['tweedie_power 1 (checked for any distribution)', { tweedie_power: 1 }, REG, 'tweedie_power', 'in (1,2)'],
  ['quantile_alpha above 1', { distribution: 'quantile', quantile_alpha: 1.5 }, REG, 'quantile_alpha', 'must be in [0,1], got 1.5'],
  ['huber_alpha below 0', { distribution: 'huber', huber_alpha: -0.1 }, REG, 'huber_alpha', 'in [0,1]'],
  ['a negative l1', { l1: -1e-5 }, REG, 'l1', 'must be >= 0'],
  ['a negative l2', { l2: -1 }, REG, 'l2', 'must be >= 0'],
  ['max_w2 0', { max_w2: 0 }, REG, 'max_w2', 'must be > 0, got 0'],
  ['a negative max_w2', { max_w2: -5 }, REG, 'max_w2', 'must be > 0'],
  ['negative epochs', { epochs: -1 }, REG, 'epochs', 'must be >= 0, got -1'],
  ['rho 0', { rho: 0 }, REG, 'rho', 'must be in (0,1), got 0'],
  ['rho 1', { rho: 1 }, REG, 'rho', 'in (0,1)'],
  ['epsilon 0', { epsilon: 0 }, REG, 'epsilon', 'must be > 0'],
  ['a negative rate', { adaptive_rate: false, rate: -0.1 }, REG, 'rate', 'must be >= 0'],
  ['a negative rate_annealing', { adaptive_rate: false, rate_annealing: -1 }, REG, 'rate_annealing', 'must be >= 0'],
  ['a negative rate_decay', { adaptive_rate: false, rate_decay: -1 }, REG, 'rate_decay', 'must be >= 0'],
  ['momentum_start 1', { adaptive_rate: false, momentum_start: 1 }, REG, 'momentum_start', 'in [0,1)'],
  ['a negative momentum_stable', { adaptive_rate: false, momentum_stable: -0.1 }, REG, 'momentum_stable', 'in [0,1)'],
  ['train_samples_per_iteration -3', { train_samples_per_iteration: -3 }, REG, 'train_samples_per_iteration', 'must be >= -2'],
  ['target_ratio_comm_to_comp 0', { target_ratio_comm_to_comp: 0 }, REG, 'target_ratio_comm_to_comp', 'must be > 0'],
  ['a negative score_interval', { score_interval: -1 }, REG, 'score_interval', 'must be >= 0'],
  ['negative score_training_samples', { score_training_samples: -1 }, REG, 'score_training_samples', 'must be >= 0'],
  ['negative score_validation_samples', { score_validation_samples: -1 }, REG, 'score_validation_samples', 'must be >= 0'],
  ['score_duty_cycle above 1', { score_duty_cycle: 1.5 }, REG, 'score_duty_cycle', 'must be in [0,1]'],
  ['negative stopping_rounds', { stopping_rounds: -1 }, REG, 'stopping_rounds', 'must be >= 0'],
  ['stopping_tolerance 1', { stopping_tolerance: 1 }, REG, 'stopping_tolerance', 'must be in [0,1), got 1'],
  ['a negative stopping_tolerance', { stopping_tolerance: -0.1 }, REG, 'stopping_tolerance', 'in [0,1)'],
  ['negative max_runtime_secs', { max_runtime_secs: -1 }, REG, 'max_runtime_secs', 'must be >= 0'],
  ['max_after_balance_size 0', { max_after_balance_size: 0 }, BIN, 'max_after_balance_size', 'must be > 0'],
  ['a zero class sampling factor', { balance_classes: true, class_sampling_factors: [1, 0] }, BIN,
    'class_sampling_factors', 'class_sampling_factors[1] must be > 0'],
  ['max_categorical_features 0', { max_categorical_features: 0 }, REG, 'max_categorical_features', 'must be >= 1'],
  ['mini_batch_size 0', { mini_batch_size: 0 }, REG, 'mini_batch_size', 'must be >= 1, got 0'],
  ['elastic_averaging_moving_rate above 1', { elastic_averaging_moving_rate: 1.5 }, REG, 'elastic_averaging_moving_rate', 'in [0,1]'],
  ['negative elastic_averaging_regularization', { elastic_averaging_regularization: -1 }, REG, 'elastic_averaging_regularization', '>= 0'],
  ['initial_weight_scale 0', { initial_weight_distribution: 'Normal', initial_weight_scale: 0 }, REG, 'initial_weight_scale', 'must be > 0'],
  ['a negative sparsity_beta', { autoencoder: true, sparsity_beta: -1 }, AE, 'sparsity_beta', 'must be >= 0'],
  ['nthreads 0', { nthreads: 0 }, REG, 'nthreads', 'must be >= 1 or -1, got 0'],
  ['gainslift_bins -2', { gainslift_bins: -2 }, BIN, 'gainslift_bins', 'must be >= -1'],
  ['negative max_confusion_matrix_size', { max_confusion_matrix_size: -1 }, BIN, 'max_confusion_matrix_size', '>= 0'],
  ['a fractional seed', { seed: 1.5 }, REG, 'seed', 'must be an integer'],
  ['a seed beyond 64 bits', { seed: 2n ** 64n }, REG, 'seed', 'must be an integer'],
  ['an unknown kernel build', asInput({ kernel: 'avx512' }), REG, 'kernel', 'must be one of relaxed-mt'],
  ['a number for a column name', asInput({ response_column: 5 }), REG, 'response_column', 'must be a column name, got 5'],
  ['a string for a column list', asInput({ ignored_columns: 'a' }), REG, 'ignored_columns', 'must be a list of column names'],
  ['a number for a frame', asInput({ training_frame: 42 }), REG, 'training_frame', 'must be a Frame'],
  ['a number among initial weights', asInput({ initial_weights: [42, null, null] }), REG, 'initial_weights', 'Frames or nulls'],
  ['a number for a model', asInput({ checkpoint: 42 }), REG, 'checkpoint', 'must be a model'],
  ['a number for a custom metric', asInput({ custom_metric_func: 42 }), REG, 'custom_metric_func', 'must be a function'],
  ['a number for model_id', asInput({ model_id: 42 }), REG, 'model_id', 'must be a string'],
  ['an unknown fold_assignment', asInput({ nfolds: 3, fold_assignment: 'Sideways' }), REG, 'fold_assignment', 'Random, Modulo, Stratified'],
  ['an unknown score_validation_sampling', asInput({ score_validation_sampling: 'Random' }), BIN, 'score_validation_sampling', 'Uniform, Stratified'],
  ['an unknown missing_values_handling', asInput({ missing_values_handling: 'Drop' }), REG, 'missing_values_handling', 'MeanImputation, Skip'],
  ['an unknown initial_weight_distribution', asInput({ initial_weight_distribution: 'Gaussian' }), REG, 'initial_weight_distribution', 'UniformAdaptive'],
  ['an unknown auc_type', asInput({ auc_type: 'MICRO' }), MULTI, 'auc_type', 'MACRO_OVR'],
  ['an unknown stopping_metric', asInput({ stopping_metric: 'accuracy' }), BIN, 'stopping_metric', 'must be one of AUTO, deviance'],
];

for (const [what, params, data, subject, fragment] of VALUE_CASES) {
  test(`rejects ${what}`, () => rejects(params, data, subject, fragment));
}

// ---- validation: combinations (lifecycle §11, training §3.4, lifecycle §7.1) -------------------

const RULE_CASES: Case[] = [
  // response and autoencoder (§11.6)
  ['a missing response without autoencoder', {}, AE, 'response_column', 'required unless autoencoder'],
  ['a response with autoencoder', AE_PARAMS, REG, 'autoencoder', 'no response column'],
  ['a classification response with one class', {}, { responseType: 'enum', nclasses: 1 }, 'response_column', 'has 1 class'],
  ['more than 2^20 classes', {}, { responseType: 'enum', nclasses: 2 ** 20 + 1 }, 'response_column', 'at most 2^20'],
  ['the response as weights', { response_column: 'y', weights_column: 'y' }, REG, 'weights_column', "the same column ('y')"],
  ['the offset as fold column', { offset_column: 'o', fold_column: 'o' }, REG, 'fold_column', 'offset_column and fold_column'],
  ['y and response_column that differ', { y: 'a', response_column: 'b' }, REG, 'response_column', 'differ'],
  // topology and activation (§11.1)
  ['hidden_dropout_ratios of the wrong length', { activation: 'RectifierWithDropout', hidden: [5, 5, 5], hidden_dropout_ratios: [0.1, 0.2] }, REG,
    'hidden_dropout_ratios', 'hidden_dropout_ratios has 2 values but hidden has 3 hidden layers'],
  ['hidden_dropout_ratios without a WithDropout activation', { activation: 'Rectifier', hidden: [5], hidden_dropout_ratios: [0.1] }, REG,
    'hidden_dropout_ratios', "use 'RectifierWithDropout'"],
  ['Maxout for an autoencoder', { autoencoder: true, activation: 'Maxout' }, AE, 'activation', 'not supported for an autoencoder'],
  ['col_major', { col_major: true }, REG, 'col_major', 'deprecated'],
  ['a model over 1e8 parameters', { hidden: [10000, 10000] }, { ...REG, ncols: 784 }, 'hidden', 'too large'],
  // loss and distribution (§3.4, §11.2)
  ['CrossEntropy for an autoencoder', { autoencoder: true, loss: 'CrossEntropy' }, AE, 'loss', 'autoencoder'],
  ['CrossEntropy for regression', { loss: 'CrossEntropy' }, REG, 'loss', 'needs a categorical response'],
  ['loss Huber for classification', { loss: 'Huber' }, BIN, 'loss', 'not allowed for classification'],
  ['loss Absolute for classification', { loss: 'Absolute' }, MULTI, 'loss', 'not allowed for classification'],
  ['loss Quantile for classification', { loss: 'Quantile' }, BIN, 'loss', 'not allowed for classification'],
  ['gaussian for classification', { distribution: 'gaussian' }, BIN, 'distribution', 'not allowed for classification'],
  ['poisson for classification', { distribution: 'poisson' }, MULTI, 'distribution', 'not allowed for classification'],
  ['tweedie for classification', { distribution: 'tweedie' }, BIN, 'distribution', 'not allowed for classification'],
  ['bernoulli with 3 classes', { distribution: 'bernoulli' }, MULTI, 'distribution', 'needs a response with 2 classes'],
  ['bernoulli for regression', { distribution: 'bernoulli' }, REG, 'distribution', 'not allowed for regression'],
  ['multinomial for regression', { distribution: 'multinomial' }, REG, 'distribution', 'not allowed for regression'],
  ['multinomial for an autoencoder', { autoencoder: true, distribution: 'multinomial' }, AE, 'distribution', 'not allowed for an autoencoder'],
  ['poisson with Quadratic loss', { distribution: 'poisson', loss: 'Quadratic' }, REG, 'distribution', 'only loss Automatic'],
  ['gamma with Absolute loss', { distribution: 'gamma', loss: 'Absolute' }, REG, 'distribution', 'only loss Automatic'],
  ['tweedie with Huber loss', { distribution: 'tweedie', loss: 'Huber' }, REG, 'distribution', 'only loss Automatic'],
  ['laplace with Quadratic loss', { distribution: 'laplace', loss: 'Quadratic' }, REG, 'distribution', 'Automatic or Absolute'],
  ['quantile with Absolute loss', { distribution: 'quantile', loss: 'Absolute' }, REG, 'distribution', 'Automatic or Quantile'],
  ['huber with Quantile loss', { distribution: 'huber', loss: 'Quantile' }, REG, 'distribution', 'Automatic or Huber'],
  ['poisson with a negative response', { distribution: 'poisson' }, { ...REG, responseMin: -1 }, 'distribution', 'non-negative response'],
  ['gamma with a negative response', { distribution: 'gamma' }, { ...REG, responseMin: -0.5 }, 'distribution', 'down to -0.5'],
  ['tweedie with a negative response', { distribution: 'tweedie' }, { ...REG, responseMin: -2 }, 'distribution', 'non-negative response'],
  // autoencoder, offset, balancing (§11.3)
  ['cross-validation of an autoencoder', { autoencoder: true, nfolds: 3 }, AE, 'nfolds', 'not supported for an autoencoder'],
  ['a custom metric for an autoencoder', { autoencoder: true, custom_metric_func: 'python:m=f' }, AE, 'custom_metric_func', 'autoencoder'],
  ['stopping_metric logloss for an autoencoder', { autoencoder: true, stopping_metric: 'logloss' }, AE, 'stopping_metric', 'AUTO or MSE'],
  ['sparsity_beta without autoencoder', { sparsity_beta: 0.1 }, REG, 'sparsity_beta', 'autoencoder: true'],
  ['a Tanh sparsity target of 1', { autoencoder: true, activation: 'Tanh', sparsity_beta: 0.1, average_activation: 1 }, AE,
    'average_activation', 'in (-1,1)'],
  ['an ExpRectifier sparsity target of -1', { autoencoder: true, activation: 'ExpRectifierWithDropout', sparsity_beta: 0.1, average_activation: -1 }, AE,
    'average_activation', 'in (-1,1)'],
  ['a Rectifier sparsity target of 0', { autoencoder: true, sparsity_beta: 0.1 }, AE, 'average_activation', 'must be > 0'],
  ['an offset for classification', { offset_column: 'o' }, BIN, 'offset_column', 'only supported for regression'],
  ['an offset for an autoencoder', { autoencoder: true, offset_column: 'o' }, AE, 'offset_column', 'autoencoder'],
  ['balance_classes for regression', { balance_classes: true }, REG, 'balance_classes', 'requires classification'],
  ['class_sampling_factors without balance_classes', { class_sampling_factors: [1, 2] }, BIN, 'class_sampling_factors', 'requires balance_classes'],
  ['class_sampling_factors of the wrong length', { balance_classes: true, class_sampling_factors: [1, 2] }, MULTI,
    'class_sampling_factors', 'has 2 values but the response has 3 classes'],
  // encoding, scoring, stopping (§11.4, §2.2)
  ['elastic averaging with sparse', { elastic_averaging: true, sparse: true }, REG, 'elastic_averaging', 'sparse'],
  ['stopping_metric deviance for classification', { stopping_metric: 'deviance' }, BIN, 'stopping_metric', 'classification'],
  ['stopping_metric logloss for regression', { stopping_metric: 'logloss' }, REG, 'stopping_metric', 'is for classification'],
  ['stopping_metric AUC for regression', { stopping_metric: 'AUC' }, REG, 'stopping_metric', 'is for classification'],
  ['stopping_metric misclassification for regression', { stopping_metric: 'misclassification' }, REG, 'stopping_metric', 'is for classification'],
  ['stopping_metric custom without a function', { stopping_metric: 'custom' }, REG, 'stopping_metric', 'needs custom_metric_func'],
  // cross-validation (§7.1)
  ['nfolds 1', { nfolds: 1 }, REG, 'nfolds', 'either 0 or > 1, got 1'],
  ['negative nfolds', { nfolds: -1 }, REG, 'nfolds', 'either 0 or > 1'],
  ['more folds than rows', { nfolds: 101 }, REG, 'nfolds', 'larger than the number of rows (100)'],
  ['nfolds with a fold column', { nfolds: 3, fold_column: 'f' }, REG, 'nfolds', 'fold_column'],
  ['fold_assignment with a fold column', { fold_column: 'f', fold_assignment: 'Modulo' }, REG, 'fold_assignment', 'fold_column'],
  ['fold_assignment without cross-validation', { fold_assignment: 'Random' }, REG, 'fold_assignment', 'only allowed for cross-validation'],
  // initialization, pretraining, checkpoint (§11.5, §9.2)
  ['initial_weights with a checkpoint', { checkpoint: 'm.aqm', initial_weights: [null, null, null] }, REG, 'initial_weights', 'checkpoint'],
  ['initial_biases with a checkpoint', { checkpoint: 'm.aqm', initial_biases: [null, null, null] }, REG, 'initial_biases', 'checkpoint'],
  ['cross-validation with a checkpoint', { checkpoint: 'm.aqm', nfolds: 3 }, REG, 'nfolds', 'checkpoint'],
  ['initial_weights of the wrong length', { hidden: [4], initial_weights: [null] }, REG, 'initial_weights', 'has 1 entries but the network has 2'],
  ['initial_biases of the wrong length', { hidden: [4, 4], initial_biases: [null, null] }, REG, 'initial_biases', 'network has 3'],
  ['a pretrained autoencoder for an autoencoder', { autoencoder: true, pretrained_autoencoder: 'ae.aqm' }, AE, 'pretrained_autoencoder', 'must not be an autoencoder'],
];

for (const [what, params, data, subject, fragment] of RULE_CASES) {
  test(`rejects ${what}`, () => rejects(params, data, subject, fragment));
}

test('the model-size check counts Maxout channels and the outputs', () => {
  assert.is(modelParameterCount(3, [4], 2, false), 4 * 3 + 4 + 2 * 4 + 2);
  assert.is(modelParameterCount(3, [4], 2, true), 8 * 3 + 8 + 2 * 4 + 2);
  assert.is(modelParameterCount(3, [], 1, false), 3 + 1);
});

// ---- unknown names -----------------------------------------------------------------------------

function unknown(name: string): { message: string; subject?: string; code: string } {
  try { resolveParameters({ [name]: 1 } as DeepLearningInput, REG); } catch (e) {
    if (isAquiferError(e)) return e;
    throw e;
  }
  throw new Error(`'${name}' was accepted`);
}

test("an unknown name is rejected with a did-you-mean: 'hiden' → 'hidden'", () => {
  const e = unknown('hiden');
  assert.is(e.code, 'UNKNOWN_PARAMETER');
  assert.is(e.subject, 'hiden');
  assert.is(e.message, "unknown parameter 'hiden'; did you mean 'hidden'?");
});

test('did-you-mean handles typos, swaps, camelCase, dashes and name fragments', () => {
  assert.is(suggestParameterName('epoch'), 'epochs');
  assert.is(suggestParameterName('activaiton'), 'activation');
  assert.is(suggestParameterName('inputDropoutRatio'), 'input_dropout_ratio');
  assert.is(suggestParameterName('--max-w2'), 'max_w2');
  assert.is(suggestParameterName('hidden_dropout'), 'hidden_dropout_ratios');
  assert.is(suggestParameterName('l3'), 'l1');
});

test("names of Object.prototype's members ('constructor', '__proto__') are unknown parameters", () => {
  for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) assert.is(unknown(name).code, 'UNKNOWN_PARAMETER');
});

test('a name close to nothing gets no suggestion', () => {
  assert.is(suggestParameterName('learning_rate_schedule_xyz'), undefined);
  assert.is(unknown('zzzzzzzz').message, "unknown parameter 'zzzzzzzz'");
});

test('unknown names are reported before bad values', () => {
  assert.is(unknown('hiden').code, 'UNKNOWN_PARAMETER');
  let code = '';
  try { resolveParameters({ epochs: -1, hiden: [1] } as DeepLearningInput, REG); } catch (e) { code = isAquiferError(e) ? e.code : ''; }
  assert.is(code, 'UNKNOWN_PARAMETER');
});

// ---- text values (CLI) -------------------------------------------------------------------------

test('parseParameterValue reads lists, numbers, booleans, enums and null', () => {
  assert.equal(parseParameterValue('hidden', '32,32,32'), [32, 32, 32]);
  assert.equal(parseParameterValue('hidden', '[64, 16]'), [64, 16]);
  assert.equal(parseParameterValue('hidden', ''), []);
  assert.equal(parseParameterValue('hidden_dropout_ratios', '0.1,0.2'), [0.1, 0.2]);
  assert.is(parseParameterValue('l1', '1e-5'), 1e-5);
  assert.is(parseParameterValue('epochs', '.5'), 0.5);
  assert.is(parseParameterValue('max_w2', 'Inf'), Infinity);
  assert.is(parseParameterValue('sparse', 'TRUE'), true);
  assert.is(parseParameterValue('standardize', 'false'), false);
  assert.is(parseParameterValue('activation', 'rectifier_with_dropout'), 'RectifierWithDropout');
  assert.is(parseParameterValue('categorical_encoding', 'one_hot_internal'), 'OneHotInternal');
  assert.is(parseParameterValue('weights_column', 'null'), null);
  assert.equal(parseParameterValue('ignored_columns', 'a,b'), ['a', 'b']);
  assert.is(parseParameterValue('y', 'C785'), 'C785');
  assert.is(parseParameterValue('seed', '-1'), -1);
  assert.is(parseParameterValue('seed', '9223372036854775807'), 9223372036854775807n);
  assert.equal(parseParameterValue('initial_weights', 'w1.csv,null'), ['w1.csv', null]);
});

test('parseParameterValue errors name the parameter and the text', () => {
  const cases: [string, string, string][] = [
    ['epochs', 'ten', 'epochs: cannot read "ten" as a number'],
    ['hidden', '32,x', 'hidden: cannot read "x" as a number'],
    ['hidden', '32,0', 'hidden[1] must be >= 1, got 0'],
    ['sparse', 'maybe', 'sparse: cannot read "maybe" as true or false'],
    ['activation', 'relu', 'activation must be one of'],
    ['seed', '1.5', 'seed: cannot read "1.5" as an integer'],
    ['input_dropout_ratio', '1', 'input_dropout_ratio must be in [0,1), got 1'],
  ];
  for (const [name, text, fragment] of cases) {
    try { parseParameterValue(name, text); assert.unreachable(`${name} ${text} accepted`); } catch (e) {
      assert.ok(isAquiferError(e) && e.code === 'BAD_PARAMETER' && e.subject === name, String(e));
      assert.ok(e.message.includes(fragment), e.message);
    }
  }
  try { parseParameterValue('hiden', '1'); assert.unreachable(); } catch (e) {
    assert.ok(isAquiferError(e) && e.code === 'UNKNOWN_PARAMETER' && e.message.includes("did you mean 'hidden'"));
  }
});

test('every default round-trips through its text form', () => {
  for (const spec of PARAMETERS) {
    assert.equal(parseParameterValue(spec.name, formatParameterValue(spec.default)), spec.default, spec.name);
  }
});

test('non-default values round-trip through their text form', () => {
  const values: Record<string, unknown> = {
    hidden: [1024, 1024, 2048], hidden_dropout_ratios: [0.4, 0.1], epochs: 1.32, l1: 1e-5, max_w2: Infinity,
    seed: 2n ** 63n - 1n, activation: 'MaxoutWithDropout', stopping_metric: 'mean_per_class_error',
    reproducible: true, nthreads: 8, kernel: 'scalar-st', ignored_columns: ['a', 'b c'], class_sampling_factors: [0.5, 2],
    train_samples_per_iteration: -2, score_validation_sampling: 'Stratified', model_id: 'my_model',
  };
  for (const [name, v] of Object.entries(values)) {
    const text = formatParameterValue(v);
    assert.equal(parseParameterValue(name, text), v, `${name}: ${text}`);
  }
});

test.run();
