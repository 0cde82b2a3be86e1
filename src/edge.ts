// aquifer for edge runtimes (Cloudflare workerd, Vercel edge): no workers, no SharedArrayBuffer,
// no compiling Wasm from bytes. The host imports the kernel binary as a module
// (`import kernels from 'aquifer/kernels/simd-st.wasm'`) and hands it over with provideKernels().

import { provideKernelModule, type BuildName } from './wasm/runtime';

export { AquiferError, isAquiferError, type ErrorCode } from './util/errors';
export { runtimeInfo, type RuntimeInfo, type RuntimeOptions, type BuildName } from './wasm/runtime';

/** Register a pre-compiled kernel module (simd-st, or scalar-st where the engine has no SIMD). */
export function provideKernels(module: WebAssembly.Module, build: Extract<BuildName, 'simd-st' | 'scalar-st'> = 'simd-st'): void {
  provideKernelModule(build, module);
}
