// Deep Learning parameters in, effective parameters out: defaults filled in (h2o-training.md §11),
// every value checked (params-value.ts) and every combination (params-validate.ts), then each AUTO
// resolved and each forced value applied the way H2O's DLM Sanity.modifyParms does (§3.4, §3.2, §4.2,
// §5.7, lifecycle §2.2, §11). Warnings about ignored or adjusted values are returned, not printed.
//
// Where aquifer differs from H2O's code by design (h2o-training.md §10, issue notes):
// - mini_batch_size > 1 is a real feature (the GEMM path), not reset to 1.
// - the momentum ramp advances (Q9), so the momentum fields need no special case here.
// - stopping_metric is resolved even when stopping_rounds is 0 (H2O reports null there), because the
//   same metric chooses the best model for overwrite_with_best_model (lifecycle §2.5).

import { AquiferError } from '../util/errors';
import { freshSeed } from '../util/random';
import { msg } from './params-messages';
import { resolveParameterName } from './params-names';
import { defaultParameters, PARAMETERS } from './params-table';
import type { DataSummary, DeepLearningParameters, EffectiveParameters, ParameterName } from './params-types';
import { isDropoutActivation, validateParameters } from './params-validate';
import { checkParameterValue } from './params-value';

export * from './params-types';
export { PARAMETERS, PARAMETER_ALIASES, parameterSpec, defaultParameters, type ParameterSpec, type ParameterKind } from './params-table';
export { parseParameterValue, formatParameterValue, checkParameterValue, rangeText } from './params-value';
export { suggestParameterName, resolveParameterName, editDistance } from './params-names';
export { validateParameters, modelParameterCount, MAX_MODEL_PARAMETERS } from './params-validate';

/** What a user may pass: any subset of the parameters, plus H2O's alias `y` for response_column. */
export type DeepLearningInput = Partial<DeepLearningParameters> & { y?: string | null };

/** The six manual-rate settings ignored (and zeroed) under adaptive_rate (§4.2, DLM modifyParms). */
const MANUAL_RATE_PARAMETERS = ['rate', 'rate_annealing', 'rate_decay', 'momentum_start', 'momentum_ramp', 'momentum_stable'] as const;
const ADADELTA_PARAMETERS = ['rho', 'epsilon'] as const;

/**
 * Checks every user parameter and returns the effective ones. Throws UNKNOWN_PARAMETER for a name
 * that is not a parameter (with a did-you-mean) and BAD_PARAMETER, naming the parameter, for a bad
 * value or combination. `nthreads: -1` stays −1: the caller knows the machine.
 */
export function resolveParameters(user: DeepLearningInput, data: DataSummary): EffectiveParameters {
  const given = collectGiven(user);
  const p = defaultParameters();
  const out = p as unknown as Record<string, unknown>;
  for (const spec of PARAMETERS) out[spec.name] = checkParameterValue(spec, given.get(spec.name));
  validateParameters(p, data);
  return resolve(p, given, data);
}

/** The user's values by parameter name: unknown names rejected first, aliases followed. */
function collectGiven(user: DeepLearningInput): Map<ParameterName, unknown> {
  if (user === null || typeof user !== 'object' || Array.isArray(user)) {
    throw new AquiferError('BAD_PARAMETER', `parameters must be an object of name: value pairs, got ${typeof user}`);
  }
  const given = new Map<ParameterName, unknown>();
  for (const [key, value] of Object.entries(user)) {
    const name = resolveParameterName(key);
    if (value === undefined) continue;
    // Only an alias can name a parameter twice (y and response_column).
    if (given.has(name) && given.get(name) !== value) {
      throw new AquiferError('BAD_PARAMETER', msg.aliasConflict('y', name, user.y, user.response_column), { subject: name });
    }
    given.set(name, value);
  }
  return given;
}

