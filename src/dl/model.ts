// A trained Deep Learning model: parameters, preprocessing, network, history and metrics, with
// H2O's accessors. Scoring new frames runs the same forward pass as training's scoring events.

import { AquiferError } from '../util/errors';
import { Frame } from '../frame';
import type { DataInfo } from '../data/data-info';
import type { DeepLearningInput, EffectiveParameters } from './params';
import type { ParamLayout } from './network';
import type { StepConfig } from './stepper';
import type { BuildName } from '../wasm/runtime';
import type { ScoringEvent, TrainOutcome } from './trainer';
import { evaluate, type EvaluateOptions, type ModelMetrics } from './evaluate';
import { defaultThreshold, type ClassDistribution } from './predictions';
import { predictionFrame } from './prediction-frame';
import { predictionChunks, predictToFile, type PredictStreamOptions, type PredictStreamSummary, type StreamSource } from './predict-stream';
import { historyTable, type HistoryRow } from './history';
import { TrainingJob } from './job';
import { PARALLEL_SCORE_ROWS } from './stream-scorer';
import type { ScoreSet } from './score-set';
import type { ConfusionMatrix } from '../metrics';
import { encodeModel } from '../persist/encode-model';
import { saveModelBytes } from '../persist/save-model';
import { varimpTable, type VarimpRow } from './varimp';
import { biasesFrame, normArrays, respArrays, weightsFrame } from './weights';
import { neuronLayers, type NeuronLayerRow } from './summary';
import { describeModel } from './describe-model';
import { modelToOnnx } from '../onnx/model-to-onnx';

export interface MetricsChoice { train?: boolean; valid?: boolean }

/** The parameters as the user gave them, with train()'s x and y (frames and models kept as null or
 *  as the path given): a checkpoint restart compares against them and inherits from them. */
export type ModelInput = DeepLearningInput & { x?: string[] };

export interface ModelState {
  params: EffectiveParameters;
  info: DataInfo;
  layout: ParamLayout;
  cfg: StepConfig;
  evalOpts: EvaluateOptions;
  theta: Float32Array;
  outcome: TrainOutcome;
  build: BuildName;
  threads: number;
  warnings: string[];
  hasValidation: boolean;
  runTimeMs: number;
  input?: ModelInput;
  /** balance_classes: the class shares before and after resampling (predictions are corrected). */
  classDistribution?: ClassDistribution;
}


export class DeepLearningModel {
  protected trained: ModelState | undefined;
  /** A train() call is running (the estimator sets it): the model is not there yet. */
  protected training = false;

  constructor(state?: ModelState) { this.trained = state; }

  protected get state(): ModelState {
    if (!this.trained) {
      const why = this.training ? 'the model is still training: await train() before using it' : 'the model is not trained yet: call train() first';
      throw new AquiferError('BAD_PARAMETER', why, { subject: 'model' });
    }
    return this.trained;
  }

  /** The effective parameters: defaults filled in, AUTO resolved. */
  get params(): EffectiveParameters { return this.state.params; }
  get dataInfo(): DataInfo { return this.state.info; }
  get layout(): ParamLayout { return this.state.layout; }
  get warnings(): string[] { return this.state.warnings; }
  /** Weights, biases and optimizer state in one arena (see network.ts). */
  get theta(): Float32Array { return this.state.theta; }
  get epochs(): number { return this.state.outcome.epochs; }
  get iterations(): number { return this.state.outcome.iterations; }
  get samples(): number { return this.state.outcome.samples; }
  /** Why training ended: 'epochs', 'early_stopping', 'max_runtime_secs' or 'aborted'. */
  get stoppedBy(): TrainOutcome['stopped'] { return this.state.outcome.stopped; }
  get runTimeMs(): number { return this.state.runTimeMs; }
  get execution(): { build: BuildName; threads: number } { return { build: this.state.build, threads: this.state.threads }; }
  /** balance_classes: H2O's prior_class_distrib (original rows) and model_class_distrib (resampled); null otherwise. */
  get classDistribution(): ClassDistribution | null { return this.state.classDistribution ?? null; }

