// Checkpoint restarts (h2o-lifecycle.md §9): `checkpoint: model` (or a saved model's path, loaded by
// the estimator) continues training from the model's weights and optimizer state, its epoch,
// iteration and sample counters, its scoring history and its best loss, on the checkpoint's DataInfo.
// The checks run in H2O's order (§9.2) and each names the parameter or column it is about.
//
// Deliberate differences from H2O (docs/h2o-differences.md, "Checkpoint restarts"):
// - A frozen parameter the restart leaves out takes the checkpoint's value instead of its default, so
//   `{ checkpoint: m, epochs: 20 }` is a complete restart; one that is given must keep its value.
// - Frozen values are compared as training uses them (effective values): AUTO and the value it
//   resolved to are the same, and so are manual-rate settings that ADADELTA ignores.
// - weights_column, offset_column, balance_classes and categorical_encoding are frozen too (§9.2's
//   recommendation), and so is the predictor list x: the stored DataInfo depends on them.
// A new level in a predictor or in the response is refused, as in H2O (rule 10): the restart would
// train a network whose input layout no longer describes the data.

import { AquiferError } from '../util/errors';
import type { Frame } from '../frame';
import { DataInfo } from '../data/data-info';
import { codesInDomain } from '../data/frame-access';
import { FeatureReader } from '../data/features';
import { stringifyTagged } from '../persist/tagged-json';
import { DeepLearningModel, type ModelInput, type ModelState } from './model';
import { msg } from './params-messages';
import { PARAMETERS, type EffectiveParameters, type ParameterName } from './params';
import type { ScoringEvent } from './trainer';

/** Not in H2O's cp_not_modifiable, but kept on restart (lifecycle §9.2, aquifer recommendation). */
export const KEPT_ON_RESTART: readonly ParameterName[] = ['weights_column', 'offset_column', 'balance_classes', 'categorical_encoding'];

/** Parameters a restart must keep: the table's frozen ones (H2O's list, hidden, ignored_columns) and ours. */
export const RESTART_FROZEN: readonly ParameterName[] = [...PARAMETERS.filter((s) => s.frozen).map((s) => s.name), ...KEPT_ON_RESTART];

/** What runTraining continues from. */
export interface Resume {
  theta: Float32Array;
  samples: number;
  iterations: number;
  epochs: number;
  history: readonly ScoringEvent[];
  elapsedMs: number;
}

const bad = (subject: string, message: string) => new AquiferError('BAD_PARAMETER', message, { subject });
const badColumn = (column: string, message: string) => new AquiferError('BAD_COLUMN', message, { subject: column });

/** The checkpoint's trained state (rule 1). A path has already been loaded by the caller. */
export function checkpointState(ref: unknown): ModelState {
  if (!(ref instanceof DeepLearningModel)) throw bad('checkpoint', msg.checkpointNotModel(ref));
  try {
    return DeepLearningModel.stateOf(ref);
  } catch (e) {
    if (e instanceof AquiferError) throw bad('checkpoint', msg.checkpointNotTrained());
    throw e;
  }
}

/** The checkpoint's parameters as given; for a state recorded without them, its effective values. */
function checkpointInput(cp: ModelState): Record<string, unknown> {
  if (cp.input) return cp.input as Record<string, unknown>;
  const out: Record<string, unknown> = { y: cp.info.response?.column ?? null };
  for (const name of RESTART_FROZEN) if (name !== 'response_column') out[name] = cp.params[name as keyof EffectiveParameters];
  if (cp.info.params.x) out.x = cp.info.params.x;
  return out;
}

/** The restart's input: the user's, plus every frozen parameter (and y, x) they left out, taken
 *  from the checkpoint. */
export function restartInput(cp: ModelState, given: ModelInput): ModelInput {
  const old = checkpointInput(cp);
  const out: Record<string, unknown> = { ...given };
  const gave = (k: string) => (given as Record<string, unknown>)[k] !== undefined;
  for (const name of RESTART_FROZEN) {
    if (name !== 'response_column' && !gave(name) && old[name] !== undefined) out[name] = old[name];
  }
  if (!gave('y') && !gave('response_column')) {
    const y = old.y ?? old.response_column ?? cp.info.response?.column;
    if (y !== undefined && y !== null) out.y = y;
  }
  if (!gave('x') && old.x !== undefined) out.x = old.x;
  return out as ModelInput;
}

/** Rules 2, 4, 5 and the response half of rule 10: classifier-ness, presence of a validation frame,
 *  the response column and its levels. They run before the parameters are resolved, so that a new
 *  class is reported as such rather than as the change of distribution it would resolve to. */
export function checkRestartResponse(cp: ModelState, y: string | null, training: Frame, validation: Frame | undefined): void {
  const r = cp.info.response;
  if (r && y !== null) {
    const now = training.col(y).type === 'enum' ? 'categorical' : 'numeric';
    if (now !== r.kind) throw bad('response_column', msg.checkpointResponseType(r.kind, now, y));
  }
  if (cp.hasValidation !== (validation !== undefined)) throw bad('validation_frame', msg.checkpointValidation(cp.hasValidation));
  if ((r?.column ?? null) !== y) throw bad('response_column', msg.checkpointResponse(r?.column ?? '(none)', y ?? '(none)'));
  if (r?.domain) {
    const unseen = codesInDomain(training.col(r.column), r.domain).unseen;
    if (unseen.length > 0) throw badColumn(r.column, msg.checkpointResponseLevels(r.column, unseen));
  }
}

