// CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), the checksum of zip, gzip and PNG: check value
// 0xCBF43926 for the ASCII bytes "123456789". Written here rather than taken from a dependency:
// node:zlib's crc32 exists only in Node >= 20.15 and not in browsers, and the model format needs the
// same bytes everywhere. It detects every burst error up to 32 bits and misses a random corruption
// with probability 2^-32; it is no defence against a crafted file, which the loader's shape checks
// are for. Slicing-by-8 (eight 256-entry tables, eight bytes a step): loading a model spends most of
// its checksum time here, so it matters for the scorer's cold start. The same loop runs as a small
// Wasm module (crc32-wasm.ts) wherever Wasm compiles: in a fresh process or page the JS loop runs unoptimized
// (10-20 ms for the 0.8 MB of W2 MNIST weights on a busy 2-core machine), the Wasm one compiled at
// once (about 1.5 ms). Node's zlib.crc32 is faster still, but loading node:zlib (and node:stream
// behind it) cost a fresh process 5-7 ms, more than it saved.

import { crc32Wasm, WINDOW_AT, WINDOW_BYTES } from './crc32-wasm';

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

interface WasmCrc { crc: (p: number, n: number, c: number) => number; window: Uint8Array }

let wasm: WasmCrc | null | undefined;

/** The loop compiled from crc32-wasm.ts, or null where Wasm cannot be compiled from bytes. */
function wasmCrc(): WasmCrc | null {
  if (wasm !== undefined) return wasm;
  try {
    const { exports } = new WebAssembly.Instance(new WebAssembly.Module(crc32Wasm() as BufferSource));
    (exports.tables as () => void)();
    wasm = { crc: exports.crc as WasmCrc['crc'], window: new Uint8Array((exports.memory as WebAssembly.Memory).buffer, WINDOW_AT, WINDOW_BYTES) };
  } catch {
    wasm = null;
  }
  return wasm;
}

/** Whether long inputs run the Wasm loop here. */
export const crc32HasWasm = (): boolean => wasmCrc() !== null;

/** CRC-32 of bytes[start, end); `crc` continues a previous call's result. Every input goes
 *  through Wasm where it compiles: the JS loop then never runs, nor builds its tables. */
export function crc32(bytes: Uint8Array, start = 0, end = bytes.length, crc = 0): number {
  const w = wasmCrc();
  if (!w) return crc32js(bytes, start, end, crc);
  for (let at = start; at < end; at += WINDOW_BYTES) {
    const n = Math.min(WINDOW_BYTES, end - at);
    w.window.set(bytes.subarray(at, at + n));
    crc = w.crc(WINDOW_AT, n, crc);
  }
  return crc >>> 0;
}

/** The CRC-32 in plain JS, for runtimes that do not compile Wasm from bytes. */
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