  private lastEvent(): ScoringEvent {
    const h = this.state.outcome.history;
    return h[h.length - 1]!;
  }

  /** Metrics of the last scoring event on the training sample ({ train: true }, the default) or the
   *  validation frame ({ valid: true }); or of a new frame. */
  modelPerformance(choice: MetricsChoice | Frame = {}): ModelMetrics | Promise<ModelMetrics> {
    if (choice instanceof Frame) return this.scoreMetrics(choice);
    const ev = this.lastEvent();
    if (choice.valid) {
      if (!ev.validation) throw new AquiferError('BAD_PARAMETER', 'this model was trained without a validation_frame', { subject: 'valid' });
      return ev.validation;
    }
    return ev.training!;
  }

  private metrics(choice: MetricsChoice): ModelMetrics & Record<string, unknown> {
    return this.modelPerformance(choice) as ModelMetrics & Record<string, unknown>;
  }

  private num(name: string, choice: MetricsChoice): number {
    const v = this.metrics(choice)[name];
    return typeof v === 'number' ? v : NaN;
  }

  mse(choice: MetricsChoice = {}): number { return this.num('mse', choice); }
  rmse(choice: MetricsChoice = {}): number { return this.num('rmse', choice); }
  mae(choice: MetricsChoice = {}): number { return this.num('mae', choice); }
  r2(choice: MetricsChoice = {}): number { return this.num('r2', choice); }
  logloss(choice: MetricsChoice = {}): number { return this.num('logloss', choice); }
  auc(choice: MetricsChoice = {}): number { return this.num('auc', choice); }
  aucpr(choice: MetricsChoice = {}): number { return this.num('pr_auc', choice); }
  meanPerClassError(choice: MetricsChoice = {}): number { return this.num('mean_per_class_error', choice); }
  classificationError(choice: MetricsChoice = {}): number { return this.num('classification_error', choice); }
  meanResidualDeviance(choice: MetricsChoice = {}): number { return this.num('mean_residual_deviance', choice); }
  confusionMatrix(choice: MetricsChoice = {}): ConfusionMatrix | null { return (this.metrics(choice).cm as ConfusionMatrix | undefined) ?? null; }
  hitRatios(choice: MetricsChoice = {}): number[] { return (this.metrics(choice).hit_ratios as number[] | undefined) ?? []; }

  /** One row per scoring event, with H2O's columns. */
  scoringHistory(): HistoryRow[] {
    const kind = this.lastEvent().training!.kind;
    return historyTable(this.state.outcome.history, kind, this.state.hasValidation);
  }

  /** Gedeon variable importances, one row per input unit, most important first (h2o-lifecycle.md §5). */
  varimp(): VarimpRow[] {
    if (!this.state.params.variable_importances) throw new AquiferError('BAD_PARAMETER', 'this model was trained with variable_importances: false, so it has no variable importances', { subject: 'variable_importances' });
    return varimpTable(this.state.info, this.state.layout, this.state.theta);
  }
  /** Layer i's weights (0-based), rows = receiving units, columns = inputs (h2o-lifecycle.md §6). */
  weights(i: number): Frame { return weightsFrame(this.state.info, this.state.layout, this.state.theta, i); }
  /** Layer i's biases: one column, one row per receiving unit. */
  biases(i: number): Frame { return biasesFrame(this.state.layout, this.state.theta, i); }
  normmul(): number[] | null { return normArrays(this.state.info).normmul; }
  normsub(): number[] | null { return normArrays(this.state.info).normsub; }
  respmul(): number[] | null { return respArrays(this.state.info).respmul; }
  respsub(): number[] | null { return respArrays(this.state.info).respsub; }
  catoffsets(): number[] { return Array.from(this.state.info.catOffsets); }
  /** H2O's "Status of Neuron Layers" table, one row per layer. */
  summary(): NeuronLayerRow[] { return neuronLayers({ ...this.state, samples: this.state.outcome.samples }); }
  /** H2O's model display: summary, metrics, scoring history, variable importances. */
  toString(): string { return this.trained ? describeModel(this, this.trained) : 'DeepLearningModel (not trained)'; }

