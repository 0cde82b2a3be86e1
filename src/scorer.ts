// aquifer/scorer: scoring only. No workers and no SharedArrayBuffer; accepts a pre-compiled
// WebAssembly.Module for runtimes that forbid compiling bytes. (The model scorer itself arrives
// with persisted models; this entry already fixes the import path and the kernel hand-over.)

export { AquiferError, isAquiferError } from './util/errors';
export { provideKernels } from './edge';
export { runtimeInfo, type RuntimeInfo } from './wasm/runtime';
