// From user parameters and frames to everything the trainer needs: effective parameters, the
// fitted DataInfo, packed rows, the network and its step configuration, and the kernel build.

import { AquiferError } from '../util/errors';
import type { Frame } from '../frame';
import { DataInfo } from '../data/data-info';
import type { PackedRows } from '../data/training-rows';
import { runtimeInfo, unsupportedBuild, type BuildName } from '../wasm/runtime';
import { resolveParameters, modelParameterCount, MAX_MODEL_PARAMETERS, type EffectiveParameters } from './params';
import { layoutNetwork, type Activation, type ParamLayout } from './network';
import { DISTRIBUTION_CODE, type RegressionDistribution } from './distribution';
import { sampleRows, sampleRowsStratified } from './sampling';
import { balanceRows } from './class-balance';
import { classRatio, type ClassDistribution } from './predictions';
import { codesInDomain } from '../data/frame-access';
import { initialParameters } from './init';
import { loadModel } from '../persist/load-model';
import type { StepConfig } from './stepper';
import type { EvaluateOptions } from './evaluate';
import type { TrainingSetup } from './trainer';
import type { ModelInput, ModelState } from './model';
import { checkRestart, checkRestartResponse, restartDataInfo, restartInput, resumeFrom, type Resume } from './checkpoint';

export interface Prepared extends TrainingSetup {
  params: EffectiveParameters;
  warnings: string[];
  /** The input as resolved (a restart's includes what it inherits from the checkpoint). */
  input: ModelInput;
  /** A checkpoint restart: what training continues from. */
  resume?: Resume;
  /** balance_classes: the class shares before and after the training rows were resampled. */
  classDistribution?: ClassDistribution;
}

export function baseActivation(a: string): Activation {
  return a.replace('WithDropout', '') as Activation;
}

/** The steppers' settings; `classDistribution` (balance_classes) sets the correction of scored probabilities. */
export function stepConfig(p: EffectiveParameters, classDistribution?: ClassDistribution): StepConfig {
  const classification = p.distribution === 'bernoulli' || p.distribution === 'multinomial';
  const dist = p.distribution as RegressionDistribution;
  return {
    input_dropout_ratio: p.input_dropout_ratio,
    hidden_dropout_ratios: p.hidden_dropout_ratios ?? [],
    loss: classification ? (p.loss === 'Quadratic' ? 'Quadratic' : 'CrossEntropy') : 'deviance',
    distCode: classification ? 0 : DISTRIBUTION_CODE[dist],
    // Huber trains with Δ = 1 in standardized units; huber_alpha only sets the reported Δ (§3.3).
    distParam: dist === 'tweedie' ? p.tweedie_power : dist === 'quantile' ? p.quantile_alpha : dist === 'huber' ? 1 : 0,
    rho: p.rho, epsilon: p.epsilon, l1: p.l1, l2: p.l2, max_w2: p.max_w2,
    fast_mode: p.fast_mode, nesterov: p.nesterov_accelerated_gradient,
    class_ratio: classDistribution ? classRatio(classDistribution) : null,
  };
}

export function networkLayout(p: EffectiveParameters, n0: number, nout: number, output: 'softmax' | 'linear'): ParamLayout {
  const optimizer = p.adaptive_rate ? 'adadelta' : p.momentum_start !== 0 || p.momentum_stable !== 0 ? 'momentum' : 'sgd';
  return layoutNetwork({ units: [n0, ...p.hidden, nout], activation: baseActivation(p.activation), output, optimizer });
}

export function evaluateOptions(p: EffectiveParameters): EvaluateOptions {
  const classification = p.distribution === 'bernoulli' || p.distribution === 'multinomial';
  return {
    distribution: (classification ? 'gaussian' : p.distribution) as RegressionDistribution,
    tweedie_power: p.tweedie_power, quantile_alpha: p.quantile_alpha, huber_alpha: p.huber_alpha, max_hit_ratio_k: 10,
    gainslift_bins: p.gainslift_bins, auc_type: p.auc_type,
  };
}

/** The kernel build and thread count for this job. reproducible avoids relaxed SIMD, whose fused
 *  multiply-add rounds differently from CPU to CPU. */
