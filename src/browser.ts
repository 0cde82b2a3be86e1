// aquifer's public API (browsers: same surface, no node: imports on the hot path). Curated by hand: what is not exported here is internal.

export { AquiferError, isAquiferError, type ErrorCode } from './util/errors';
export { runtimeInfo, type RuntimeInfo, type RuntimeOptions, type BuildName } from './wasm/runtime';
