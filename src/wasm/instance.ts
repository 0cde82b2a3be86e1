// Instantiating the kernel module over a memory, and a single-thread kernel context
// (main thread, tests, benchmarks, the scorer). Workers instantiate the same way.

import { AquiferError } from '../util/errors';
import { type BuildName, isSharedBuild, kernelModule } from './runtime';
import { Arena, createMemory } from './memory';

/** Kernel exports: raw-pointer functions over numbers (pointers are byte offsets). */
export type KernelExports = Record<string, (...args: number[]) => number> & { heap_base(): number };

export async function instantiateKernels(module: WebAssembly.Module, memory: WebAssembly.Memory, build: BuildName): Promise<KernelExports> {
  try {
    if (build === 'debug') {
      // The debug build keeps its assertions; the loader turns env.abort into an Error that
      // names the message, file and line (it reads the static strings straight from memory).
      const loader = await import('@assemblyscript/loader');
      const { exports } = await loader.instantiate(module, { env: { memory } });
      return exports as unknown as KernelExports;
    }
    const instance = await WebAssembly.instantiate(module, { env: { memory } });
    return instance.exports as unknown as KernelExports;
  } catch (e) {
    throw new AquiferError('WASM_ERROR', `could not instantiate the ${build} kernels: ${(e as Error).message}`, { cause: e });
  }
}

export interface KernelContext {
  build: BuildName;
  memory: WebAssembly.Memory;
  arena: Arena;
  k: KernelExports;
}

/** A memory of at least `bytes` bytes (it grows as the arena allocates) with the kernels instantiated on it. */
export async function createKernelContext(build: BuildName, bytes = 1 << 20): Promise<KernelContext> {
  const module = await kernelModule(build);
  const memory = createMemory(bytes, isSharedBuild(build));
  const k = await instantiateKernels(module, memory, build);
  return { build, memory, k, arena: new Arena(memory, k.heap_base()) };
}
