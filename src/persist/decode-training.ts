// The training section of a model file: counters, how training ended, the scoring history with its
// metrics, warnings and run time. Metrics are checked where the model's accessors and predict read
// them (kind, the headline numbers, the binomial threshold, the confusion matrix); the remaining
// fields are display tables, which JSON.parse can only have made of plain values.

import type { ModelMetrics } from '../dl/evaluate';
import type { ScoringEvent, TrainOutcome } from '../dl/trainer';
import type { ClassDistribution } from '../dl/predictions';
import { boolean, count, finite, list, nullable, number, numbers, object, oneOf, optional, ShapeError, string, strings } from './shape';

export interface TrainingRecord {
  outcome: Omit<TrainOutcome, 'theta'>;
  warnings: string[];
  hasValidation: boolean;
  runTimeMs: number;
  /** The kernel build and threads it was trained with (informational: loading picks its own). */
  trainedWith: { build: string; threads: number };
  /** balance_classes: the class shares before and after resampling (absent in older files). */
  classDistribution?: ClassDistribution;
}

const STOPPED = ['epochs', 'early_stopping', 'max_runtime_secs', 'aborted'] as const;

function confusionMatrix(v: unknown, path: string): unknown {
  const o = object(v, path);
  strings(o.labels, `${path}.labels`);
  list(o.matrix, `${path}.matrix`, numbers);
  strings(o.columns, `${path}.columns`);
  strings(o.row_labels, `${path}.row_labels`);
  list(o.table, `${path}.table`, (row, p) => list(row, p, (x, q) => (typeof x === 'string' ? x : number(x, q))));
  return o;
}

function metrics(v: unknown, path: string, kind: ModelMetrics['kind']): ModelMetrics {
  const o = object(v, path);
  oneOf(o.kind, `${path}.kind`, [kind]);
  for (const k of ['nobs', 'mse', 'rmse', 'r2']) number(o[k], `${path}.${k}`);
  if (kind === 'regression') {
    for (const k of ['mae', 'rmsle', 'mean_residual_deviance']) number(o[k], `${path}.${k}`);
  } else {
    for (const k of ['logloss', 'classification_error', 'mean_per_class_error']) number(o[k], `${path}.${k}`);
    strings(o.domain, `${path}.domain`);
  }
  if (kind === 'binomial') {
    for (const k of ['auc', 'pr_auc', 'threshold']) number(o[k], `${path}.${k}`);
    confusionMatrix(o.cm, `${path}.cm`);
  }
  if (kind === 'multinomial') {
    nullable(confusionMatrix)(o.cm, `${path}.cm`);
    numbers(o.hit_ratios, `${path}.hit_ratios`);
  }
  return o as unknown as ModelMetrics;
}

function event(v: unknown, path: string, kind: ModelMetrics['kind'], hasValidation: boolean): ScoringEvent {
  const o = object(v, path);
  const ev: ScoringEvent = {
    timestamp: finite(o.timestamp, `${path}.timestamp`),
    duration_ms: number(o.duration_ms, `${path}.duration_ms`),
    training_speed: number(o.training_speed, `${path}.training_speed`),
    epochs: number(o.epochs, `${path}.epochs`),
    iterations: count(o.iterations, `${path}.iterations`),
    samples: number(o.samples, `${path}.samples`),
    training: metrics(o.training, `${path}.training`, kind),
  };
  const validation = optional((x, p) => metrics(x, p, kind))(o.validation, `${path}.validation`);
  if (validation) ev.validation = validation;
  else if (hasValidation) throw new ShapeError(`${path}.validation is missing although the model has a validation frame`);
  return ev;
}

/** `nclasses`: the response's class count, which a balance_classes distribution must list. */
export function decodeTraining(v: unknown, kind: ModelMetrics['kind'], nclasses: number, path = 'training'): TrainingRecord {
  const o = object(v, path);
  const hasValidation = boolean(o.has_validation, `${path}.has_validation`);
  const history = list(o.history, `${path}.history`, (e, p) => event(e, p, kind, hasValidation));
  if (history.length === 0) throw new ShapeError(`${path}.history is empty: a trained model has at least one scoring event`);
  const trained = object(o.trained_with, `${path}.trained_with`);
  return {
    outcome: {
      history,
      samples: number(o.samples, `${path}.samples`),
      iterations: count(o.iterations, `${path}.iterations`),
      epochs: number(o.epochs, `${path}.epochs`),
      stopped: oneOf(o.stopped, `${path}.stopped`, STOPPED),
      warnings: strings(o.outcome_warnings, `${path}.outcome_warnings`),
    },
    warnings: strings(o.warnings, `${path}.warnings`),
    hasValidation,
    runTimeMs: number(o.run_time_ms, `${path}.run_time_ms`),
    trainedWith: { build: string(trained.build, `${path}.trained_with.build`), threads: count(trained.threads, `${path}.trained_with.threads`) },
    ...(o.class_distribution === undefined ? {} : { classDistribution: classDistribution(o.class_distribution, `${path}.class_distribution`, nclasses) }),
  };
}

/** Two lists of class shares, each of the response's class count, in [0, 1]. */
function classDistribution(v: unknown, path: string, nclasses: number): ClassDistribution {
  const o = object(v, path);
  const prior = numbers(o.prior, `${path}.prior`), model = numbers(o.model, `${path}.model`);
  if (prior.length !== nclasses || model.length !== nclasses) throw new ShapeError(`${path} lists ${prior.length} and ${model.length} classes, the response has ${nclasses}`);
  if ([...prior, ...model].some((x) => !(x >= 0 && x <= 1))) throw new ShapeError(`${path}: class shares must lie in [0, 1]`);
  return { prior, model };
}
