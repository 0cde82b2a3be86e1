// loadModel(path | bytes | Blob): a saved model back as a DeepLearningModel that predicts exactly as
// the saved one did, can be inspected, and can be a checkpoint. Loading parses JSON and copies floats;
// nothing in a file is ever evaluated, and anything malformed is a BAD_MODEL_FILE error naming the file.

import { AquiferError } from '../util/errors';
import { isNode } from '../wasm/assets';
import { runtimeInfo } from '../wasm/runtime';
import { DeepLearningModel } from '../dl/model';
import { chooseExecution, evaluateOptions, stepConfig } from '../dl/setup';
import { decodeModel } from './decode-model';
import { msg } from './messages';

export type ModelSource = string | Uint8Array | ArrayBuffer | Blob;

export interface LoadOptions {
  /** What error messages call the model when it is given as bytes (default "the model bytes"). */
  name?: string;
}

async function readSource(source: ModelSource, name: string | undefined): Promise<{ bytes: Uint8Array; name: string }> {
  if (typeof source === 'string') {
    if (!isNode) throw new AquiferError('FILE_ERROR', msg.browserPath('loading a model from'), { subject: source });
    const { readModelFile } = await import('./node-files');
    return { bytes: await readModelFile(source), name: name ?? source };
  }
  const label = name ?? 'the model bytes';
  if (source instanceof Uint8Array) return { bytes: source, name: label };
  if (source instanceof ArrayBuffer) return { bytes: new Uint8Array(source), name: label };
  if (typeof Blob !== 'undefined' && source instanceof Blob) return { bytes: new Uint8Array(await source.arrayBuffer()), name: name ?? ((source as File).name || 'the model blob') };
  const got = source === null ? 'null' : typeof source === 'object' ? (Object.getPrototypeOf(source)?.constructor?.name ?? 'an object') : typeof source;
  throw new AquiferError('BAD_PARAMETER', msg.badSource(got), { subject: 'source' });
}

/** The kernel build for this runtime: the one the parameters ask for, or, when a build forced at
 *  training (`kernel`) cannot run here, the best one that can (scores agree to rounding). Threads
 *  are at most this machine's cores: nthreads was chosen for the machine that trained. */
async function execution(params: Parameters<typeof chooseExecution>[0]) {
  const rt = await runtimeInfo();
  const runs = { 'relaxed-mt': rt.relaxedSimd && rt.threads, 'simd-mt': rt.simd && rt.threads, 'simd-st': rt.simd } as Record<string, boolean>;
  const kernel = params.kernel && runs[params.kernel] !== false ? params.kernel : null;
  const chosen = await chooseExecution({ ...params, kernel });
  return { build: chosen.build, threads: Math.max(1, Math.min(chosen.threads, rt.cores)) };
}

export async function loadModel(source: ModelSource, options: LoadOptions = {}): Promise<DeepLearningModel> {
  const { bytes, name } = await readSource(source, options.name);
  const m = decodeModel(bytes, name);
  const { build, threads } = await execution(m.params);
  const t = m.training;
  return new DeepLearningModel({
    params: m.params, input: m.input, info: m.info, layout: m.layout, evalOpts: evaluateOptions(m.params),
    cfg: stepConfig(m.params, t.classDistribution),
    theta: m.theta, outcome: { ...t.outcome, theta: m.theta }, build, threads, warnings: t.warnings,
    hasValidation: t.hasValidation, runTimeMs: t.runTimeMs, ...(t.classDistribution ? { classDistribution: t.classDistribution } : {}),
  });
}
