// The Deep Learning parameter table (h2o-training.md §11): name, default, value type, the range a
// value must lie in, and a short H2O-style help line. It drives the defaults, the per-value checks
// (params-value.ts), the CLI's `--name value` options and its help. Ranges are checked whenever a value
// is given, whether or not another setting makes the parameter unused: a value outside its range is
// a mistake either way (H2O checks tweedie_power the same way, lifecycle §11.2).

import {
  ACTIVATIONS, AUC_TYPES, CATEGORICAL_ENCODINGS, CLASS_SAMPLING_METHODS, DISTRIBUTIONS, FOLD_ASSIGNMENTS,
  INITIAL_WEIGHT_DISTRIBUTIONS, LOSSES, MISSING_VALUES_HANDLINGS, STOPPING_METRICS,
  type DeepLearningParameters, type ParameterName,
} from './params-types';

export type ParameterKind =
  | 'boolean' | 'integer' | 'number' | 'enum' | 'integer[]' | 'number[]'
  | 'column' | 'columns' | 'string' | 'frame' | 'frames' | 'model' | 'function' | 'seed';

export interface ParameterSpec {
  name: ParameterName;
  type: ParameterKind;
  default: unknown;
  help: string;
  /** enum: the accepted values in H2O's spelling (matched ignoring case, '_', '-' and spaces). */
  values?: readonly string[];
  /** enum: other spellings of accepted values. */
  aliases?: Readonly<Record<string, string>>;
  /** enum: values H2O knows but Deep Learning refuses, with the reason. */
  rejected?: Readonly<Record<string, string>>;
  /** Numeric range (of each element for lists); open ends exclude the bound. */
  min?: number;
  max?: number;
  minOpen?: boolean;
  maxOpen?: boolean;
  /** Values accepted outside the range (nthreads −1). */
  also?: readonly number[];
  /** +Infinity is a valid value (max_w2). */
  infinity?: boolean;
  /** null is a valid value (and usually the default). */
  nullable?: boolean;
  /** Must keep its value across a checkpoint restart (DLM Sanity.cp_not_modifiable, lifecycle §9.2). */
  frozen?: boolean;
}

/** Java int: the largest value of H2O's int-typed parameters. */
export const INT_MAX = 2147483647;
/** Java's Float.MAX_VALUE, max_w2's default (§4.4). */
export const FLOAT_MAX = 3.4028235e38;
/** aquifer's kernel builds (src/wasm/runtime.ts), for the `kernel` override. */
const KERNEL_BUILDS = ['relaxed-mt', 'simd-mt', 'simd-st', 'scalar-st', 'debug'] as const;

const unsupportedDistribution = (d: string) => `${d} is not supported for Deep Learning`;

