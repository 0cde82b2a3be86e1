// What scoring needs of a model and nothing more, taken from a trained model or from the model
// file's bytes. Only types are imported from the model and the trainer, so the standalone scorer's
// bundle never contains them.

import { AquiferError } from '../util/errors';
import type { DataInfo } from '../data/data-info';
import type { ParamLayout } from '../dl/network';
import type { RegressionDistribution } from '../dl/distribution';
import { classRatio, type ClassDistribution } from '../dl/predictions';

export interface ScoringModel {
  info: DataInfo;
  layout: ParamLayout;
  /** Weights and biases at the layout's offsets: at least layout.paramFloats floats. Read from a
   *  model file, a view of the bytes read where they are aligned (Scorer.load copies what it keeps). */
  theta: Float32Array;
  /** Per hidden layer, the dropout ratio that scoring compensates for (activations × (1 − p)). */
  hiddenDropout: readonly number[];
  /** Regression: the distribution whose inverse link maps outputs to the response's units. */
  distribution: RegressionDistribution;
  /** Binomial: class 1 when p1 >= threshold (H2O's default_threshold). */
  threshold: number;
  /** balance_classes: prior_k/model_k, applied to the probabilities; null otherwise. */
  classRatio: number[] | null;
}

/** The part of a DeepLearningModel the scorer reads. */
export interface ModelLike {
  readonly dataInfo: DataInfo;
  readonly layout: ParamLayout;
  readonly theta: Float32Array;
  readonly params: { readonly distribution: string; readonly hidden_dropout_ratios: readonly number[] | null };
  readonly defaultThreshold: number;
  readonly classDistribution?: ClassDistribution | null;
}

const CLASSIFICATION = new Set(['bernoulli', 'multinomial']);

export function isModelLike(x: unknown): x is ModelLike {
  const m = x as ModelLike;
  return typeof x === 'object' && x !== null && 'dataInfo' in m && 'layout' in m && 'theta' in m && 'params' in m;
}

/** The scoring view of a trained model (its arrays are shared, not copied). */
export function fromModel(m: ModelLike): ScoringModel {
  let info: DataInfo, layout: ParamLayout, theta: Float32Array;
  try {
    info = m.dataInfo; layout = m.layout; theta = m.theta;
  } catch (e) {
    throw new AquiferError('BAD_PARAMETER', `the scorer needs a trained model: ${(e as Error).message}`, { subject: 'model', cause: e });
  }
  const d = m.params.distribution;
  return {
    info, layout, theta,
    hiddenDropout: m.params.hidden_dropout_ratios ?? [],
    distribution: (CLASSIFICATION.has(d) ? 'gaussian' : d) as RegressionDistribution,
    threshold: info.nclasses === 2 ? m.defaultThreshold : 0.5,
    classRatio: m.classDistribution ? classRatio(m.classDistribution) : null,
  };
}

/** Checks what the scorer relies on, once, at load: shapes agree and the arena is long enough. */
export function checkScoringModel(s: ScoringModel): void {
  const { units, output } = s.layout.spec;
  const K = units[units.length - 1]!;
  const problem =
    s.info.response === null ? 'it is an autoencoder, which the scorer does not score yet'
    : units[0] !== s.info.n0 ? `the network has ${units[0]} inputs but the preprocessing makes ${s.info.n0}`
    : s.theta.length < s.layout.paramFloats ? `the parameters have ${s.theta.length} floats, fewer than the network's ${s.layout.paramFloats}`
    : s.hiddenDropout.length > units.length - 2 ? `${s.hiddenDropout.length} hidden dropout ratios for ${units.length - 2} hidden layers`
    : (output === 'softmax') !== (s.info.nclasses > 1) ? `a ${output} output does not fit a response with ${s.info.nclasses} classes`
    : output === 'softmax' && K !== s.info.nclasses ? `${K} outputs for ${s.info.nclasses} classes`
    : null;
  if (problem) throw new AquiferError('BAD_MODEL_FILE', `the model cannot be scored: ${problem}`);
}
