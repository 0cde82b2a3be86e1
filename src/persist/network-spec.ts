// The network section of a model file, checked field by field. Shared by the full loader and the
// standalone scorer's light reader (which must not pull in the trainer).

import type { NetworkSpec } from '../dl/network';
import { count, list, object, oneOf, ShapeError } from './shape';

export function decodeNetworkSpec(v: unknown): NetworkSpec {
  const o = object(v, 'network.spec');
  const units = list(o.units, 'network.spec.units', count);
  if (units.length < 2 || units.some((u) => u < 1)) throw new ShapeError('network.spec.units must list at least an input and an output layer, each with units');
  return {
    units,
    activation: oneOf(o.activation, 'network.spec.activation', ['Tanh', 'Rectifier', 'ExpRectifier', 'Maxout'] as const),
    output: oneOf(o.output, 'network.spec.output', ['softmax', 'linear'] as const),
    optimizer: oneOf(o.optimizer, 'network.spec.optimizer', ['adadelta', 'momentum', 'sgd'] as const),
  };
}
