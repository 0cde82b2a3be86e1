// A trained model as an ONNX model (opset 17): the input layer (one-hot, imputation and
// standardization), the network, and the output link, so that ONNX Runtime scores it as
// model.predict does. Inputs, outputs and their meaning are in the README ("ONNX export") and in
// the model's metadata_props (aquifer.inputs, aquifer.outputs) for programs that feed it.

import type { ModelState } from '../dl/model';
import { AquiferError } from '../util/errors';
import { VERSION } from '../version';
import { GraphBuilder } from './graph-builder';
import { inputLayer } from './input-layer';
import { inputSpec } from './input-spec';
import { denseLayers } from './layers';
import { ElemType, encodeModel } from './onnx-proto';
import { outputLayer } from './output-layer';

/** Opset 17 (ONNX 1.12, 2022): every operator used here has its current definition by then, and
 *  runtimes from ONNX Runtime 1.12 on load it. IR version 8 goes with it. */
export const OPSET = 17;
const IR_VERSION = 8;

/** The serialized ONNX ModelProto of a trained model; `threshold` labels binomial rows (p1 ≥ it). */
export function modelToOnnx(s: ModelState, threshold: number): Uint8Array {
  const { info, layout, theta, params } = s;
  const domain = info.responseDomain;
  if (info.response === null) {
    throw new AquiferError('BAD_PARAMETER', 'ONNX export needs a supervised model: an autoencoder has no prediction to export', { subject: 'autoencoder' });
  }
  const spec = inputSpec(info);
  const b = new GraphBuilder();
  const x = inputLayer(b, info, spec);
  const offset = spec.offset === null ? null
    : b.input('offset', ElemType.FLOAT, ['N', 1], `the offset column '${spec.offset}', added to the output before the inverse link`);
  const z = denseLayers(b, x, layout, theta, s.cfg.hidden_dropout_ratios);
  outputLayer(b, z, info, { distribution: s.evalOpts.distribution, threshold, offset, classRatio: s.cfg.class_ratio });

  const units = layout.spec.units;
  const summary = `aquifer Deep Learning (${params.activation}, ${units.join(' → ')}, ${params.distribution})`;
  const metadata: Record<string, string> = {
    'aquifer.inputs': JSON.stringify({ numeric: spec.numeric, categorical: spec.categorical, offset: spec.offset }),
    'aquifer.outputs': JSON.stringify(domain
      ? { label: 'label', probabilities: 'probabilities', levels: domain, ...(domain.length === 2 ? { threshold } : {}) }
      : { predict: 'predict', response: info.response.column, distribution: s.evalOpts.distribution }),
    'aquifer.model': JSON.stringify({ activation: params.activation, units, distribution: params.distribution }),
  };
  return encodeModel({
    irVersion: IR_VERSION, opsetVersion: OPSET, producerName: 'aquifer', producerVersion: VERSION,
    doc: summary, graph: b.build('aquifer_deeplearning', summary), metadata,
  });
}