export async function chooseExecution(p: Pick<EffectiveParameters, 'kernel' | 'nthreads' | 'reproducible'>): Promise<{ build: BuildName; threads: number }> {
  const info = await runtimeInfo(p.kernel ? { kernel: p.kernel } : {});
  const refused = p.kernel ? unsupportedBuild(p.kernel, info) : null;
  if (refused) throw new AquiferError('RUNTIME_UNSUPPORTED', `kernel '${p.kernel}' cannot run here: ${refused}`, { subject: 'kernel' });
  let build = info.build;
  if (p.reproducible && build === 'relaxed-mt' && !p.kernel) build = 'simd-mt';
  const threads = build.endsWith('-st') ? 1 : p.nthreads === -1 ? info.cores : p.nthreads;
  return { build, threads };
}

function summarizeResponse(frame: Frame, y: string | null) {
  if (y === null) return { responseType: null, nclasses: undefined, responseMin: undefined } as const;
  const col = frame.col(y);
  if (col.type === 'enum') return { responseType: 'enum', nclasses: col.domain!.length, responseMin: undefined } as const;
  if (col.type === 'string') {
    throw new AquiferError('BAD_COLUMN', `response column '${y}' holds strings: turn it into a factor first (frame.asfactor('${y}'), or --asfactor ${y} on the command line)`, { subject: y });
  }
  let min = Infinity;
  for (let i = 0; i < col.length; i++) { const v = col.at(i); if (v < min) min = v; }
  return { responseType: 'numeric', nclasses: undefined, responseMin: Number.isFinite(min) ? min : undefined } as const;
}

export async function prepare(given: ModelInput, training: Frame, validation: Frame | undefined, checkpoint?: ModelState): Promise<Prepared> {
  const input = checkpoint ? restartInput(checkpoint, given) : given;
  const { x, ...user } = input;
  const y = (user.y ?? user.response_column ?? null) as string | null;
  if (y !== null && !training.has(y)) training.col(y); // throws BAD_COLUMN with a did-you-mean
  if (checkpoint) checkRestartResponse(checkpoint, y, training, validation);
  const summary = summarizeResponse(training, y);
  const params = resolveParameters(user, { ...summary, nrows: training.nrow });
  const { warnings: paramWarnings, ...rest } = params as EffectiveParameters & { warnings?: string[] };
  const p = rest as EffectiveParameters;
  const classification = summary.responseType === 'enum';
  if (p.autoencoder) throw new AquiferError('BAD_PARAMETER', 'autoencoder training is not available yet in aquifer', { subject: 'autoencoder' });
  if (p.pretrained_autoencoder !== null) await checkPretrained(p.pretrained_autoencoder);
  // Accepted and checked by the parameter table, but not trained yet: refused rather than ignored.
  if (p.nfolds > 1 || p.fold_column !== null) {
    throw new AquiferError('BAD_PARAMETER', 'cross-validation (nfolds, fold_column) is not available yet in aquifer; hold out rows with frame.splitFrame and pass them as validation_frame', { subject: p.fold_column !== null ? 'fold_column' : 'nfolds' });
  }
  // H2O's custom metrics are accepted and checked by the parameter table, but aquifer does not compute
  // them yet: stopping on one is refused here, before any packing; otherwise the function is ignored, said so.
  if (p.stopping_metric === 'custom' || p.stopping_metric === 'custom_increasing') {
    throw new AquiferError('BAD_PARAMETER', `stopping_metric '${p.stopping_metric}' needs custom metrics, which aquifer does not compute yet`, { subject: 'stopping_metric' });
  }
  const customWarning = p.custom_metric_func !== null ? ['custom_metric_func is not computed by aquifer yet; it is ignored'] : [];

  if (checkpoint) {
    checkRestart(checkpoint, p, x, training);
    // The model keeps the path it was restarted from, never the checkpoint object (and its history).
    p.checkpoint = typeof p.checkpoint === 'string' ? p.checkpoint : null;
  }

  const seed = typeof p.seed === 'bigint' ? p.seed : BigInt(p.seed);
  const info = checkpoint ? restartDataInfo(checkpoint, p, training) : DataInfo.fit(training, {
    x: x ?? null, y, ignored_columns: p.ignored_columns, ignore_const_cols: p.ignore_const_cols,
    use_all_factor_levels: p.use_all_factor_levels, categorical_encoding: p.categorical_encoding,
    max_categorical_features: p.max_categorical_features, standardize: p.standardize, sparse: p.sparse,
    autoencoder: p.autoencoder, missing_values_handling: p.missing_values_handling,
    weights_column: p.weights_column, offset_column: p.offset_column, distribution: p.distribution, seed,
  });
  const nout = classification ? info.nclasses : 1;
  const count = modelParameterCount(info.n0, p.hidden, nout, baseActivation(p.activation) === 'Maxout');
  if (count > MAX_MODEL_PARAMETERS) {
    throw new AquiferError('BAD_PARAMETER', `the network would have ${count.toExponential(2)} weights and biases, more than ${MAX_MODEL_PARAMETERS.toExponential(0)}: use fewer or smaller hidden layers, or max_categorical_features`, { subject: 'hidden' });
  }
  // balance_classes: the rows to train on are resampled by class; μ/σ above stay the original frame's.
  const balanced = p.balance_classes ? balanceTraining(training, info, p, seed) : undefined;
  const train = info.packRows(balanced?.frame ?? training, { training: true });
  if (train.nrows === 0) {
    throw new AquiferError('BAD_FRAME', `no training rows left: every row has a missing response${p.missing_values_handling === 'Skip' ? ' or a missing predictor (missing_values_handling Skip)' : ''}`, { subject: 'training_frame' });
  }
  const seedNum = Number(BigInt.asIntN(32, seed));
  const trainScoreIndex = sampleRows(train.nrows, p.score_training_samples, seedNum);
  let valid: PackedRows | undefined;
  if (validation) {
    info.requireResponse(validation, 'validation_frame');
    const idx = p.balance_classes && p.score_validation_sampling === 'Stratified'
      ? sampleRowsStratified(responseCodes(validation, info), p.score_validation_samples, seedNum + 1)
      : sampleRows(validation.nrow, p.score_validation_samples, seedNum + 1);
    // Packed like the training rows (as non-zeros under sparse: MNIST's test set takes 12 MB, not 29).
    valid = info.packRows(idx ? validation.rows(idx) : validation);
  }
  const layout = checkpoint ? checkpoint.layout : networkLayout(p, info.n0, nout, classification ? 'softmax' : 'linear');
  const initial = initialParameters(layout, p.initial_weights, p.initial_biases) ?? undefined;
  const { build, threads } = await chooseExecution(p);
  const warnings = [...(paramWarnings ?? []), ...customWarning, ...info.warnings, ...train.warnings, ...(valid?.warnings ?? [])];
  const classDistribution = balanced?.dist;
  return {
    params: p, warnings, info, layout, evalOpts: evaluateOptions(p), train, trainScoreIndex, valid, build, threads,
    cfg: stepConfig(p, classDistribution),
    input, resume: checkpoint ? resumeFrom(checkpoint) : undefined, initial, classDistribution,
  };
}

