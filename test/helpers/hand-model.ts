// A DeepLearningModel with weights set by hand, for tests that compute what a model reports (variable
// importances, weight frames, the layer summary) from known weights instead of from training.
import { DataInfo } from '../../src/data/data-info';
import { Frame } from '../../src/frame';
import { DeepLearningModel } from '../../src/dl/model';
import { resolveParameters, type DeepLearningInput } from '../../src/dl/params';
import { evaluateOptions, networkLayout, stepConfig } from '../../src/dl/setup';
import type { ParamLayout } from '../../src/dl/network';

export interface HandModel {
  model: DeepLearningModel;
  layout: ParamLayout;
  theta: Float32Array;
}

/** Weight layer l (0-based) as rows of W, in the arena's layout (row = receiving unit or channel). */
export function setWeights(h: { layout: ParamLayout; theta: Float32Array }, l: number, rows: number[][], biases?: number[]): void {
  const blk = h.layout.layers[l]!;
  if (rows.length !== blk.rows || rows.some((r) => r.length !== blk.cols)) throw new Error(`layer ${l} is ${blk.rows}×${blk.cols}`);
  rows.forEach((r, i) => h.theta.set(r, blk.W + i * blk.cols));
  if (biases) h.theta.set(biases, blk.b);
}

/** A model over `frame` predicting `y` (a factor or a number) with zero weights and optimizer state
 *  until the test sets them; `samples` is how many rows it has "trained" on. */
export function handModel(frame: Frame, y: string, input: DeepLearningInput, samples = 0): HandModel {
  const col = frame.col(y);
  const classification = col.type === 'enum';
  const params = resolveParameters({ ...input, y } as DeepLearningInput, {
    responseType: classification ? 'enum' : 'numeric', nclasses: classification ? col.domain!.length : undefined, nrows: frame.nrow,
  });
  const info = DataInfo.fit(frame, {
    y, use_all_factor_levels: params.use_all_factor_levels, standardize: params.standardize,
    max_categorical_features: params.max_categorical_features, missing_values_handling: params.missing_values_handling,
    distribution: params.distribution,
  });
  const layout = networkLayout(params, info.n0, classification ? info.nclasses : 1, classification ? 'softmax' : 'linear');
  const theta = new Float32Array(layout.totalFloats);
  const model = new DeepLearningModel({
    params, info, layout, cfg: stepConfig(params), evalOpts: evaluateOptions(params), theta,
    outcome: { theta, history: [], samples, iterations: 0, epochs: 0, stopped: 'epochs', warnings: [] },
    build: 'scalar-st', threads: 1, warnings: [], hasValidation: false, runTimeMs: 0,
  });
  return { model, layout, theta };
}
