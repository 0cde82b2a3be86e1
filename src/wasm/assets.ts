// Where the kernel binaries and the worker script live, and how to read them in each runtime.
// From source (tests run src/ through tsx) they are found under dist/; in the bundle beside it.
// The build defines AQUIFER_BUNDLED so that the source-tree branch disappears from dist/ and
// downstream bundlers only ever see './worker.js' and './kernels/*.wasm'.

import { nodeBuiltin } from '../util/node-builtin';

declare const AQUIFER_BUNDLED: boolean;
const bundled = typeof AQUIFER_BUNDLED !== 'undefined' && AQUIFER_BUNDLED;

export type BuildName = 'relaxed-mt' | 'simd-mt' | 'simd-st' | 'scalar-st' | 'debug';

export function kernelUrl(build: BuildName): URL {
  return bundled
    ? new URL(`./kernels/${build}.wasm`, import.meta.url)
    : new URL(`../../dist/kernels/${build}.wasm`, import.meta.url);
}

export function workerUrl(): URL {
  return bundled ? new URL('./worker.js', import.meta.url) : new URL('../parallel/worker-source.mjs', import.meta.url);
}

export const isNode = typeof process === 'object' && typeof process.versions?.node === 'string';

/** The bytes of a file: or http(s): URL (fs in Node, fetch elsewhere). */
export async function readAsset(url: URL): Promise<Uint8Array> {
  if (url.protocol === 'file:' && isNode) {
    const { readFile } = await nodeBuiltin<typeof import('node:fs/promises')>('fs/promises');
    return new Uint8Array(await readFile(url));
  }
  const res = await fetch(url);
  if (!res.ok) throw new Error(`fetching ${url.href} failed with HTTP ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}
