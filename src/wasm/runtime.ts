// What this runtime can do (probed, not sniffed), which kernel build it gets and why, and the
// compiled kernel modules (compiled once per build, then posted to every worker).

import { AquiferError } from '../util/errors';
import { RELAXED_SIMD_PROBE, SIMD_PROBE, THREADS_PROBE, validates } from './probes';
import { type BuildName, isNode, kernelUrl, readAsset } from './assets';
import { nodeBuiltin } from '../util/node-builtin';

export type { BuildName } from './assets';
export const BUILDS: readonly BuildName[] = ['relaxed-mt', 'simd-mt', 'simd-st', 'scalar-st'];

export interface RuntimeInfo {
  simd: boolean;
  relaxedSimd: boolean;
  /** Wasm atomics + shared memory + SharedArrayBuffer + a worker API: multi-threaded training. */
  threads: boolean;
  sharedArrayBuffer: boolean;
  /** Browsers: whether the page is cross-origin isolated (COOP/COEP); null where the notion does not apply. */
  crossOriginIsolated: boolean | null;
  workers: boolean;
  cores: number;
  /** The kernel build aquifer uses by default here, and why. */
  build: BuildName;
  reason: string;
  /** How relaxed SIMD came to be on: 'native', 'v8-flag' (aquifer set it, Node 20), or 'off'. */
  relaxedSimdSource: 'native' | 'v8-flag' | 'off';
}

export interface RuntimeOptions {
  /** Force a build (also env AQUIFER_KERNEL). */
  kernel?: BuildName;
  /** Node 20 only: let aquifer turn on V8's relaxed-SIMD flag (also env AQUIFER_RELAXED_SIMD=1). */
  relaxedSimd?: boolean;
}

let relaxedFlagSet = false;

/** Node 20 validates relaxed SIMD only behind a V8 flag. Setting it through v8.setFlagsFromString
 *  before the first relaxed compile was measured to work; V8 flags are process-wide, so aquifer
 *  does this only when asked (option or AQUIFER_RELAXED_SIMD=1), never behind the user's back. */
async function maybeEnableRelaxedSimd(want: boolean): Promise<void> {
  if (!want || relaxedFlagSet || !isNode || validates(RELAXED_SIMD_PROBE)) return;
  const v8 = await nodeBuiltin<typeof import('node:v8')>('v8');
  v8.setFlagsFromString('--experimental-wasm-relaxed-simd');
  relaxedFlagSet = true;
}

function env(name: string): string | undefined {
  return isNode ? process.env[name] : undefined;
}

async function cpuCount(): Promise<number> {
  if (isNode) {
    const os = await nodeBuiltin<typeof import('node:os')>('os');
    return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  }
  const nav = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator;
  return nav?.hardwareConcurrency ?? 1;
}

function hasWorkerApi(): boolean {
  return isNode || typeof (globalThis as { Worker?: unknown }).Worker === 'function';
}

function sharedMemoryWorks(): boolean {
  try {
    const m = new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true } as WebAssembly.MemoryDescriptor);
    return typeof SharedArrayBuffer === 'function' && m.buffer instanceof SharedArrayBuffer;
  } catch {
    return false;
  }
}

