// new DeepLearningEstimator(params).train({ x, y, training_frame, validation_frame }): H2O's
// Deep Learning. After train() the estimator is the model (predict, metrics, history), as in
// H2O's Python API.

import { AquiferError } from '../util/errors';
import { Frame } from '../frame';
import { didYouMean } from '../frame/names';
import { resolveParameterName, type DeepLearningInput } from './params';
import { prepare } from './setup';
import { runTraining, type Progress } from './trainer';
import { DeepLearningModel } from './model';
import { checkpointState } from './checkpoint';
import { loadModel } from '../persist/load-model';
import { plainParameters } from '../persist/plain';

export interface TrainArgs {
  x?: string[];
  y?: string;
  training_frame: Frame;
  validation_frame?: Frame;
  /** As in H2O's train(): given here, they replace the constructor's. */
  weights_column?: string;
  offset_column?: string;
  /** Called after every round of rows and at every scoring event. */
  onProgress?: (p: Progress) => void;
  /** Aborting stops training cleanly and keeps the model as of the last scoring event. */
  signal?: AbortSignal;
}

const TRAIN_ARGS = ['x', 'y', 'training_frame', 'validation_frame', 'weights_column', 'offset_column', 'onProgress', 'signal'];

export class DeepLearningEstimator extends DeepLearningModel {
  private readonly input: DeepLearningInput;

  constructor(params: DeepLearningInput = {}) {
    super();
    if (params === null || typeof params !== 'object') throw new AquiferError('BAD_PARAMETER', 'parameters must be an object');
    for (const key of Object.keys(params)) resolveParameterName(key); // unknown names fail here, with a did-you-mean
    this.input = { ...params };
  }

  async train(args: TrainArgs): Promise<DeepLearningModel> {
    if (!args || !(args.training_frame instanceof Frame)) {
      throw new AquiferError('BAD_PARAMETER', 'train() needs training_frame: a Frame (importFile, Frame.fromArrays, ...)', { subject: 'training_frame' });
    }
    if (args.validation_frame !== undefined && !(args.validation_frame instanceof Frame)) {
      throw new AquiferError('BAD_PARAMETER', 'validation_frame must be a Frame', { subject: 'validation_frame' });
    }
    for (const key of Object.keys(args)) {
      if (TRAIN_ARGS.includes(key)) continue;
      const hint = didYouMean(key, TRAIN_ARGS);
      throw new AquiferError('UNKNOWN_PARAMETER', `train() takes ${TRAIN_ARGS.join(', ')}; got '${key}'${hint ? `; did you mean '${hint}'?` : ' (model parameters go to the constructor)'}`, { subject: key });
    }
    this.training = true;
    try {
      const started = performance.now();
      const input = {
        ...this.input, ...(args.y !== undefined ? { y: args.y } : {}), ...(args.x !== undefined ? { x: args.x } : {}),
        ...(args.weights_column !== undefined ? { weights_column: args.weights_column } : {}),
        ...(args.offset_column !== undefined ? { offset_column: args.offset_column } : {}),
      } as DeepLearningInput;
      // checkpoint: a model, or the path of a saved one (h2o-lifecycle.md §9, checkpoint.ts).
      const ref = input.checkpoint;
      const checkpoint = ref === undefined || ref === null ? undefined : checkpointState(typeof ref === 'string' ? await loadModel(ref) : ref);
      const prep = await prepare(input, args.training_frame, args.validation_frame, checkpoint);
      const outcome = await runTraining({ ...prep, ...prep.resume, onProgress: args.onProgress, signal: args.signal });
      this.trained = {
        params: prep.params, info: prep.info, layout: prep.layout, cfg: prep.cfg, evalOpts: prep.evalOpts, theta: outcome.theta,
        outcome, build: prep.build, threads: prep.threads, warnings: [...prep.warnings, ...outcome.warnings],
        hasValidation: prep.valid !== undefined, runTimeMs: (checkpoint?.runTimeMs ?? 0) + performance.now() - started,
        input: plainParameters(prep.input), ...(prep.classDistribution ? { classDistribution: prep.classDistribution } : {}),
      };
    } finally {
      this.training = false;
    }
    return new DeepLearningModel(this.trained);
  }
}