  /** The model in aquifer's model format (docs/model-format.md): the same bytes in Node and browsers. */
  toBytes(): Uint8Array { return encodeModel(this.state); }
  /** Writes the model file atomically (Node): a failed save leaves no file behind. Returns the absolute path. */
  save(path: string): Promise<string> { return saveModelBytes(this.toBytes(), path); }
  /** @internal The trained state, for persistence and checkpoint restarts. */
  static stateOf(model: DeepLearningModel): ModelState { return model.state; }

  /** Raw network outputs for a frame: rows × classes probabilities, or f in link space. */
  private async outputs(frame: Frame, responseOptional = false): Promise<{ out: Float32Array; set: ScoreSet }> {
    const s = this.state;
    const rows = s.info.transform(frame, { responseOptional });
    // Starting workers costs milliseconds: a small frame scores on the calling thread.
    const threads = rows.nrows >= PARALLEL_SCORE_ROWS ? s.threads : 1;
    const job = await TrainingJob.start({ build: s.build, threads, layout: s.layout, cfg: s.cfg, batch: 1, reproducible: false, maxScoreRows: rows.nrows });
    try {
      job.paramView().set(s.theta);
      await job.addFrame('score', rows);
      const set: ScoreSet = { frame: 'score', rows, index: null };
      return { out: await job.score(set), set };
    } finally {
      await job.close();
    }
  }

  private async scoreMetrics(frame: Frame): Promise<ModelMetrics> {
    this.state.info.requireResponse(frame, 'the frame given to modelPerformance');
    const { out, set } = await this.outputs(frame);
    return evaluate(out, set, this.state.info, this.state.evalOpts);
  }

  /** H2O's default_threshold: the max-F1 threshold of the validation metrics, else of the training
   *  metrics (0.5 without one). Binomial labels are p1 >= threshold. */
  get defaultThreshold(): number { return defaultThreshold(this.state.outcome.history); }

  /** H2O's prediction frame: `predict`, then one probability column per class named by its level
   *  (predictions.ts; binomial labels use the max-F1 threshold); regression: `predict` in the
   *  response's units. The standalone scorer (aquifer/scorer) shares this post-processing. */
  async predict(frame: Frame): Promise<Frame> {
    const { out, set } = await this.outputs(frame, true);
    const pred = predictionFrame(out, set.rows.nrows, this.state.info, this.state.evalOpts.distribution, this.defaultThreshold);
    // What adapting the frame reported (unseen levels, missing columns) travels with the predictions.
    pred.warnings.push(...set.rows.warnings);
    return pred;
  }

  /** predict for a file larger than memory (predict-stream.ts): read, scored and written chunk_rows
   *  rows at a time. With `out`, H2O's prediction CSV is written there atomically and a summary
   *  returned; without, the prediction Frames (chunk_rows rows each) in file order. */
  predictStream(source: StreamSource, options: PredictStreamOptions & { out: string }): Promise<PredictStreamSummary>;
  predictStream(source: StreamSource, options?: PredictStreamOptions & { out?: undefined }): AsyncGenerator<Frame, void, undefined>;
  predictStream(source: StreamSource, options: PredictStreamOptions = {}): Promise<PredictStreamSummary> | AsyncGenerator<Frame, void, undefined> {
    if (options.out !== undefined) return predictToFile(this.state, this.defaultThreshold, source, { ...options, out: options.out });
    return predictionChunks(this.state, this.defaultThreshold, source, options);
  }

  /** The model as an ONNX graph: inputs, network and output link (src/onnx, README "ONNX export"). */
  toOnnx(): Uint8Array { return modelToOnnx(this.state, this.defaultThreshold); }
  /** Writes toOnnx() to `path` atomically (Node), as save() writes; returns the absolute path. */
  exportOnnx(path: string): Promise<string> { return saveModelBytes(this.toOnnx(), path); }
}