export async function runtimeInfo(options: RuntimeOptions = {}): Promise<RuntimeInfo> {
  await maybeEnableRelaxedSimd(options.relaxedSimd ?? env('AQUIFER_RELAXED_SIMD') === '1');
  const simd = validates(SIMD_PROBE);
  const relaxedSimd = simd && validates(RELAXED_SIMD_PROBE);
  const coi = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated;
  const crossOriginIsolated = typeof coi === 'boolean' ? coi : null;
  const sharedArrayBuffer = typeof SharedArrayBuffer === 'function' && crossOriginIsolated !== false;
  const workers = hasWorkerApi();
  const threads = sharedArrayBuffer && workers && validates(THREADS_PROBE) && sharedMemoryWorks();
  const cores = await cpuCount();
  const relaxedSimdSource = !relaxedSimd ? 'off' : relaxedFlagSet ? 'v8-flag' : 'native';

  const forced = options.kernel ?? (env('AQUIFER_KERNEL') as BuildName | undefined);
  let build: BuildName, reason: string;
  if (forced) {
    if (!BUILDS.includes(forced) && forced !== 'debug') {
      throw new AquiferError('BAD_PARAMETER', `kernel must be one of ${BUILDS.join(', ')}, debug; got '${forced}'`, { subject: 'kernel' });
    }
    build = forced;
    reason = options.kernel ? 'chosen by the kernel option' : 'chosen by AQUIFER_KERNEL';
  } else {
    ({ build, reason } = automaticBuild({ simd, relaxedSimd, threads, crossOriginIsolated }));
  }
  return { simd, relaxedSimd, threads, sharedArrayBuffer, crossOriginIsolated, workers, cores, build, reason, relaxedSimdSource };
}

type Capabilities = Pick<RuntimeInfo, 'simd' | 'relaxedSimd' | 'threads' | 'crossOriginIsolated'>;

const NO_SIMD = 'this runtime has no Wasm SIMD';
const noThreads = (c: Capabilities) => c.crossOriginIsolated === false
  ? 'no threads: the page is not cross-origin isolated (serve it with COOP/COEP headers)'
  : 'no threads: SharedArrayBuffer, shared Wasm memory or a worker API is missing';

/** The best build these capabilities run, and why. */
function automaticBuild(c: Capabilities): { build: BuildName; reason: string } {
  if (c.relaxedSimd && c.threads) return { build: 'relaxed-mt', reason: 'relaxed SIMD and threads are available' };
  if (c.simd && c.threads) {
    return {
      build: 'simd-mt',
      reason: isNode && !c.relaxedSimd
        ? 'SIMD and threads; relaxed SIMD needs Node >= 22, or AQUIFER_RELAXED_SIMD=1 on Node 20'
        : 'SIMD and threads; this runtime has no relaxed SIMD',
    };
  }
  if (c.simd) return { build: 'simd-st', reason: noThreads(c) };
  return { build: 'scalar-st', reason: NO_SIMD };
}

/** Why `build` cannot run here, with the build to use instead; null when it can run. */
export function unsupportedBuild(build: BuildName, info: RuntimeInfo): string | null {
  if (buildSupported(build, info)) return null;
  const why = !info.simd ? NO_SIMD : build === 'relaxed-mt' && !info.relaxedSimd ? 'this runtime has no relaxed SIMD' : noThreads(info);
  return `${why}; leave kernel unset to choose ${automaticBuild(info).build}`;
}

/** Whether a build's binary can run here (relaxed needs the opcode, *-mt needs threads). */
export function buildSupported(build: BuildName, info: RuntimeInfo): boolean {
  switch (build) {
    case 'relaxed-mt': return info.relaxedSimd && info.threads;
    case 'simd-mt': case 'debug': return info.simd && info.threads;
    case 'simd-st': return info.simd;
    case 'scalar-st': return true;
  }
}

export function isSharedBuild(build: BuildName): boolean {
  return build.endsWith('-mt') || build === 'debug';
}

const modules = new Map<BuildName, Promise<WebAssembly.Module>>();

/** The compiled kernel module of a build, compiled once per process. */
export function kernelModule(build: BuildName): Promise<WebAssembly.Module> {
  let m = modules.get(build);
  if (!m) {
    m = readAsset(kernelUrl(build))
      .then((bytes) => WebAssembly.compile(bytes as BufferSource))
      .catch((e: unknown) => {
        modules.delete(build);
        throw new AquiferError('WASM_ERROR', `could not load the ${build} kernels from ${kernelUrl(build).href}: ${(e as Error).message}`, { cause: e });
      });
    modules.set(build, m);
  }
  return m;
}

/** Provide a module compiled elsewhere (edge runtimes forbid compiling bytes; the host imports the .wasm). */
export function provideKernelModule(build: BuildName, module: WebAssembly.Module): void {
  modules.set(build, Promise.resolve(module));
}
