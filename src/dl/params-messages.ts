// Every error and warning text about Deep Learning parameters, in one place so they stay short and
// consistent. Each names the parameter and says why; the gist follows H2O's message where there is one
// (h2o-lifecycle.md §11 quotes them).

/** A value as the user would recognise it in a message. */
export function show(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'bigint') return `${v}n`;
  if (typeof v === 'number') return Number.isNaN(v) ? 'NaN' : String(v);
  if (typeof v === 'function') return 'a function';
  if (v === null) return 'null';
  if (Array.isArray(v)) return v.length <= 8 ? `[${v.map(show).join(', ')}]` : `a list of ${v.length} values`;
  if (typeof v === 'object') return 'an object';
  return String(v);
}

const layers = (n: number) => `${n} hidden layer${n === 1 ? '' : 's'}`;

export const msg = {
  // ---- names -------------------------------------------------------------------------------------
  unknownParameter: (name: string, suggestion: string | undefined) =>
    `unknown parameter '${name}'${suggestion ? `; did you mean '${suggestion}'?` : ''}`,
  aliasConflict: (alias: string, name: string, a: unknown, b: unknown) =>
    `${alias} and ${name} name the same parameter but differ: ${show(a)} vs ${show(b)}`,

  // ---- one value ---------------------------------------------------------------------------------
  notBoolean: (name: string, v: unknown) => `${name} must be true or false, got ${show(v)}`,
  notNumber: (name: string, v: unknown) => `${name} must be a number, got ${show(v)}`,
  notInteger: (name: string, v: unknown) => `${name} must be an integer, got ${show(v)}`,
  notFinite: (name: string, v: unknown) => `${name} must be a finite number, got ${show(v)}`,
  outOfRange: (name: string, v: unknown, range: string) => `${name} must be ${range}, got ${show(v)}`,
  notList: (name: string, v: unknown, of: string) => `${name} must be a list of ${of}, got ${show(v)}`,
  notString: (name: string, v: unknown, what: string) => `${name} must be ${what}, got ${show(v)}`,
  badEnum: (name: string, v: unknown, allowed: readonly string[]) =>
    `${name} must be one of ${allowed.join(', ')}, got ${show(v)}`,
  rejectedEnum: (name: string, v: string, why: string) => `${name} ${show(v)} is not allowed: ${why}`,
  badSeed: (name: string, v: unknown) => `${name} must be an integer (a 64-bit one as a bigint), got ${show(v)}`,
  unparsable: (name: string, text: string, what: string) => `${name}: cannot read ${JSON.stringify(text)} as ${what}`,

  // ---- topology and activation (lifecycle §11.1) -------------------------------------------------
  dropoutRatiosLength: (given: number, hidden: number) =>
    `hidden_dropout_ratios has ${given} value${given === 1 ? '' : 's'} but hidden has ${layers(hidden)}`,
  dropoutRatiosWithoutDropout: (activation: string) =>
    `hidden_dropout_ratios cannot be given with activation '${activation}' (a non-dropout activation); ` +
    `use '${activation.replace(/WithDropout$/, '')}WithDropout'`,
  autoencoderMaxout: () => "activation 'Maxout' is not supported for an autoencoder",
  colMajor: () => 'col_major is deprecated and must be false: column-major data handling is not supported',
  modelTooLarge: (n: number) =>
    `hidden: the model is too large (${n} weights and biases, at most 1e8); use fewer or smaller hidden layers`,

  // ---- loss and distribution (lifecycle §11.2, training §3.4) -----------------------------------
  crossEntropyAutoencoder: () => 'loss CrossEntropy cannot be used for an autoencoder',
  crossEntropyRegression: () => 'loss CrossEntropy needs a categorical response (this one is numeric)',
  classificationLoss: (loss: string) =>
    `loss ${loss} is not allowed for classification; use Automatic, CrossEntropy or Quadratic`,
  distributionForClassification: (d: string) =>
    `distribution ${d} is not allowed for classification (categorical response); use AUTO, bernoulli or multinomial`,
  distributionForRegression: (d: string, autoencoder: boolean) =>
    `distribution ${d} is not allowed for ${autoencoder ? 'an autoencoder' : 'regression (numeric response)'}`,
  bernoulliClasses: (n: number) => `distribution bernoulli needs a response with 2 classes, this one has ${n}; use multinomial`,
  onlyAutomaticLoss: (d: string, loss: string) =>
    `distribution ${d} allows only loss Automatic (its deviance), got ${loss}`,
  onlyLoss: (d: string, allowed: string, loss: string) =>
    `distribution ${d} allows only loss Automatic or ${allowed}, got ${loss}`,
  negativeResponse: (d: string, min: number) =>
    `distribution ${d} needs a non-negative response, but the response has values down to ${min}`,

  // ---- response (lifecycle §11.6) ----------------------------------------------------------------
  responseRequired: () => 'response_column is required unless autoencoder is true',
  responseWithAutoencoder: () => 'autoencoder is true, so there must be no response column',
  oneClass: (n: number) => `response_column: the response has ${n} class${n === 1 ? '' : 'es'}; classification needs at least 2 (the response cannot be constant)`,
  tooManyClasses: (n: number) => `response_column: the response has ${n} classes, at most 2^20 are supported`,
  sameColumn: (a: string, b: string, column: string) => `${a} and ${b} are the same column ('${column}')`,

  // ---- autoencoder, offset, balancing (lifecycle §11.3) ------------------------------------------
  autoencoderNfolds: () => 'nfolds: cross-validation is not supported for an autoencoder',
  autoencoderCustomMetric: () => 'custom_metric_func is not supported for an autoencoder',
  autoencoderStoppingMetric: (m: string) => `stopping_metric must be AUTO or MSE for an autoencoder, got ${m}`,
  sparsityWithoutAutoencoder: () => 'sparsity_beta can only be used with autoencoder: true',
  averageActivationTanh: (activation: string, v: number) =>
    `average_activation must be in (-1,1) with activation ${activation} and sparsity_beta > 0, got ${v}`,
  averageActivationRectifier: (activation: string, v: number) =>
    `average_activation must be > 0 with activation ${activation} and sparsity_beta > 0, got ${v}`,
  offsetClassification: () => 'offset_column is only supported for regression',
  offsetAutoencoder: () => 'offset_column cannot be used with autoencoder: true',
  multinomialAucType: (m: string, t: string) =>
    `stopping_metric ${m} needs auc_type MACRO_OVR, WEIGHTED_OVR, MACRO_OVO or WEIGHTED_OVO for a multinomial response: with ${t} there is no ${m} to stop on`,
  balanceNeedsClassification: () => 'balance_classes requires classification (a categorical response)',
  samplingFactorsWithoutBalance: () => 'class_sampling_factors requires balance_classes: true',
  samplingFactorsLength: (given: number, k: number) =>
    `class_sampling_factors has ${given} value${given === 1 ? '' : 's'} but the response has ${k} classes`,

  // ---- encoding, scoring, stopping (lifecycle §11.4, §2.2) ---------------------------------------
  elasticSparse: () => 'elastic_averaging cannot be used with sparse: true',
  devianceForClassification: () => 'stopping_metric deviance cannot be used for classification; use logloss',
  classificationMetricForRegression: (m: string) => `stopping_metric ${m} is for classification; this is regression`,
  customMetricMissing: (m: string) => `stopping_metric ${m} needs custom_metric_func`,

  // ---- cross-validation (lifecycle §7.1) ---------------------------------------------------------
  nfoldsValue: (n: number) => `nfolds must be either 0 or > 1, got ${n}`,
  nfoldsTooMany: (n: number, rows: number) => `nfolds (${n}) cannot be larger than the number of rows (${rows})`,
  nfoldsWithFoldColumn: () => 'nfolds cannot be given together with fold_column',
  foldAssignmentWithFoldColumn: () => 'fold_assignment is not allowed together with fold_column',
  foldAssignmentWithoutCV: () => 'fold_assignment is only allowed for cross-validation (nfolds > 1)',

  // ---- initialization, pretraining, checkpoint (lifecycle §11.5, §9.2) ---------------------------
  initialWithCheckpoint: (name: string) =>
    `${name} cannot be given with checkpoint: a checkpoint restart continues from the checkpoint's weights`,
  initialLength: (name: string, given: number, layersPlusOne: number) =>
    `${name} has ${given} entries but the network has ${layersPlusOne} weight layers (hidden layers + 1; entries may be null)`,
  pretrainedForAutoencoder: () =>
    'pretrained_autoencoder initializes a supervised model; the model to train must not be an autoencoder',
  checkpointNfolds: () => 'nfolds must be 0 with checkpoint: cross-validation is not supported for checkpoint restarts',

  // ---- checkpoint restarts (lifecycle §9.2) ------------------------------------------------------
  checkpointNotModel: (v: unknown) =>
    `checkpoint must be a trained DeepLearningModel or the path of a saved model, got ${show(v)}`,
  checkpointNotTrained: () => 'checkpoint has to point to an existing model: this one has not been trained',
  checkpointResponseType: (was: string, now: string, column: string) =>
    `response type must be the same as for the checkpointed model: it was ${was}, but '${column}' is ${now} here`,
  checkpointValidation: (had: boolean) =>
    `presence of a validation_frame must agree with the checkpointed model, which was trained ${had ? 'with' : 'without'} one`,
  checkpointResponse: (was: string, now: string) =>
    `response_column must be the same as for the checkpointed model: '${was}', not '${now}'`,
  checkpointChange: (name: string, was: unknown, now: unknown) =>
    `cannot change parameter '${name}' on a checkpoint restart: ${show(was)} -> ${show(now)}`,
  checkpointX: (column: string, missing: boolean) => missing
    ? `x must list the same predictors as the checkpointed model: '${column}' is one of its predictors`
    : `x must list the same predictors as the checkpointed model: '${column}' is not one of its predictors`,
  checkpointMissingColumn: (column: string) =>
    `the columns of the training data must be the same as for the checkpointed model: column '${column}' is missing`,
  checkpointResponseLevels: (column: string, levels: readonly string[]) =>
    `categorical factor levels of the response must be the same as for the checkpointed model: '${column}' has levels it was not trained on: ` +
    `[${levels.slice(0, 10).join(', ')}${levels.length > 10 ? ', ...' : ''}]`,
  checkpointPredictorLevels: (column: string, levels: readonly string[]) =>
    `categorical factor levels of the training data must be the same as for the checkpointed model: '${column}' has levels it was not trained on: ` +
    `[${levels.slice(0, 10).join(', ')}${levels.length > 10 ? ', ...' : ''}]`,
  checkpointEpochs: (epochs: number, done: number) =>
    `epochs (${epochs}) counts all epochs and must be larger than the number of epochs already trained for the checkpointed model (${done})`,

  // ---- warnings ----------------------------------------------------------------------------------
  ignoredWithAdaptiveRate: (name: string, v: unknown) =>
    `${name} (${show(v)}) is ignored: it cannot be specified if adaptive_rate is enabled`,
  ignoredWithoutAdaptiveRate: (name: string, v: unknown) =>
    `${name} (${show(v)}) is ignored: it is used only with adaptive_rate: true`,
  diagnosticsDeprecated: () => 'diagnostics is deprecated: diagnostics are always enabled',
  useAllFactorLevelsForced: () => 'use_all_factor_levels is forced to true for an autoencoder',
  maxW2Rectifier: () => 'max_w2 is Infinity with a Rectifier activation: set to 1000 to keep the unbounded activation in check',
  overwriteWithNfolds: () => 'overwrite_with_best_model is turned off with cross-validation (the final model is the only one scored)',
  stoppingMetricUnused: (m: string) =>
    `stopping_metric ${m} is not used for early stopping when stopping_rounds is 0 (it still chooses the best model)`,
  stoppingToleranceUnused: (t: number) => `stopping_tolerance (${t}) is ignored when stopping_rounds is 0`,
  stratifiedFallsBack: () =>
    'score_validation_sampling Stratified applies only to classification with balance_classes; Uniform is used',
  miniBatchLargerThanData: (b: number, rows: number) =>
    `mini_batch_size (${b}) is larger than the training data (${rows} rows): each step uses at most ${rows} rows`,
};
