// The Deep Learning parameters as types: every parameter of h2o-training.md §11 with H2O's snake_case
// name, the enumerations' values in H2O's spelling, and the effective (resolved) form training reads.

import type { Frame } from '../frame/frame';
import type { BuildName } from '../wasm/runtime';
import type { InitialWeightDistribution } from './init';
import { MULTINOMIAL_AUC_TYPES, type MultinomialAucType } from '../metrics/multiclass-auc';

export type { InitialWeightDistribution } from './init';

export const ACTIVATIONS = [
  'Tanh', 'TanhWithDropout', 'Rectifier', 'RectifierWithDropout',
  'Maxout', 'MaxoutWithDropout', 'ExpRectifier', 'ExpRectifierWithDropout',
] as const;
export type ActivationName = (typeof ACTIVATIONS)[number];

/** §3.4: ModifiedHuber is in H2O's enum but always rejected, so it is not a value here. */
export const LOSSES = ['Automatic', 'Quadratic', 'CrossEntropy', 'Huber', 'Absolute', 'Quantile'] as const;
export type LossName = (typeof LOSSES)[number];

export const DISTRIBUTIONS = [
  'AUTO', 'bernoulli', 'multinomial', 'gaussian', 'poisson', 'gamma', 'laplace', 'quantile', 'huber', 'tweedie',
] as const;
export type DistributionName = (typeof DISTRIBUTIONS)[number];

/** h2o-lifecycle.md §2.2 (ScoreKeeper.StoppingMetric). */
export const STOPPING_METRICS = [
  'AUTO', 'deviance', 'logloss', 'MSE', 'RMSE', 'MAE', 'RMSLE', 'AUC', 'AUCPR', 'lift_top_group',
  'misclassification', 'mean_per_class_error', 'custom', 'custom_increasing',
] as const;
export type StoppingMetricName = (typeof STOPPING_METRICS)[number];

/** §1.2: Enum and OneHotExplicit exist in H2O but are rejected for Deep Learning. */
export const CATEGORICAL_ENCODINGS = [
  'AUTO', 'OneHotInternal', 'Binary', 'Eigen', 'LabelEncoder', 'SortByResponse', 'EnumLimited',
] as const;
export type CategoricalEncodingName = (typeof CATEGORICAL_ENCODINGS)[number];

export const INITIAL_WEIGHT_DISTRIBUTIONS: readonly InitialWeightDistribution[] = ['UniformAdaptive', 'Uniform', 'Normal'];
export const MISSING_VALUES_HANDLINGS = ['MeanImputation', 'Skip'] as const;
export type MissingValuesHandlingName = (typeof MISSING_VALUES_HANDLINGS)[number];
export const FOLD_ASSIGNMENTS = ['AUTO', 'Random', 'Modulo', 'Stratified'] as const;
export type FoldAssignmentName = (typeof FOLD_ASSIGNMENTS)[number];
export const CLASS_SAMPLING_METHODS = ['Uniform', 'Stratified'] as const;
export type ClassSamplingMethodName = (typeof CLASS_SAMPLING_METHODS)[number];
// The metrics' own list, so the parameter and the metric cannot disagree.
export const AUC_TYPES = MULTINOMIAL_AUC_TYPES;
export type AucTypeName = MultinomialAucType;

/** A frame: a Frame, or (from the CLI or a saved grid) a path or URL the caller imports first. */
export type FrameRef = Frame | string;
/** A model (checkpoint, pretrained_autoencoder): a trained model object, or a saved model's path. */
export type ModelRef = object | string;
/** A custom metric: a function, or H2O's reference string to an uploaded one. */
export type CustomMetricRef = string | ((...args: never[]) => unknown);

