// The graph's outputs (h2o-lifecycle.md §4, §10.2 step 4), as model.predict computes them:
// classification: `probabilities` [N, K] by softmax and `label` [N], the argmax (lowest index on
// ties), or for two classes p1 ≥ the max-F1 threshold; regression: `predict` [N, 1] in float64,
// the output plus the offset, un-standardized, then the inverse link min(1e19, e^y) for log links.

import type { DataInfo } from '../data/data-info';
import { isLogLink, type RegressionDistribution } from '../dl/distribution';
import type { GraphBuilder } from './graph-builder';
import { ElemType } from './onnx-proto';

/** The smallest float32 ≥ t: p1 (a float32) ≥ t exactly when p1 ≥ this, so the graph's float32
 *  comparison labels as predict's float64 one does. */
export function float32AtLeast(t: number): number {
  const f = Math.fround(t);
  if (f >= t || Number.isNaN(t)) return f;
  const bits = new Uint32Array(new Float32Array([f]).buffer);
  // f < t: step one ulp towards +∞ (up in magnitude when positive, down when negative).
  if (f === 0) bits[0] = 1; else bits[0] += f > 0 ? 1 : -1;
  return new Float32Array(bits.buffer)[0]!;
}

export interface OutputOptions {
  distribution: RegressionDistribution;
  /** Binomial labels: p1 ≥ threshold. */
  threshold: number;
  /** Name of the `offset` input, or null. */
  offset: string | null;
  /** balance_classes: prior_k/model_k per class; null otherwise. */
  classRatio: number[] | null;
}

export function outputLayer(b: GraphBuilder, z: string, info: DataInfo, o: OutputOptions): void {
  const domain = info.responseDomain;
  if (domain) {
    const K = domain.length;
    let probs = b.op('Softmax', [z], { axis: 1 }, 'probs');
    if (o.classRatio) {
      // balance_classes: p_k·prior_k/model_k, renormalized (predictions.ts correctProbabilities).
      const scaled = b.op('Mul', [probs, b.floats('class_ratio', o.classRatio, [K])], {}, 'probs_prior');
      const sum = b.op('ReduceSum', [scaled, b.int64s('axis_1_keep', [1])], { keepdims: 1 }, 'probs_prior_sum');
      probs = b.op('Div', [scaled, sum], {}, 'probs_corrected');
    }
    let label: string;
    if (K === 2) {
      const p1 = b.op('Slice', [probs, b.int64s('one', [1]), b.int64s('two', [2]), b.int64s('axis_1', [1])], {}, 'p1');
      const above = b.op('GreaterOrEqual', [p1, b.floats('threshold', [float32AtLeast(o.threshold)], [])], {}, 'p1_above');
      label = b.op('Cast', [b.op('Squeeze', [above, b.int64s('axis_1', [1])], {}, 'p1_above_rows')], { to: ElemType.INT64 }, 'label_index');
    } else {
      label = b.op('ArgMax', [probs], { axis: 1, keepdims: 0 }, 'label_index');
    }
    b.output(label, 'label', ElemType.INT64, ['N'], `class index into the response levels: ${domain.join(', ')}`);
    b.output(probs, 'probabilities', ElemType.FLOAT, ['N', K], `class probabilities in the order ${domain.join(', ')}`);
    return;
  }
  let f = z;
  const r = info.response;
  if (o.offset !== null) {
    // The offset in training units, as DataInfo.offsetToTrainingUnits: (o − μ_y)/σ_y when standardized.
    let off = o.offset;
    if (r?.standardized) {
      off = b.op('Sub', [off, b.floats('offset_sub', [r.norm_resp_sub], [])], {}, 'offset_centered');
      off = b.op('Mul', [off, b.floats('offset_mul', [r.norm_resp_mul], [])], {}, 'offset_scaled');
    }
    f = b.op('Add', [f, off], {}, 'z_offset');
  }
  let y = b.op('Cast', [f], { to: ElemType.DOUBLE }, 'z_double');
  if (r?.standardized) {
    y = b.op('Div', [y, b.doubles('norm_resp_mul', [r.norm_resp_mul], [])], {}, 'y_scaled');
    y = b.op('Add', [y, b.doubles('norm_resp_sub', [r.norm_resp_sub], [])], {}, 'y');
  }
  if (isLogLink(o.distribution)) y = b.op('Min', [b.op('Exp', [y], {}, 'mu'), b.doubles('exp_cap', [1e19], [])], {}, 'mu_capped');
  b.output(y, 'predict', ElemType.DOUBLE, ['N', 1], `prediction in the response's units (${info.response?.column ?? 'response'})`);
}