export const PARAMETERS: readonly ParameterSpec[] = [
  // ---- data --------------------------------------------------------------------------------------
  { name: 'training_frame', type: 'frame', default: null, nullable: true, help: 'Training data.' },
  { name: 'validation_frame', type: 'frame', default: null, nullable: true,
    help: 'Validation data, used for scoring and early stopping only.' },
  { name: 'response_column', type: 'column', default: null, nullable: true, frozen: true,
    help: 'Response (target) column; required unless autoencoder.' },
  { name: 'ignored_columns', type: 'columns', default: null, nullable: true, frozen: true, help: 'Predictor columns to leave out.' },
  { name: 'ignore_const_cols', type: 'boolean', default: true, frozen: true,
    help: 'Drop constant, all-missing and string columns.' },
  { name: 'weights_column', type: 'column', default: null, nullable: true,
    help: 'Observation weights column (non-negative).' },
  { name: 'offset_column', type: 'column', default: null, nullable: true,
    help: 'Offset column added to the output before the inverse link (regression only).' },
  // ---- cross-validation ----------------------------------------------------------------------------
  { name: 'fold_column', type: 'column', default: null, nullable: true,
    help: 'Column with each row\'s cross-validation fold.' },
  // 1 and negative values are rejected with H2O's own message (params-validate.ts, lifecycle §7.1).
  { name: 'nfolds', type: 'integer', default: 0, max: INT_MAX, frozen: true,
    help: 'Number of cross-validation folds (0 = off, else > 1).' },
  { name: 'fold_assignment', type: 'enum', default: 'AUTO', values: FOLD_ASSIGNMENTS,
    help: 'How rows are assigned to folds: AUTO (Random), Random, Modulo, Stratified.' },
  { name: 'keep_cross_validation_models', type: 'boolean', default: true, help: 'Keep the cross-validation models.' },
  { name: 'keep_cross_validation_predictions', type: 'boolean', default: false,
    help: 'Keep the cross-validation predictions.' },
  { name: 'keep_cross_validation_fold_assignment', type: 'boolean', default: false,
    help: 'Keep the cross-validation fold assignment.' },
  // ---- model identity and continuation -------------------------------------------------------------
  { name: 'model_id', type: 'string', default: null, nullable: true, help: 'Model id (generated when omitted).' },
  { name: 'checkpoint', type: 'model', default: null, nullable: true,
    help: 'Continue training this model; epochs counts the total.' },
  { name: 'pretrained_autoencoder', type: 'model', default: null, nullable: true,
    help: 'Initialize the hidden layers from this autoencoder.' },
  { name: 'overwrite_with_best_model', type: 'boolean', default: true,
    help: 'Return the best model seen at a scoring event (off with nfolds).' },
  // ---- network -------------------------------------------------------------------------------------
  { name: 'autoencoder', type: 'boolean', default: false, frozen: true, help: 'Train an autoencoder (no response).' },
  { name: 'use_all_factor_levels', type: 'boolean', default: true, frozen: true,
    help: 'Use all levels of categoricals (one unit per level, forced for autoencoders).' },
  { name: 'standardize', type: 'boolean', default: true, frozen: true,
    help: 'Standardize numeric predictors (normalize for autoencoders) and an identity-link response.' },
  { name: 'activation', type: 'enum', default: 'Rectifier', values: ACTIVATIONS, frozen: true,
    help: 'Hidden activation: Tanh, Rectifier, Maxout, ExpRectifier, each also WithDropout.' },
  { name: 'hidden', type: 'integer[]', default: [200, 200], min: 1, max: INT_MAX, frozen: true,
    help: 'Hidden layer sizes, e.g. 200,200 (empty: no hidden layer).' },
  { name: 'epochs', type: 'number', default: 10, min: 0,
    help: 'Passes over the training data (fractional allowed; 0 scores the initial model).' },
  { name: 'train_samples_per_iteration', type: 'integer', default: -2, min: -2,
    help: 'Rows per iteration: 0 one epoch, -1 all data, -2 auto-tuned, N rows.' },
  { name: 'target_ratio_comm_to_comp', type: 'number', default: 0.05, min: 0, minOpen: true,
    help: 'Target communication/computation ratio for auto-tuning (multi-node).' },
  { name: 'seed', type: 'seed', default: -1, help: 'Random seed (-1: a random one, stored with the model).' },
  // ---- optimizer -----------------------------------------------------------------------------------
  { name: 'adaptive_rate', type: 'boolean', default: true, frozen: true, help: 'Adaptive learning rate (ADADELTA).' },
  // rho ≥ 1 would make ADADELTA's running averages stop (=1) or go negative (>1, then NaN steps).
  { name: 'rho', type: 'number', default: 0.99, min: 0, max: 1, minOpen: true, maxOpen: true, frozen: true,
    help: 'ADADELTA decay factor, in (0,1).' },
  { name: 'epsilon', type: 'number', default: 1e-8, min: 0, minOpen: true, frozen: true,
    help: 'ADADELTA smoothing term, > 0.' },
  { name: 'rate', type: 'number', default: 0.005, min: 0, frozen: true,
    help: 'Learning rate (manual mode, adaptive_rate false).' },
  { name: 'rate_annealing', type: 'number', default: 1e-6, min: 0, frozen: true,
    help: 'Learning rate annealing: rate/(1 + rate_annealing*samples).' },
  { name: 'rate_decay', type: 'number', default: 1.0, min: 0, frozen: true,
    help: 'Learning rate factor per layer: rate*rate_decay^(layer-1).' },
  // momentum ≥ 1 scales every step by (1 − m) ≤ 0 (§4.3): no progress or steps uphill.
  { name: 'momentum_start', type: 'number', default: 0, min: 0, max: 1, maxOpen: true, frozen: true,
    help: 'Initial momentum (manual mode).' },
  { name: 'momentum_ramp', type: 'number', default: 1e6, frozen: true,
    help: 'Training samples over which momentum rises from momentum_start to momentum_stable.' },
  { name: 'momentum_stable', type: 'number', default: 0, min: 0, max: 1, maxOpen: true, frozen: true,
    help: 'Final momentum (manual mode).' },
  { name: 'nesterov_accelerated_gradient', type: 'boolean', default: true, frozen: true,
    help: 'Velocity-form (Nesterov) momentum updates.' },
  // ---- regularization ------------------------------------------------------------------------------
  { name: 'input_dropout_ratio', type: 'number', default: 0, min: 0, max: 1, maxOpen: true,
    help: 'Fraction of input units dropped per training row, in [0,1).' },
  { name: 'hidden_dropout_ratios', type: 'number[]', default: null, nullable: true, min: 0, max: 1, maxOpen: true,
    help: 'Dropout ratio per hidden layer, in [0,1) (WithDropout activations; default 0.5 each).' },
  { name: 'l1', type: 'number', default: 0, min: 0, help: 'L1 regularization on weights and biases.' },
  { name: 'l2', type: 'number', default: 0, min: 0, help: 'L2 regularization on weights and biases.' },
  { name: 'max_w2', type: 'number', default: FLOAT_MAX, min: 0, minOpen: true, infinity: true,
    help: 'Maximum sum of squared incoming weights per neuron, > 0.' },
  // ---- initialization ------------------------------------------------------------------------------
  { name: 'initial_weight_distribution', type: 'enum', default: 'UniformAdaptive', values: INITIAL_WEIGHT_DISTRIBUTIONS,
    help: 'Initial weights: UniformAdaptive, Uniform or Normal.' },
  { name: 'initial_weight_scale', type: 'number', default: 1.0, min: 0, minOpen: true,
    help: 'Scale of Uniform/Normal initial weights, > 0.' },
  { name: 'initial_weights', type: 'frames', default: null, nullable: true,
    help: 'Initial weight matrices, one per layer (entries may be null).' },
  { name: 'initial_biases', type: 'frames', default: null, nullable: true,
    help: 'Initial bias vectors, one per layer (entries may be null).' },
  // ---- loss ----------------------------------------------------------------------------------------
  { name: 'loss', type: 'enum', default: 'Automatic', values: LOSSES, aliases: { auto: 'Automatic' },
    rejected: { ModifiedHuber: 'ModifiedHuber loss function is not supported yet' },
    help: 'Loss: Automatic, Quadratic, CrossEntropy, Huber, Absolute, Quantile.' },
  { name: 'distribution', type: 'enum', default: 'AUTO', values: DISTRIBUTIONS, frozen: true,
    rejected: {
      quasibinomial: 'quasibinomial is not supported for Deep Learning',
      modified_huber: unsupportedDistribution('modified_huber'), ordinal: unsupportedDistribution('ordinal'),
      custom: unsupportedDistribution('custom'), fractionalbinomial: unsupportedDistribution('fractionalbinomial'),
      negativebinomial: unsupportedDistribution('negativebinomial'),
    },
    help: 'Distribution: AUTO, bernoulli, multinomial, gaussian, poisson, gamma, laplace, quantile, huber, tweedie.' },
  { name: 'quantile_alpha', type: 'number', default: 0.5, min: 0, max: 1, frozen: true,
    help: 'Quantile for the quantile distribution, in [0,1].' },
  { name: 'tweedie_power', type: 'number', default: 1.5, min: 1, max: 2, minOpen: true, maxOpen: true, frozen: true,
    help: 'Tweedie power, in (1,2).' },
  { name: 'huber_alpha', type: 'number', default: 0.9, min: 0, max: 1, frozen: true,
    help: 'Quantile of absolute residuals that sets the Huber delta of the metrics, in [0,1].' },
  // ---- scoring -------------------------------------------------------------------------------------
  { name: 'score_interval', type: 'number', default: 5, min: 0, help: 'Minimum seconds between scorings.' },
  { name: 'score_training_samples', type: 'integer', default: 10000, min: 0,
    help: 'Training rows sampled for scoring (0 = all).' },
  { name: 'score_validation_samples', type: 'integer', default: 0, min: 0,
    help: 'Validation rows sampled for scoring (0 = all).' },
  { name: 'score_duty_cycle', type: 'number', default: 0.1, min: 0, max: 1,
    help: 'Maximum fraction of time spent scoring, in [0,1].' },
  { name: 'score_validation_sampling', type: 'enum', default: 'Uniform', values: CLASS_SAMPLING_METHODS,
    help: 'Validation sampling: Uniform, or Stratified (with balance_classes).' },
  { name: 'score_each_iteration', type: 'boolean', default: false, help: 'Score after every iteration.' },
  // ---- stopping ------------------------------------------------------------------------------------
  { name: 'classification_stop', type: 'number', default: 0,
    help: 'Stop when the training classification error is at most this (-1 disables).' },
  { name: 'regression_stop', type: 'number', default: 1e-6,
    help: 'Stop when the training MSE is at most this (-1 disables).' },
  { name: 'stopping_rounds', type: 'integer', default: 5, min: 0, max: INT_MAX,
    help: 'Early stopping: moving-average window of scoring events (0 disables).' },
  { name: 'stopping_metric', type: 'enum', default: 'AUTO', values: STOPPING_METRICS,
    help: 'Early stopping metric (AUTO: logloss, deviance, or MSE for autoencoders).' },
  { name: 'stopping_tolerance', type: 'number', default: 0, min: 0, max: 1, maxOpen: true,
    help: 'Relative improvement needed to keep going, in [0,1).' },
  { name: 'max_runtime_secs', type: 'number', default: 0, min: 0, help: 'Time budget in seconds (0 = none).' },
  // ---- class imbalance -----------------------------------------------------------------------------
  { name: 'balance_classes', type: 'boolean', default: false, help: 'Resample classes to balance them.' },
  { name: 'class_sampling_factors', type: 'number[]', default: null, nullable: true, min: 0, minOpen: true,
    help: 'Per-class sampling factors (needs balance_classes).' },
  { name: 'max_after_balance_size', type: 'number', default: 5.0, min: 0, minOpen: true,
    help: 'Largest balanced training set, relative to the original, > 0.' },
  // ---- reporting -----------------------------------------------------------------------------------
  { name: 'max_confusion_matrix_size', type: 'integer', default: 20, min: 0, max: INT_MAX,
    help: 'Deprecated: largest confusion matrix printed.' },
  { name: 'diagnostics', type: 'boolean', default: true, help: 'Deprecated: diagnostics are always on.' },
  { name: 'variable_importances', type: 'boolean', default: true, help: 'Compute variable importances (Gedeon).' },
  // ---- execution -----------------------------------------------------------------------------------
  { name: 'fast_mode', type: 'boolean', default: true,
    help: 'Skip regularization updates of weights whose input is 0.' },
  { name: 'force_load_balance', type: 'boolean', default: true, help: 'Split small data so that every core trains.' },
  { name: 'replicate_training_data', type: 'boolean', default: true,
    help: 'Copy the training data to every node (multi-node).' },
  { name: 'single_node_mode', type: 'boolean', default: false, help: 'Train on one node only (multi-node).' },
  { name: 'shuffle_training_data', type: 'boolean', default: false, help: 'Shuffle training rows.' },
  { name: 'missing_values_handling', type: 'enum', default: 'MeanImputation', values: MISSING_VALUES_HANDLINGS,
    help: 'Missing predictors: MeanImputation or Skip the row.' },
  { name: 'quiet_mode', type: 'boolean', default: false, help: 'Less output.' },
  { name: 'sparse', type: 'boolean', default: false, frozen: true,
    help: 'Sparse data handling (no centering; zeros skipped).' },
  { name: 'col_major', type: 'boolean', default: false, frozen: true, help: 'Deprecated; must be false.' },
  // ---- autoencoder sparsity ------------------------------------------------------------------------
  { name: 'average_activation', type: 'number', default: 0, help: 'Autoencoder sparsity target activation.' },
  { name: 'sparsity_beta', type: 'number', default: 0, min: 0, frozen: true,
    help: 'Autoencoder sparsity strength (autoencoder only).' },
  // ---- misc ----------------------------------------------------------------------------------------
  { name: 'max_categorical_features', type: 'integer', default: INT_MAX, min: 1, max: INT_MAX, frozen: true,
    help: 'Hash categorical units into at most this many inputs.' },
  { name: 'reproducible', type: 'boolean', default: false,
    help: 'Bit-identical results for a seed and thread count.' },
  { name: 'export_weights_and_biases', type: 'boolean', default: false,
    help: 'Expose the weights, biases and normalization arrays as frames.' },
  { name: 'mini_batch_size', type: 'integer', default: 1, min: 1, max: INT_MAX,
    help: 'Rows per gradient step (1: per-row SGD; more: mini-batches).' },
  { name: 'categorical_encoding', type: 'enum', default: 'AUTO', values: CATEGORICAL_ENCODINGS,
    rejected: {
      Enum: 'cannot use Enum encoding for categoricals - need numbers!',
      OneHotExplicit: 'explicit one-hot encoding is not used; OneHotInternal (the default) does the same, much faster',
    },
    help: 'AUTO (OneHotInternal), OneHotInternal, Binary, Eigen, LabelEncoder, SortByResponse, EnumLimited.' },
  { name: 'elastic_averaging', type: 'boolean', default: false, help: 'Elastic averaging between nodes.' },
  { name: 'elastic_averaging_moving_rate', type: 'number', default: 0.9, min: 0, max: 1,
    help: 'Elastic averaging moving rate, in [0,1].' },
  { name: 'elastic_averaging_regularization', type: 'number', default: 0.001, min: 0,
    help: 'Elastic averaging regularization strength, >= 0.' },
  { name: 'export_checkpoints_dir', type: 'string', default: null, nullable: true,
    help: 'Directory to export every intermediate model to.' },
  { name: 'auc_type', type: 'enum', default: 'AUTO', values: AUC_TYPES,
    help: 'Multinomial AUC: AUTO, NONE, MACRO_OVR, WEIGHTED_OVR, MACRO_OVO, WEIGHTED_OVO.' },
  { name: 'custom_metric_func', type: 'function', default: null, nullable: true,
    help: 'Custom metric function (not for autoencoders).' },
  { name: 'gainslift_bins', type: 'integer', default: -1, min: -1, max: INT_MAX,
    help: 'Gains/lift bins (-1: automatic, 0: none).' },
  { name: 'verbose', type: 'boolean', default: false, help: 'Print the scoring history while training.' },
  // ---- aquifer's own -------------------------------------------------------------------------------
  { name: 'nthreads', type: 'integer', default: -1, min: 1, max: INT_MAX, also: [-1],
    help: 'Worker threads (-1: all cores).' },
  { name: 'kernel', type: 'enum', default: null, nullable: true, values: KERNEL_BUILDS,
    help: 'Force a kernel build: relaxed-mt, simd-mt, simd-st, scalar-st, debug.' },
];

const BY_NAME = new Map<string, ParameterSpec>(PARAMETERS.map((p) => [p.name, p]));

/** The spec of a parameter, or undefined for a name that is not one. */
export function parameterSpec(name: string): ParameterSpec | undefined {
  return BY_NAME.get(name);
}

/** Other names H2O accepts for a parameter (h2o-training.md §11: "response_column (y)"). */
export const PARAMETER_ALIASES: Readonly<Record<string, ParameterName>> = { y: 'response_column' };

/** Every parameter at its default (lists copied, so callers may modify the result). */
export function defaultParameters(): DeepLearningParameters {
  const out: Record<string, unknown> = {};
  for (const p of PARAMETERS) out[p.name] = Array.isArray(p.default) ? [...p.default] : p.default;
  return out as unknown as DeepLearningParameters;
}
