// The network as ONNX operators (h2o-lifecycle.md §10.2 step 3): one Gemm per layer with the
// model's float32 weights, then the hidden activation and, for *WithDropout, the scoring
// compensation a·(1 − p). Maxout layers keep their interleaved channel rows (2j, 2j+1 for unit j):
// a Reshape to [N, units, 2] and a ReduceMax over the pair give the larger channel.

import type { ParamLayout } from '../dl/network';
import type { GraphBuilder } from './graph-builder';

const ACTIVATION_OP = { Tanh: 'Tanh', Rectifier: 'Relu', ExpRectifier: 'Elu' } as const;

/** Hidden and output layers from x [N, n0]; returns the output layer's pre-activation z [N, K]. */
export function denseLayers(b: GraphBuilder, x: string, layout: ParamLayout, theta: Float32Array, dropout: readonly number[]): string {
  const L = layout.layers.length;
  let a = x;
  layout.layers.forEach((ly, i) => {
    const l = i + 1;
    const W = b.floats(`W${l}`, theta.subarray(ly.W, ly.W + ly.rows * ly.cols), [ly.rows, ly.cols]);
    const bias = b.floats(`b${l}`, theta.subarray(ly.b, ly.b + ly.rows));
    const z = b.op('Gemm', [a, W, bias], { transB: 1 }, l === L ? 'z_out' : `z${l}`);
    if (l === L) { a = z; return; }
    const units = ly.rows / ly.k;
    if (layout.spec.activation === 'Maxout') {
      const pairs = b.op('Reshape', [z, b.int64s(`maxout${l}_shape`, [0, units, 2])], {}, `z${l}_channels`);
      a = b.op('ReduceMax', [pairs], { axes: [2], keepdims: 0 }, `a${l}`);
    } else if (layout.spec.activation === 'ExpRectifier') {
      a = b.op('Elu', [z], { alpha: { float: 1 } }, `a${l}`);
    } else {
      a = b.op(ACTIVATION_OP[layout.spec.activation], [z], {}, `a${l}`);
    }
    const p = dropout[i] ?? 0;
    if (p > 0) a = b.op('Mul', [a, b.floats(`keep${l}`, [1 - p], [])], {}, `a${l}_scaled`);
  });
  return a;
}
