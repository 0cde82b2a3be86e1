// aquifer's public API (Node). Curated by hand: what is not exported here is internal.

export { AquiferError, isAquiferError, type ErrorCode } from './util/errors';
export { runtimeInfo, type RuntimeInfo, type RuntimeOptions, type BuildName } from './wasm/runtime';
