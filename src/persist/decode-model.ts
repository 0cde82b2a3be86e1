// The bytes of a model file to the parts of a trained model, every one checked: the container
// (container.ts), each JSON section's shape, and how the sections fit together (the network the
// parameters describe, its input width against the DataInfo, its output against the response, the
// arena's length against the layout). Anything wrong is a BAD_MODEL_FILE error naming the file.

import { decodeNetworkSpec } from './network-spec';
import { AquiferError } from '../util/errors';
import { DataInfo } from '../data/data-info';
import { layoutNetwork, type NetworkSpec, type ParamLayout } from '../dl/network';
import { modelParameterCount, MAX_MODEL_PARAMETERS, type EffectiveParameters } from '../dl/params';
import { networkLayout } from '../dl/setup';
import type { ModelInput } from '../dl/model';
import { readContainer } from './container';
import { decodeDataInfo } from './decode-data-info';
import { decodeEffectiveParameters, decodeInput } from './decode-params';
import { decodeTraining, type TrainingRecord } from './decode-training';
import { ALGORITHM } from './encode-model';
import { readArena } from './arena';
import { FORMAT_NAME, SECTIONS } from './format';
import { msg } from './messages';
import { equal, object, ShapeError, string } from './shape';
import { sectionReader } from './section-reader';

export interface DecodedModel {
  libraryVersion: string;
  params: EffectiveParameters;
  input: ModelInput | undefined;
  info: DataInfo;
  layout: ParamLayout;
  theta: Float32Array;
  training: TrainingRecord;
}

/** DataInfo.fromJSON's own checks (it names no file) become shape errors. */
function dataInfo(v: unknown): DataInfo {
  const json = decodeDataInfo(v);
  try {
    return DataInfo.fromJSON(json);
  } catch (e) {
    if (e instanceof AquiferError) throw new ShapeError(e.message);
    throw e;
  }
}

const sameSpec = (a: NetworkSpec, b: NetworkSpec) =>
  a.activation === b.activation && a.output === b.output && a.optimizer === b.optimizer &&
  a.units.length === b.units.length && a.units.every((u, i) => u === b.units[i]);

export function decodeModel(bytes: Uint8Array, name: string): DecodedModel {
  const container = readContainer(bytes, name);
  const { major } = container;
  const bad = (what: string) => new AquiferError('BAD_MODEL_FILE', msg.badContent(name, what));
  const sections = sectionReader(container, name), { json } = sections;
  try {
    const meta = object(json(SECTIONS.meta), 'meta');
    equal(meta.format, FORMAT_NAME, 'meta.format');
    equal(meta.algorithm, ALGORITHM, 'meta.algorithm');
    const libraryVersion = string(meta.library_version, 'meta.library_version');

    const parm = object(json(SECTIONS.params), 'params');
    const params = decodeEffectiveParameters(parm.params, 'params.params');
    const input = parm.input === null ? undefined : decodeInput(parm.input, 'params.input');

    const info = dataInfo(json(SECTIONS.dataInfo));
    const response = info.response;
    const classification = response?.kind === 'categorical';
    if (response && params.response_column !== null && params.response_column !== response.column) {
      throw bad(`the parameters name response '${params.response_column}' but the DataInfo '${response.column}'`);
    }
    if (classification !== (params.distribution === 'bernoulli' || params.distribution === 'multinomial')) {
      throw bad(`distribution ${params.distribution} does not fit a ${classification ? 'categorical' : 'numeric'} response`);
    }

    const network = object(json(SECTIONS.network), 'network');
    const spec = decodeNetworkSpec(network.spec);
    const nout = response === null ? info.n0 : classification ? info.nclasses : 1;
    if (modelParameterCount(spec.units[0]!, spec.units.slice(1, -1), spec.units[spec.units.length - 1]!, spec.activation === 'Maxout') > MAX_MODEL_PARAMETERS) {
      throw bad(`the network ${JSON.stringify(spec.units)} is larger than any model aquifer trains`);
    }
    const expected = networkLayout(params, info.n0, nout, classification ? 'softmax' : 'linear').spec;
    if (!sameSpec(spec, expected)) {
      throw bad(`the network (units ${JSON.stringify(spec.units)}, ${spec.activation}, ${spec.output}, ${spec.optimizer}) does not match the parameters and DataInfo (units ${JSON.stringify(expected.units)}, ${expected.activation}, ${expected.output}, ${expected.optimizer})`);
    }
    const layout = layoutNetwork(spec);
    equal(network.param_floats, layout.paramFloats, 'network.param_floats');
    equal(network.total_floats, layout.totalFloats, 'network.total_floats');

    const theta = readArena(layout, major, sections, bad);
    const kind = !classification ? 'regression' : info.nclasses === 2 ? 'binomial' : 'multinomial';
    const training = decodeTraining(json(SECTIONS.training), kind, info.nclasses);
    return { libraryVersion, params, input, info, layout, theta, training };
  } catch (e) {
    if (e instanceof ShapeError) throw bad(e.message);
    throw e;
  }
}
