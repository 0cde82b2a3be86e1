// The rules that involve more than one parameter, or a parameter and the data: h2o-lifecycle.md §11
// (DLM DeepLearningParameters.validate, ModelBuilder.init), training §3.4 (loss / distribution) and
// lifecycle §7.1 (cross-validation). Each value already has its type and range (params-value.ts).
// The first broken rule throws BAD_PARAMETER naming the parameter; rules run in H2O's order.

import { AquiferError } from '../util/errors';
import { msg } from './params-messages';
import type { DataSummary, DeepLearningParameters, ParameterName } from './params-types';

const fail = (subject: ParameterName, message: string): never => {
  throw new AquiferError('BAD_PARAMETER', message, { subject });
};

/** H2O's model-size guard (DL checkMemoryFootPrint_impl, lifecycle §11.1). */
export const MAX_MODEL_PARAMETERS = 1e8;

/** At most 2^20 response levels (lifecycle §11.6). */
const MAX_CLASSES = 1 << 20;

export const isDropoutActivation = (a: string) => a.endsWith('WithDropout');
const isTanhLike = (a: string) => a.startsWith('Tanh') || a.startsWith('ExpRectifier');
const isRectifier = (a: string) => a === 'Rectifier' || a === 'RectifierWithDropout';

const CLASSIFICATION_DISTRIBUTIONS = new Set(['AUTO', 'bernoulli', 'multinomial']);
/** Stopping metrics that only mean something for a classifier (lifecycle §2.2). */
export const CLASSIFICATION_METRICS = new Set([
  'logloss', 'AUC', 'AUCPR', 'lift_top_group', 'misclassification', 'mean_per_class_error',
]);

/** Weights and biases of the network (§2): hidden Maxout layers have two channels per unit. */
export function modelParameterCount(inputs: number, hidden: readonly number[], outputs: number, maxout: boolean): number {
  let total = 0, prev = inputs;
  for (const h of hidden) {
    const rows = (maxout ? 2 : 1) * h;
    total += rows * prev + rows;
    prev = h;
  }
  return total + outputs * prev + outputs;
}