/** lifecycle §11.5: the pretrained model must exist and be an autoencoder. aquifer trains no
 *  autoencoder yet, so a model that loads is a supervised one and is refused as H2O refuses it. */
async function checkPretrained(ref: NonNullable<EffectiveParameters['pretrained_autoencoder']>): Promise<void> {
  if (typeof ref === 'string') {
    try {
      await loadModel(ref);
    } catch (e) {
      throw new AquiferError('BAD_PARAMETER', `The pretrained model '${ref}' cannot be found: ${(e as Error).message}`, { subject: 'pretrained_autoencoder', cause: e });
    }
  }
  throw new AquiferError('BAD_PARAMETER', 'The pretrained model must be unsupervised (an autoencoder), and the model to be trained must be supervised; aquifer cannot train autoencoders yet', { subject: 'pretrained_autoencoder' });
}

/** Class index per frame row in the response's training domain (-1: missing or unseen). */
function responseCodes(frame: Frame, info: DataInfo): Int32Array {
  return codesInDomain(frame.col(info.response!.column), info.responseDomain!).codes;
}

/** The training frame resampled by class (class-balance.ts), and the class shares before and after. */
function balanceTraining(training: Frame, info: DataInfo, p: EffectiveParameters, seed: bigint): { frame: Frame; dist: ClassDistribution } {
  const weights = p.weights_column !== null && training.has(p.weights_column) ? training.col(p.weights_column).toFloat64() : null;
  // lifecycle §11.3: only 0/1 weights (rows in or out) go with resampling.
  if (weights && weights.some((w) => w !== 0 && w !== 1)) {
    throw new AquiferError('BAD_PARAMETER', `Balance classes and observation weights are not currently supported together: weights_column '${p.weights_column}' holds values other than 0 and 1`, { subject: 'balance_classes' });
  }
  const { rows, dist } = balanceRows(responseCodes(training, info), weights, info.nclasses, {
    factors: p.class_sampling_factors, max_after_balance_size: p.max_after_balance_size, seed,
  });
  return { frame: training.rows(rows), dist };
}
