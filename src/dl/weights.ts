// export_weights_and_biases (h2o-lifecycle.md §6): the weight matrix and bias vector of each layer as
// Frames in H2O's shapes, and the preprocessing arrays that go with them (normmul, normsub, respmul,
// respsub, catoffsets). Layer i (0-based) connects layer i of units[] to layer i+1.

import { AquiferError } from '../util/errors';
import { Frame } from '../frame';
import { Column } from '../frame/column';
import type { DataInfo } from '../data/data-info';
import type { LayerBlocks, ParamLayout } from './network';

function layer(layout: ParamLayout, i: number, what: 'weights' | 'biases'): LayerBlocks {
  const n = layout.layers.length;
  if (!Number.isInteger(i) || i < 0 || i >= n) {
    throw new AquiferError('BAD_PARAMETER', `${what}(${i}): the network has ${n} weight layer${n === 1 ? '' : 's'}, so the index must be an integer from 0 to ${n - 1}`, { subject: 'layer' });
  }
  return layout.layers[i]!;
}

/**
 * weights(i): rows = units[i+1]·k (k = 2 for a Maxout hidden layer: rows 2j and 2j+1 are unit j's
 * channels), one column per unit of layer i; cell (r, c) is the weight from input c to unit r.
 * Layer 0's columns carry the input names (H2O's coef names), the others C1..Cn.
 */
export function weightsFrame(info: DataInfo, layout: ParamLayout, theta: Float32Array, i: number): Frame {
  const l = layer(layout, i, 'weights');
  const names = i === 0 ? info.inputNames : Array.from({ length: l.cols }, (_, c) => `C${c + 1}`);
  const columns = names.map((name, c) => {
    const values = new Float64Array(l.rows);
    for (let r = 0; r < l.rows; r++) values[r] = theta[l.W + r * l.cols + c]!;
    return Column.fromNumbers(name, values, 'real');
  });
  return new Frame(columns);
}

/** biases(i): one column C1 with units[i+1]·k rows. */
export function biasesFrame(layout: ParamLayout, theta: Float32Array, i: number): Frame {
  const l = layer(layout, i, 'biases');
  return new Frame([Column.fromNumbers('C1', Float64Array.from(theta.subarray(l.b, l.b + l.rows)), 'real')]);
}

/** The predictor transform (x − normsub)·normmul per numeric input; null without standardization. */
export function normArrays(info: DataInfo): { normmul: number[] | null; normsub: number[] | null } {
  if (info.transformType === 'none') return { normmul: null, normsub: null };
  return { normmul: Array.from(info.normMul), normsub: Array.from(info.normSub) };
}

/** The response transform (y − respsub)·respmul; null when the response is not standardized. */
export function respArrays(info: DataInfo): { respmul: number[] | null; respsub: number[] | null } {
  if (!info.response?.standardized) return { respmul: null, respsub: null };
  return { respmul: [info.response.norm_resp_mul], respsub: [info.response.norm_resp_sub] };
}