export function validateParameters(p: DeepLearningParameters, data: DataSummary): void {
  const ae = p.autoencoder;
  const classification = data.responseType === 'enum';
  const H = p.hidden.length;

  // ---- response vs autoencoder (lifecycle §11.6) --------------------------------------------------
  if (!ae && data.responseType === null) fail('response_column', msg.responseRequired());
  if (ae && data.responseType !== null) fail('autoencoder', msg.responseWithAutoencoder());
  if (classification && data.nclasses !== undefined) {
    if (data.nclasses < 2) fail('response_column', msg.oneClass(data.nclasses));
    if (data.nclasses > MAX_CLASSES) fail('response_column', msg.tooManyClasses(data.nclasses));
  }
  const roles: [ParameterName, string | null][] = [
    ['response_column', p.response_column], ['weights_column', p.weights_column],
    ['offset_column', p.offset_column], ['fold_column', p.fold_column],
  ];
  for (let i = 0; i < roles.length; i++) {
    for (let j = i + 1; j < roles.length; j++) {
      const [a, ca] = roles[i]!, [b, cb] = roles[j]!;
      if (ca !== null && ca === cb) fail(b, msg.sameColumn(a, b, ca));
    }
  }

  // ---- topology and activation (lifecycle §11.1) ------------------------------------------------
  if (p.hidden_dropout_ratios !== null) {
    // Length first, as H2O does, then the activation.
    if (p.hidden_dropout_ratios.length !== H) fail('hidden_dropout_ratios', msg.dropoutRatiosLength(p.hidden_dropout_ratios.length, H));
    if (!isDropoutActivation(p.activation)) fail('hidden_dropout_ratios', msg.dropoutRatiosWithoutDropout(p.activation));
  }
  if (ae && p.activation === 'Maxout') fail('activation', msg.autoencoderMaxout());
  if (p.col_major) fail('col_major', msg.colMajor());
  if (data.ncols !== undefined) {
    const outputs = ae ? data.ncols : classification ? (data.nclasses ?? 2) : 1;
    const n = modelParameterCount(data.ncols, p.hidden, outputs, p.activation.startsWith('Maxout'));
    if (n > MAX_MODEL_PARAMETERS) fail('hidden', msg.modelTooLarge(n));
  }

  // ---- loss and distribution (training §3.4, lifecycle §11.2) -----------------------------------
  const loss = p.loss, dist = p.distribution;
  if (ae && loss === 'CrossEntropy') fail('loss', msg.crossEntropyAutoencoder());
  if (!classification && loss === 'CrossEntropy') fail('loss', msg.crossEntropyRegression());
  if (classification) {
    if (loss !== 'Automatic' && loss !== 'Quadratic' && loss !== 'CrossEntropy') fail('loss', msg.classificationLoss(loss));
    if (!CLASSIFICATION_DISTRIBUTIONS.has(dist)) fail('distribution', msg.distributionForClassification(dist));
    if (dist === 'bernoulli' && data.nclasses !== undefined && data.nclasses !== 2) {
      fail('distribution', msg.bernoulliClasses(data.nclasses));
    }
  } else {
    if (dist === 'bernoulli' || dist === 'multinomial') fail('distribution', msg.distributionForRegression(dist, ae));
    if ((dist === 'poisson' || dist === 'gamma' || dist === 'tweedie') && loss !== 'Automatic') {
      fail('distribution', msg.onlyAutomaticLoss(dist, loss));
    }
    const only: Record<string, string> = { laplace: 'Absolute', quantile: 'Quantile', huber: 'Huber' };
    if (only[dist] && loss !== 'Automatic' && loss !== only[dist]) fail('distribution', msg.onlyLoss(dist, only[dist]!, loss));
  }
  // ModelBuilder.checkDistributions: log-link families need y ≥ 0.
  if ((dist === 'poisson' || dist === 'gamma' || dist === 'tweedie') && data.responseMin !== undefined && data.responseMin < 0) {
    fail('distribution', msg.negativeResponse(dist, data.responseMin));
  }

  // ---- autoencoder, offset, class balancing (lifecycle §11.3) -----------------------------------
  if (ae) {
    if (p.nfolds > 1) fail('nfolds', msg.autoencoderNfolds());
    if (p.custom_metric_func !== null) fail('custom_metric_func', msg.autoencoderCustomMetric());
    if (p.stopping_metric !== 'AUTO' && p.stopping_metric !== 'MSE') fail('stopping_metric', msg.autoencoderStoppingMetric(p.stopping_metric));
    if (p.sparsity_beta > 0) {
      const a = p.average_activation;
      if (isTanhLike(p.activation) && (a <= -1 || a >= 1)) fail('average_activation', msg.averageActivationTanh(p.activation, a));
      if (isRectifier(p.activation) && a <= 0) fail('average_activation', msg.averageActivationRectifier(p.activation, a));
    }
  } else if (p.sparsity_beta !== 0) {
    fail('sparsity_beta', msg.sparsityWithoutAutoencoder());
  }
  if (p.offset_column !== null) {
    if (classification) fail('offset_column', msg.offsetClassification());
    if (ae) fail('offset_column', msg.offsetAutoencoder());
  }
  if (p.balance_classes && !classification) fail('balance_classes', msg.balanceNeedsClassification());
  if (p.class_sampling_factors !== null) {
    if (!p.balance_classes) fail('class_sampling_factors', msg.samplingFactorsWithoutBalance());
    if (data.nclasses !== undefined && p.class_sampling_factors.length !== data.nclasses) {
      fail('class_sampling_factors', msg.samplingFactorsLength(p.class_sampling_factors.length, data.nclasses));
    }
  }

  // ---- encoding, scoring, stopping (lifecycle §11.4, §2.2) ---------------------------------------
  if (p.sparse && p.elastic_averaging) fail('elastic_averaging', msg.elasticSparse());
  // H2O checks the metric against the problem only when stopping_rounds > 0; aquifer always does,
  // because the metric also picks the best model (lifecycle §2.5) and a mismatched one scores NaN.
  const m = p.stopping_metric;
  if (!ae) {
    if (classification && m === 'deviance') fail('stopping_metric', msg.devianceForClassification());
    if (!classification && CLASSIFICATION_METRICS.has(m)) fail('stopping_metric', msg.classificationMetricForRegression(m));
  }
  if ((m === 'custom' || m === 'custom_increasing') && p.custom_metric_func === null) fail('stopping_metric', msg.customMetricMissing(m));
  // A multinomial AUC exists only for the averaged auc_types (lifecycle §3.3); otherwise it is NaN
  // and training would silently never stop on it.
  if ((m === 'AUC' || m === 'AUCPR') && classification && (data.nclasses ?? 0) > 2 && (p.auc_type === 'AUTO' || p.auc_type === 'NONE')) {
    fail('stopping_metric', msg.multinomialAucType(m, p.auc_type));
  }

  // ---- cross-validation (lifecycle §7.1) ----------------------------------------------------------
  if (p.nfolds < 0 || p.nfolds === 1) fail('nfolds', msg.nfoldsValue(p.nfolds));
  if (p.nfolds > 1 && data.nrows !== undefined && p.nfolds > data.nrows) fail('nfolds', msg.nfoldsTooMany(p.nfolds, data.nrows));
  if (p.fold_column !== null) {
    if (p.nfolds > 1) fail('nfolds', msg.nfoldsWithFoldColumn());
    if (p.fold_assignment !== 'AUTO') fail('fold_assignment', msg.foldAssignmentWithFoldColumn());
  } else if (p.nfolds === 0 && p.fold_assignment !== 'AUTO') {
    fail('fold_assignment', msg.foldAssignmentWithoutCV());
  }

  // ---- initialization, pretraining, checkpoint (lifecycle §11.5, §9.2) ---------------------------
  if (p.checkpoint !== null) {
    if (p.initial_weights !== null) fail('initial_weights', msg.initialWithCheckpoint('initial_weights'));
    if (p.initial_biases !== null) fail('initial_biases', msg.initialWithCheckpoint('initial_biases'));
    if (p.nfolds !== 0) fail('nfolds', msg.checkpointNfolds());
  }
  if (p.initial_weights !== null && p.initial_weights.length !== H + 1) {
    fail('initial_weights', msg.initialLength('initial_weights', p.initial_weights.length, H + 1));
  }
  if (p.initial_biases !== null && p.initial_biases.length !== H + 1) {
    fail('initial_biases', msg.initialLength('initial_biases', p.initial_biases.length, H + 1));
  }
  if (p.pretrained_autoencoder !== null && ae) fail('pretrained_autoencoder', msg.pretrainedForAutoencoder());
}
