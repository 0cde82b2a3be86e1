// CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), the checksum of zip, gzip and PNG: check value
// 0xCBF43926 for the ASCII bytes "123456789". Written here rather than taken from a dependency:
// node:zlib's crc32 exists only in Node >= 20.15 and not in browsers, and the model format needs the
// same bytes everywhere. It detects every burst error up to 32 bits and misses a random corruption
// with probability 2^-32; it is no defence against a crafted file, which the loader's shape checks
// are for. Slicing-by-8 (eight 256-entry tables, eight bytes a step): loading a model spends most of
// its checksum time here, so it matters for the scorer's cold start.

let tables: Uint32Array[] | undefined;

function crcTables(): Uint32Array[] {
  if (tables) return tables;
  const t0 = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t0[n] = c >>> 0;
  }
  tables = [t0];
  for (let k = 1; k < 8; k++) {
    const prev = tables[k - 1]!, t = new Uint32Array(256);
    for (let n = 0; n < 256; n++) t[n] = (prev[n]! >>> 8) ^ t0[prev[n]! & 0xff]!;
    tables.push(t);
  }
  return tables;
}

type NativeCrc32 = (data: Uint8Array, value?: number) => number;

/** Node's zlib.crc32 (Node >= 20.15), found without writing out a `node:` import (see
 *  util/node-builtin.ts): in a fresh process the JS loop below still runs unoptimized, and a model's
 *  checksum was a third of the standalone scorer's cold start. */
const native: NativeCrc32 | undefined = (() => {
  try {
    const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
    const zlib = proc?.getBuiltinModule?.(['node', 'zlib'].join(':')) as { crc32?: NativeCrc32 } | undefined;
    return typeof zlib?.crc32 === 'function' ? zlib.crc32 : undefined;
  } catch {
    return undefined;
  }
})();

/** CRC-32 of bytes[start, end); `crc` continues a previous call's result. */
export function crc32(bytes: Uint8Array, start = 0, end = bytes.length, crc = 0): number {
  if (native && end - start >= 4096) return native(bytes.subarray(start, end), crc) >>> 0;
  return crc32js(bytes, start, end, crc);
}

/** The portable CRC-32 (browsers, edge runtimes, short inputs). */
export function crc32js(bytes: Uint8Array, start = 0, end = bytes.length, crc = 0): number {
  const [t0, t1, t2, t3, t4, t5, t6, t7] = crcTables() as [Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array];
  let c = ~crc >>> 0;
  let i = start;
  for (; i + 8 <= end; i += 8) {
    const lo = c ^ (bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24));
    c = t7[lo & 0xff]! ^ t6[(lo >>> 8) & 0xff]! ^ t5[(lo >>> 16) & 0xff]! ^ t4[lo >>> 24]! ^
      t3[bytes[i + 4]!]! ^ t2[bytes[i + 5]!]! ^ t1[bytes[i + 6]!]! ^ t0[bytes[i + 7]!]!;
  }
  for (; i < end; i++) c = t0[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}
