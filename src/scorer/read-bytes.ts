// A saved model's bytes (model.toBytes(), model.save()) or a Blob of them (a File, a Response's
// blob, Node's fs.openAsBlob) to what scoring needs, read with the model file reader's own pieces
// (src/persist): the container with its magic, version and checksum checks, and the DataInfo and
// training decoders. From a Blob only the sections scoring reads are read: the optimizer state,
// about two thirds of a model trained with ADADELTA, stays on disk. loadModel's full decoder
// (decode-model.ts) also checks the parameters against the trainer's parameter table; reading only
// the parameters scoring uses keeps that table, and the trainer behind it, out of the scorer's
// bundle. A file either reader refuses is refused with a BAD_MODEL_FILE error that names what is
// wrong.

import { decodeNetworkSpec } from '../persist/network-spec';
import { DataInfo } from '../data/data-info';
import { layoutNetwork } from '../dl/network';
import { defaultThreshold } from '../dl/predictions';
import { AquiferError } from '../util/errors';
import { readContainer, type Container } from '../persist/container';
import { readBlobContainer } from '../persist/blob-container';
import { decodeDataInfo } from '../persist/decode-data-info';
import { decodeTraining } from '../persist/decode-training';
import { readArena } from '../persist/arena';
import { FORMAT_NAME, SECTIONS } from '../persist/format';
import { msg } from '../persist/messages';
import { equal, nullable, numbers, object, oneOf, ShapeError } from '../persist/shape';
import { sectionReader } from '../persist/section-reader';
import { fromModel, type ScoringModel } from './model-source';

const DISTRIBUTIONS = ['bernoulli', 'multinomial', 'gaussian', 'poisson', 'gamma', 'tweedie', 'laplace', 'quantile', 'huber'] as const;

/** The optimizer state is not read, so neither checksummed. */
const SKIPPED = [SECTIONS.optimizer];

export async function readScoringModel(source: Uint8Array | Blob): Promise<ScoringModel> {
  if (source instanceof Uint8Array) return decodeScoringModel(readContainer(source, 'the model bytes', { unchecked: SKIPPED }), 'the model bytes');
  const name = (source as Partial<File>).name || 'the model blob';
  return decodeScoringModel(await readBlobContainer(source, name, { skip: SKIPPED }), name);
}

/** What scoring needs, from a container read from bytes or a Blob (`name` is what errors call it). */
export function decodeScoringModel(container: Container, name: string): ScoringModel {
  const sections = sectionReader(container, name), { json } = sections;
  try {
    equal(object(json(SECTIONS.meta), 'meta').format, FORMAT_NAME, 'meta.format');
    const p = object(object(json(SECTIONS.params), 'params').params, 'params.params');
    const distribution = oneOf(p.distribution, 'params.params.distribution', DISTRIBUTIONS);
    const hiddenDropout = nullable(numbers)(p.hidden_dropout_ratios, 'params.params.hidden_dropout_ratios');
    const info = DataInfo.fromJSON(decodeDataInfo(json(SECTIONS.dataInfo)));
    const network = object(json(SECTIONS.network), 'network');
    const layout = layoutNetwork(decodeNetworkSpec(network.spec));
    equal(network.param_floats, layout.paramFloats, 'network.param_floats');
    equal(network.total_floats, layout.totalFloats, 'network.total_floats');
    const theta = readArena(layout, container.major, sections, (what) => new ShapeError(what), true);
    const kind = info.nclasses === 1 ? 'regression' : info.nclasses === 2 ? 'binomial' : 'multinomial';
    const { outcome, classDistribution } = decodeTraining(json(SECTIONS.training), kind, info.nclasses);
    return fromModel({
      dataInfo: info, layout, theta,
      params: { distribution, hidden_dropout_ratios: hiddenDropout },
      defaultThreshold: defaultThreshold(outcome.history),
      classDistribution: classDistribution ?? null,
    });
  } catch (e) {
    if (e instanceof ShapeError) throw new AquiferError('BAD_MODEL_FILE', msg.badContent(name, e.message));
    throw e;
  }
}