/** A value as the comparison sees it: a missing column list is an empty one. */
function comparable(name: ParameterName, v: unknown): string {
  if (name === 'ignored_columns' && v === null) v = [];
  return stringifyTagged(v === undefined ? null : v);
}

/** Rules 6 to 10 (predictors) and 12 on the effective parameters and the training frame. */
export function checkRestart(cp: ModelState, p: EffectiveParameters, x: readonly string[] | undefined, training: Frame): void {
  const old = cp.params as unknown as Record<string, unknown>, now = p as unknown as Record<string, unknown>;
  // Rules 6, 7, then 8 (hidden and ignored_columns first, as H2O checks them explicitly).
  const order = ['hidden', 'ignored_columns', ...RESTART_FROZEN.filter((n) => n !== 'hidden' && n !== 'ignored_columns' && n !== 'response_column')] as ParameterName[];
  for (const name of order) {
    if (comparable(name, old[name]) !== comparable(name, now[name])) throw bad(name, msg.checkpointChange(name, old[name], now[name]));
  }

  // Rule 9: the checkpoint's predictors (x, when given) and the training frame's columns.
  const info = cp.info;
  const predictors = [...new Set([...info.categoricals, ...info.numerics].map((f) => f.column))];
  if (x !== undefined) {
    const allowed = new Set([...predictors, ...info.dropped.map((d) => d.column), info.response?.column, info.params.weights_column, info.params.offset_column]);
    for (const c of x) if (!allowed.has(c)) throw bad('x', msg.checkpointX(c, false));
    for (const c of predictors) if (!x.includes(c)) throw bad('x', msg.checkpointX(c, true));
  }
  for (const c of [...predictors, info.params.weights_column, info.params.offset_column]) {
    if (c !== null && !training.has(c)) throw badColumn(c, msg.checkpointMissingColumn(c));
  }

  // Rule 10, predictors: the training frame's levels must be the checkpoint's (H2O refuses a restart
  // on data with a new level; the checkpointed model itself still scores such data).
  for (const f of info.categoricals) {
    const levels = f.source_domain ?? f.domain;
    if (training.col(f.column).type !== 'enum') continue;
    const unseen = codesInDomain(training.col(f.column), levels).unseen;
    if (unseen.length > 0) throw badColumn(f.column, msg.checkpointPredictorLevels(f.column, unseen));
  }

  // Rule 12: epochs counts the checkpoint's epochs too.
  if (!(p.epochs > cp.outcome.epochs)) throw bad('epochs', msg.checkpointEpochs(p.epochs, cp.outcome.epochs));
}

/** The checkpoint's DataInfo, with the restart's missing_values_handling (which only chooses the
 *  training rows; the statistics stay those the network was trained with), and with na_seen set
 *  where the restart's rows light an NA bucket the checkpoint's never did (a missing value or a new
 *  level), as fitting on them would have (variable importances read it). */
export function restartDataInfo(cp: ModelState, p: EffectiveParameters, training: Frame): DataInfo {
  const json = cp.info.toJSON();
  let changed = json.params.missing_values_handling !== p.missing_values_handling;
  json.params.missing_values_handling = p.missing_values_handling;
  // Under Skip a row with any NA is left out, so no NA bucket trains.
  if (p.missing_values_handling !== 'Skip') {
    const reader = new FeatureReader(training, json.params.sparse);
    const trains = rowsWithResponse(training, cp.info);
    json.features = json.features.map((f) => {
      if (f.kind !== 'categorical' || f.na_seen !== false) return f;
      const codes = reader.categorical(f);
      for (let i = 0; i < codes.length; i++) {
        if (codes[i]! < 0 && trains[i]) { changed = true; return { ...f, na_seen: true }; }
      }
      return f;
    });
  }
  return changed ? DataInfo.fromJSON(json) : cp.info;
}

/** 1 for the rows that train: those whose response is present. */
function rowsWithResponse(frame: Frame, info: DataInfo): Uint8Array {
  const out = new Uint8Array(frame.nrow).fill(1);
  const r = info.response;
  if (r === null) return out;
  const col = frame.col(r.column);
  if (r.domain) {
    const { codes } = codesInDomain(col, r.domain);
    for (let i = 0; i < out.length; i++) out[i] = codes[i]! >= 0 ? 1 : 0;
  } else {
    for (let i = 0; i < out.length; i++) out[i] = col.isNA(i) ? 0 : 1;
  }
  return out;
}

export function resumeFrom(cp: ModelState): Resume {
  const o = cp.outcome;
  return { theta: cp.theta, samples: o.samples, iterations: o.iterations, epochs: o.epochs, history: o.history, elapsedMs: cp.runTimeMs };
}