/** Every Deep Learning parameter (h2o-training.md §11) plus aquifer's nthreads and kernel. */
export interface DeepLearningParameters {
  // ---- data ------------------------------------------------------------------------------------
  training_frame: FrameRef | null;
  validation_frame: FrameRef | null;
  response_column: string | null;
  ignored_columns: string[] | null;
  ignore_const_cols: boolean;
  weights_column: string | null;
  offset_column: string | null;
  // ---- cross-validation --------------------------------------------------------------------------
  fold_column: string | null;
  nfolds: number;
  fold_assignment: FoldAssignmentName;
  keep_cross_validation_models: boolean;
  keep_cross_validation_predictions: boolean;
  keep_cross_validation_fold_assignment: boolean;
  // ---- model identity and continuation -----------------------------------------------------------
  model_id: string | null;
  checkpoint: ModelRef | null;
  pretrained_autoencoder: ModelRef | null;
  overwrite_with_best_model: boolean;
  // ---- network -----------------------------------------------------------------------------------
  autoencoder: boolean;
  use_all_factor_levels: boolean;
  standardize: boolean;
  activation: ActivationName;
  hidden: number[];
  epochs: number;
  train_samples_per_iteration: number;
  target_ratio_comm_to_comp: number;
  /** −1: a fresh random seed, drawn once and stored. A bigint keeps all 64 bits of an H2O seed. */
  seed: number | bigint;
  // ---- optimizer ---------------------------------------------------------------------------------
  adaptive_rate: boolean;
  rho: number;
  epsilon: number;
  rate: number;
  rate_annealing: number;
  rate_decay: number;
  momentum_start: number;
  momentum_ramp: number;
  momentum_stable: number;
  nesterov_accelerated_gradient: boolean;
  // ---- regularization ----------------------------------------------------------------------------
  input_dropout_ratio: number;
  /** Default: 0.5 per hidden layer for the *WithDropout activations, none otherwise. */
  hidden_dropout_ratios: number[] | null;
  l1: number;
  l2: number;
  max_w2: number;
  // ---- initialization ----------------------------------------------------------------------------
  initial_weight_distribution: InitialWeightDistribution;
  initial_weight_scale: number;
  initial_weights: (FrameRef | null)[] | null;
  initial_biases: (FrameRef | null)[] | null;
  // ---- loss --------------------------------------------------------------------------------------
  loss: LossName;
  distribution: DistributionName;
  quantile_alpha: number;
  tweedie_power: number;
  huber_alpha: number;
  // ---- scoring -----------------------------------------------------------------------------------
  score_interval: number;
  score_training_samples: number;
  score_validation_samples: number;
  score_duty_cycle: number;
  score_validation_sampling: ClassSamplingMethodName;
  score_each_iteration: boolean;
  // ---- stopping ----------------------------------------------------------------------------------
  classification_stop: number;
  regression_stop: number;
  stopping_rounds: number;
  stopping_metric: StoppingMetricName;
  stopping_tolerance: number;
  max_runtime_secs: number;
  // ---- class imbalance ---------------------------------------------------------------------------
  balance_classes: boolean;
  class_sampling_factors: number[] | null;
  max_after_balance_size: number;
  // ---- reporting ---------------------------------------------------------------------------------
  max_confusion_matrix_size: number;
  diagnostics: boolean;
  variable_importances: boolean;
  // ---- execution ---------------------------------------------------------------------------------
  fast_mode: boolean;
  force_load_balance: boolean;
  replicate_training_data: boolean;
  single_node_mode: boolean;
  shuffle_training_data: boolean;
  missing_values_handling: MissingValuesHandlingName;
  quiet_mode: boolean;
  sparse: boolean;
  col_major: boolean;
  // ---- autoencoder sparsity ----------------------------------------------------------------------
  average_activation: number;
  sparsity_beta: number;
  // ---- misc --------------------------------------------------------------------------------------
  max_categorical_features: number;
  reproducible: boolean;
  export_weights_and_biases: boolean;
  /** Rows per gradient step; > 1 runs aquifer's mini-batch (GEMM) path. */
  mini_batch_size: number;
  categorical_encoding: CategoricalEncodingName;
  elastic_averaging: boolean;
  elastic_averaging_moving_rate: number;
  elastic_averaging_regularization: number;
  export_checkpoints_dir: string | null;
  auc_type: AucTypeName;
  custom_metric_func: CustomMetricRef | null;
  gainslift_bins: number;
  verbose: boolean;
  // ---- aquifer's own -----------------------------------------------------------------------------
  /** Worker threads; −1 = all cores (resolved by the caller, which knows the machine). */
  nthreads: number;
  /** Force a kernel build instead of the best one the runtime supports. */
  kernel: BuildName | null;
}

export type ParameterName = keyof DeepLearningParameters;

/** What resolveParameters needs to know about the data (from the training frame and DataInfo). */
export interface DataSummary {
  /** 'enum': classification; 'numeric': regression; null: no response (autoencoder). */
  responseType: 'enum' | 'numeric' | null;
  /** Classes of an enum response. */
  nclasses?: number;
  /** Smallest non-missing response value (poisson, gamma and tweedie need it ≥ 0). */
  responseMin?: number;
  /** Training rows (nfolds must not exceed it). */
  nrows?: number;
  /** Width of the input layer n_0 (expanded predictors, NA buckets included), for the model-size check. */
  ncols?: number;
}

/** The parameters training actually uses: defaults filled in, every AUTO resolved (§3.4, §5.7). */
export interface EffectiveParameters
  extends Omit<DeepLearningParameters,
    'distribution' | 'stopping_metric' | 'categorical_encoding' | 'fold_assignment' | 'seed'> {
  distribution: Exclude<DistributionName, 'AUTO'>;
  /** 'Automatic' remains only for poisson, gamma and tweedie (their deviance). */
  loss: LossName;
  stopping_metric: Exclude<StoppingMetricName, 'AUTO'>;
  categorical_encoding: Exclude<CategoricalEncodingName, 'AUTO'>;
  /** null without cross-validation (nothing to assign); AUTO → Random with nfolds > 1. */
  fold_assignment: Exclude<FoldAssignmentName, 'AUTO'> | null;
  /** Never −1: a fresh seed replaces it. */
  seed: number | bigint;
  /** One per hidden layer for the *WithDropout activations; null otherwise. */
  hidden_dropout_ratios: number[] | null;
  /** Notes about values that were ignored or adjusted; training goes on. */
  warnings: string[];
}