function resolve(p: DeepLearningParameters, given: Map<ParameterName, unknown>, data: DataSummary): EffectiveParameters {
  const warnings: string[] = [];
  const classification = data.responseType === 'enum';
  const ae = p.autoencoder;
  const defaults = defaultParameters();

  // Distribution from the classes, or from the loss (§3.4); then the loss from the distribution.
  let distribution: EffectiveParameters['distribution'];
  if (p.distribution !== 'AUTO') distribution = p.distribution;
  else if (classification) distribution = data.nclasses === 2 ? 'bernoulli' : 'multinomial';
  else distribution = ({ Automatic: 'gaussian', Quadratic: 'gaussian', Absolute: 'laplace', Quantile: 'quantile', Huber: 'huber' } as const)[
    p.loss as 'Automatic' | 'Quadratic' | 'Absolute' | 'Quantile' | 'Huber'];
  let loss = p.loss;
  if (loss === 'Automatic') {
    loss = ({
      gaussian: 'Quadratic', laplace: 'Absolute', quantile: 'Quantile', huber: 'Huber',
      bernoulli: 'CrossEntropy', multinomial: 'CrossEntropy',
      poisson: 'Automatic', gamma: 'Automatic', tweedie: 'Automatic',
    } as const)[distribution];
  }

  // lifecycle §2.2: AUTO → logloss (classification), deviance (regression), MSE (autoencoder).
  const stopping_metric: EffectiveParameters['stopping_metric'] =
    p.stopping_metric !== 'AUTO' ? p.stopping_metric : ae ? 'MSE' : classification ? 'logloss' : 'deviance';
  if (p.stopping_rounds === 0) {
    if (p.stopping_metric !== 'AUTO') warnings.push(msg.stoppingMetricUnused(p.stopping_metric));
    if (p.stopping_tolerance !== 0) warnings.push(msg.stoppingToleranceUnused(p.stopping_tolerance));
  }

  // §3.2: 0.5 per hidden layer for a dropout activation without ratios; none for the others.
  const hidden_dropout_ratios = isDropoutActivation(p.activation)
    ? (p.hidden_dropout_ratios ?? p.hidden.map(() => 0.5)) : null;

  // §4.2: ADADELTA has no rate or momentum; the manual rate has no rho or epsilon. H2O warns about
  // manual settings changed from their defaults and zeroes the unused ones.
  const optimizer: Partial<Record<string, number>> = {};
  if (p.adaptive_rate) {
    for (const name of MANUAL_RATE_PARAMETERS) {
      if (p[name] !== defaults[name]) warnings.push(msg.ignoredWithAdaptiveRate(name, p[name]));
      optimizer[name] = 0;
    }
  } else {
    for (const name of ADADELTA_PARAMETERS) {
      if (given.has(name) && p[name] !== defaults[name]) warnings.push(msg.ignoredWithoutAdaptiveRate(name, p[name]));
      optimizer[name] = 0;
    }
  }

  // lifecycle §11.1: +∞ (never the FLT_MAX default, §10 Q10) becomes 1000 for Rectifier.
  let max_w2 = p.max_w2;
  if (max_w2 === Infinity && (p.activation === 'Rectifier' || p.activation === 'RectifierWithDropout')) {
    max_w2 = 1000;
    warnings.push(msg.maxW2Rectifier());
  }

  // lifecycle §11.3: an autoencoder reconstructs every level.
  let use_all_factor_levels = p.use_all_factor_levels;
  if (ae && !use_all_factor_levels) {
    use_all_factor_levels = true;
    warnings.push(msg.useAllFactorLevelsForced());
  }

  // lifecycle §2.5: with cross-validation the final model is the only one scored.
  let overwrite_with_best_model = p.overwrite_with_best_model;
  if (p.nfolds !== 0 && overwrite_with_best_model) {
    overwrite_with_best_model = false;
    if (given.get('overwrite_with_best_model') === true) warnings.push(msg.overwriteWithNfolds());
  }

  // §5.7: reproducible forces one deterministic schedule.
  let { force_load_balance, score_each_iteration, replicate_training_data, train_samples_per_iteration, shuffle_training_data } = p;
  if (p.reproducible) {
    force_load_balance = true;
    score_each_iteration = true;
    replicate_training_data = false;
    if (train_samples_per_iteration === -2) train_samples_per_iteration = -1;
    // §5.4: an iteration of exactly one epoch over H2O's single reproducible chunk is shuffled, so
    // that the epochs do not all see the rows in frame order.
    const tspi = train_samples_per_iteration;
    if (tspi === 0 || tspi === -1 || (data.nrows !== undefined && tspi === data.nrows)) shuffle_training_data = true;
  }

  // lifecycle §1.3: Stratified validation sampling applies to a balanced classifier only.
  if (p.score_validation_sampling === 'Stratified' && !(classification && p.balance_classes)) {
    warnings.push(msg.stratifiedFallsBack());
  }
  if (!p.diagnostics) warnings.push(msg.diagnosticsDeprecated());
  if (data.nrows !== undefined && data.nrows > 0 && p.mini_batch_size > data.nrows) {
    warnings.push(msg.miniBatchLargerThanData(p.mini_batch_size, data.nrows));
  }

  return {
    ...p,
    ...optimizer,
    distribution,
    loss,
    stopping_metric,
    // §1.2: AUTO → OneHotInternal.
    categorical_encoding: p.categorical_encoding === 'AUTO' ? 'OneHotInternal' : p.categorical_encoding,
    // lifecycle §7.2: AUTO → Random with folds; nothing to assign without them.
    fold_assignment: p.nfolds > 1 ? (p.fold_assignment === 'AUTO' ? 'Random' : p.fold_assignment) : null,
    // §2: −1 draws a seed once; it is stored like a user-given one.
    seed: p.seed === -1 || p.seed === -1n ? freshSeed() : p.seed,
    hidden_dropout_ratios,
    max_w2,
    use_all_factor_levels,
    overwrite_with_best_model,
    force_load_balance,
    score_each_iteration,
    replicate_training_data,
    train_samples_per_iteration,
    shuffle_training_data,
    warnings,
  };
}
