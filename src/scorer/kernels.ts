// Choosing and starting the scorer's forward pass: a Wasm module passed in (edge runtimes, which
// forbid compiling bytes), else the build's module as training loads it (provided earlier with
// provideKernels, or read and compiled once per process); simd-st where the SIMD probe validates,
// else scalar-st; plain TypeScript where there is no Wasm or the kernels cannot be loaded.

import { AquiferError } from '../util/errors';
import type { KernelExports } from '../wasm/instance';
import { SIMD_PROBE, validates } from '../wasm/probes';
import { kernelModule } from '../wasm/runtime';
import { TsEngine, WasmEngine, type ForwardEngine, type ScorerKernel } from './engine';
import { describe, msg } from './messages';
import type { ScoringModel } from './model-source';

export interface EngineOptions {
  /** A compiled simd-st.wasm or scalar-st.wasm (`import kernels from 'aquifer/kernels/simd-st.wasm'`). */
  module?: WebAssembly.Module;
  /** Force a forward pass; by default simd-st, else scalar-st, else ts. */
  kernel?: ScorerKernel;
}

export interface StartedEngine { engine: ForwardEngine; reason: string }

/** The forward pass chosen, before a model is at hand: TypeScript, or a Wasm module. */
export type ChosenKernels =
  | { kind: 'ts'; reason: string }
  | { kind: 'wasm'; build: 'simd-st' | 'scalar-st'; module: WebAssembly.Module; given: boolean; reason: string };

const KERNELS: readonly ScorerKernel[] = ['simd-st', 'scalar-st', 'ts'];

/** Checks the options and gets the kernel module (reading and compiling it runs while the caller
 *  decodes the model). */
export async function chooseKernels(opts: EngineOptions): Promise<ChosenKernels> {
  const { module, kernel } = opts;
  if (kernel !== undefined && !KERNELS.includes(kernel)) throw new AquiferError('BAD_PARAMETER', msg.badKernel(kernel), { subject: 'kernel' });
  const hasWasm = typeof WebAssembly === 'object' && WebAssembly !== null;
  if (module !== undefined && !(hasWasm && module instanceof WebAssembly.Module)) {
    throw new AquiferError('BAD_PARAMETER', msg.badModule(describe(module)), { subject: 'module' });
  }
  if (kernel === 'ts') return { kind: 'ts', reason: 'chosen by the kernel option' };
  if (!hasWasm) {
    if (kernel !== undefined) throw new AquiferError('RUNTIME_UNSUPPORTED', msg.noWasm(), { subject: 'kernel' });
    return { kind: 'ts', reason: 'this runtime has no WebAssembly' };
  }
  const simd = validates(SIMD_PROBE);
  if (kernel === 'simd-st' && !simd) throw new AquiferError('RUNTIME_UNSUPPORTED', msg.noSimd(), { subject: 'kernel' });
  const build = kernel ?? (simd ? 'simd-st' : 'scalar-st');
  if (module) return { kind: 'wasm', build, module, given: true, reason: 'the module passed in' };
  try {
    return { kind: 'wasm', build, module: await kernelModule(build), given: false, reason: kernel ? 'chosen by the kernel option' : simd ? 'Wasm SIMD is available' : 'this runtime has no Wasm SIMD' };
  } catch (e) {
    // Only an explicit choice fails; otherwise score in TypeScript and say why.
    const why = msg.loadFailed((e as Error).message);
    if (kernel !== undefined) throw new AquiferError('WASM_ERROR', why, { subject: 'kernel', cause: e });
    return { kind: 'ts', reason: why };
  }
}

/** The model's forward pass over the chosen kernels: its own plain memory and instance. */
export async function startEngine(m: ScoringModel, chosen: ChosenKernels): Promise<StartedEngine> {
  if (chosen.kind === 'ts') return { engine: new TsEngine(m), reason: chosen.reason };
  const memory = WasmEngine.memoryFor(m);
  let k: KernelExports;
  try {
    k = (await WebAssembly.instantiate(chosen.module, { env: { memory } })).exports as unknown as KernelExports;
  } catch (e) {
    throw new AquiferError('WASM_ERROR', msg.sharedModule((e as Error).message), { subject: 'module', cause: e });
  }
  // A module handed in names no build: the scalar build has no GEMM packing space (0 bytes).
  const build = chosen.given && k.gemm_f32_scratch_bytes!(8, 8, 8) === 0 ? 'scalar-st' : chosen.build;
  return { engine: new WasmEngine(build, k, memory, m), reason: chosen.given ? `${chosen.reason} (${build})` : chosen.reason };
}
