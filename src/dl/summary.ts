// H2O's model summary, the "Status of Neuron Layers" table (DeepLearningModelInfo.createSummaryTable
// and computeStats): one row per layer with its size, neuron type, dropout, regularization, learning
// rate statistics and the mean and spread of its weights and biases.

import type { DataInfo } from '../data/data-info';
import type { EffectiveParameters } from './params';
import { parameterCount, type ParamLayout } from './network';
import { schedule, type TrainerParams } from './trainer';

/** A row of the table; null where H2O leaves the cell empty (the input layer's statistics, the
 *  output layer's dropout). */
export interface NeuronLayerRow {
  /** 1 for the input layer. */
  layer: number;
  units: number;
  /** H2O's neuron class: Input, Tanh, TanhDropout, Rectifier, RectifierDropout, ExpRectifier,
   *  ExpRectifierDropout, Maxout, MaxoutDropout, Softmax, Linear. */
  type: string;
  /** Dropout in percent (H2O shows "50.00 %"). */
  dropout: number | null;
  l1: number | null;
  l2: number | null;
  /** ADADELTA: mean over the layer's weights of the per-weight rate sqrt((E[Δx²]+ε)/(E[g²]+ε));
   *  manual rate: rate·rate_decay^(l−1)/(1 + rate_annealing·N) at the samples trained so far. */
  mean_rate: number | null;
  /** ADADELTA: the population standard deviation of that per-weight rate; manual rate: 0. */
  rate_rms: number | null;
  /** Manual rate: the momentum at the samples trained so far; ADADELTA: 0. */
  momentum: number | null;
  mean_weight: number | null;
  /** Population standard deviation of the weights (H2O calls it RMS: the RMS about the mean). */
  weight_rms: number | null;
  mean_bias: number | null;
  bias_rms: number | null;
}

export interface SummaryInput {
  params: EffectiveParameters;
  info: DataInfo;
  layout: ParamLayout;
  theta: Float32Array;
  /** Training samples processed so far (H2O's processed_total). */
  samples: number;
}

/** Mean and population standard deviation, both accumulated in float64 as computeStats does. */
function meanSd(values: ArrayLike<number>): { mean: number; sd: number } {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i]!;
  const mean = s / values.length;
  let q = 0;
  for (let i = 0; i < values.length; i++) { const d = values[i]! - mean; q += d * d; }
  return { mean, sd: Math.sqrt(q / values.length) };
}

function neuronType(p: EffectiveParameters, l: number, L: number, output: 'softmax' | 'linear'): string {
  if (l === 0) return 'Input';
  if (l === L) return output === 'softmax' ? 'Softmax' : 'Linear';
  return p.activation.replace('WithDropout', 'Dropout');
}

export function neuronLayers(input: SummaryInput): NeuronLayerRow[] {
  const { params: p, layout, theta } = input;
  const units = layout.spec.units, L = units.length - 1;
  const sched = layout.spec.optimizer === 'adadelta' ? null : schedule(p as unknown as TrainerParams, input.samples);
  const rows: NeuronLayerRow[] = [{
    layer: 1, units: units[0]!, type: 'Input', dropout: p.input_dropout_ratio * 100,
    l1: null, l2: null, mean_rate: null, rate_rms: null, momentum: null,
    mean_weight: null, weight_rms: null, mean_bias: null, bias_rms: null,
  }];
  for (let l = 1; l <= L; l++) {
    const blk = layout.layers[l - 1]!;
    const nW = blk.rows * blk.cols;
    const w = meanSd(theta.subarray(blk.W, blk.W + nW));
    const b = meanSd(theta.subarray(blk.b, blk.b + blk.rows));
    let rate: { mean: number; sd: number };
    if (sched === null) {
      // The rate ADADELTA gives each weight: H2O's computeStats, over the weights only (not biases).
      const Ex = blk.state.W[0]!, Eg = blk.state.W[1]!, eps = p.epsilon;
      const r = new Float32Array(nW);
      for (let q = 0; q < nW; q++) r[q] = Math.sqrt((theta[Ex + q]! + eps) / (theta[Eg + q]! + eps));
      rate = meanSd(r);
    } else {
      // h2o-training.md §4.3: α_l(N) = rate·rate_decay^(l−1)/(1 + rate_annealing·N).
      rate = { mean: sched.rate * Math.pow(sched.rate_decay, l - 1), sd: 0 };
    }
    rows.push({
      layer: l + 1, units: units[l]!, type: neuronType(p, l, L, layout.spec.output),
      dropout: l === L ? null : (p.hidden_dropout_ratios?.[l - 1] ?? 0) * 100,
      l1: p.l1, l2: p.l2, mean_rate: rate.mean, rate_rms: rate.sd, momentum: sched === null ? 0 : sched.momentum,
      mean_weight: w.mean, weight_rms: w.sd, mean_bias: b.mean, bias_rms: b.sd,
    });
  }
  return rows;
}

/** Java's "%,d". */
const grouped = (n: number) => Math.round(n).toLocaleString('en-US');

/** H2O's PrettyPrint.bytes: B, KB, MB, GB with one decimal. */
export function prettyBytes(n: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let u = 0, v = n;
  while (v >= 1024 && u < units.length - 1) { v /= 1024; u++; }
  return u === 0 ? `${n} B` : `${v.toFixed(1)} ${units[u]}`;
}

/** The table's description line, as H2O writes it: "predicting species, 3-class classification,
 *  multinomial distribution, CrossEntropy loss, 1,203 weights/biases, 15.9 KB, 1,500 training
 *  samples, mini-batch size 1". The size is the parameter arena's (weights, biases, optimizer state). */
export function summaryDescription(input: SummaryInput): string {
  const { params: p, info, layout, theta } = input;
  const K = info.nclasses;
  const task = info.response === null ? 'auto-encoder' : info.responseDomain ? `${K}-class classification` : 'regression';
  return [
    ...(info.response === null ? [] : [`predicting ${info.response.column}`]),
    task, `${p.distribution} distribution`, `${p.loss} loss`,
    `${grouped(parameterCount(layout))} weights/biases`, prettyBytes(theta.byteLength),
    `${grouped(input.samples)} training samples`, `mini-batch size ${grouped(p.mini_batch_size)}`,
  ].join(', ');
}
