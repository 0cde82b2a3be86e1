// crc32.ts's slicing-by-8 loop as a hand-assembled WebAssembly module (a few hundred bytes, so it
// compiles synchronously, also on a browser's main thread): the listing in assembleCrc32Wasm(), its
// output as hex in CRC32_WASM_HEX (a test holds the two equal). Memory: the eight 256-entry tables
// at 0..8 KiB, then a 64 KiB window the bytes are copied into piece by piece: a window reused stays
// in cache and in memory already touched, where copying a whole section into fresh memory would
// cost a page fault per 4 KiB. Where compiling Wasm from bytes is forbidden (edge runtimes, a strict
// Content-Security-Policy) crc32.ts keeps to its JS loop.
//
//   tables(): fills the tables, as crc32.ts's crcTables() computes them (once, before crc).
//   crc(p, n, c): CRC-32 of memory[p, p + n) continuing c (c = 0 to start), as crc32js computes it.

/** Where the window starts, and its size. */
export const WINDOW_AT = 8192;
export const WINDOW_BYTES = 65536;

const leb = (n: number): number[] => {
  const out: number[] = [];
  do { let b = n & 0x7f; n >>>= 7; if (n) b |= 0x80; out.push(b); } while (n);
  return out;
};
const vec = (bytes: number[]) => [...leb(bytes.length), ...bytes];
const section = (id: number, bytes: number[]) => [id, ...vec(bytes)];
const name = (s: string) => vec([...s].map((c) => c.charCodeAt(0)));

// Opcodes.
const I32 = 0x7f, GET = 0x20, SET = 0x21, TEE = 0x22, CONST = 0x41, LOAD = 0x28, LOAD8 = 0x2d, STORE = 0x36;
const ADD = 0x6a, SUB = 0x6b, AND = 0x71, XOR = 0x73, SHL = 0x74, SHR = 0x76, GE_U = 0x4f;
const BLOCK = 0x02, LOOP = 0x03, VOID = 0x40, BR = 0x0c, BR_IF = 0x0d, END = 0x0b;
// crc's locals: parameters p, n (then the end), c; locals end8, lo, hi.
const P = 0, N = 1, C = 2, END8 = 3, LO = 4, HI = 5;
// tables' locals: the entry i, its value c, the bit count k.
const I = 0, V = 1, K = 2;
const c32 = (v: number): number[] => { // signed LEB128 of a small i32 constant
  const out: number[] = [];
  for (;;) { const b = v & 0x7f; v >>= 7; if ((v === 0 && !(b & 0x40)) || (v === -1 && b & 0x40)) { out.push(b); return out; } out.push(b | 0x80); }
};
/** Table t's entry for byte `shift / 8` of local x: load(1024 t + 4 ((x >>> shift) & 255)). */
const lookup = (x: number, shift: number, t: number) => [
  GET, x, ...(shift ? [CONST, ...c32(shift), SHR] : []), ...(shift < 24 ? [CONST, ...c32(255), AND] : []),
  CONST, 2, SHL, LOAD, 2, ...leb(1024 * t),
];


/** The module assembled from the listings below: `crc`, `tables` and the memory, exported.
 *  Loading uses CRC32_WASM_HEX, its output, which test/persist/crc32.test.ts checks against it:
 *  assembling costs a fresh process about a millisecond, decoding the hex a tenth of that. */
export function assembleCrc32Wasm(): Uint8Array {
  const tables = [
    1, 3, I32, // one run of locals: i, c, k (i32)
    // T0[i]: i through 8 steps of c = (c >>> 1) ^ (0xEDB88320 & -(c & 1)).
    BLOCK, VOID, LOOP, VOID,
    GET, I, CONST, ...c32(256), GE_U, BR_IF, 1,
    GET, I, SET, V, CONST, 8, SET, K,
    LOOP, VOID,
    GET, V, CONST, 1, SHR, CONST, 0, GET, V, CONST, 1, AND, SUB, CONST, ...c32(0xedb88320 | 0), AND, XOR, SET, V,
    GET, K, CONST, 1, SUB, TEE, K, BR_IF, 0,
    END,
    GET, I, CONST, 2, SHL, GET, V, STORE, 2, 0,
    GET, I, CONST, 1, ADD, SET, I,
    BR, 0, END, END,
    // T1..T7, entries 256..2047: T[i] = (T[i - 256] >>> 8) ^ T0[T[i - 256] & 255].
    BLOCK, VOID, LOOP, VOID,
    GET, I, CONST, ...c32(2048), GE_U, BR_IF, 1,
    GET, I, CONST, 2, SHL, CONST, ...c32(1024), SUB, LOAD, 2, 0, SET, V,
    GET, I, CONST, 2, SHL,
    GET, V, CONST, 8, SHR, GET, V, CONST, ...c32(255), AND, CONST, 2, SHL, LOAD, 2, 0, XOR,
    STORE, 2, 0,
    GET, I, CONST, 1, ADD, SET, I,
    BR, 0, END, END,
    END,
  ];
  const crc = [
    1, 3, I32, // one run of locals: end8, lo, hi (i32)
    GET, C, CONST, ...c32(-1), XOR, SET, C,
    GET, P, GET, N, CONST, ...c32(-8), AND, ADD, SET, END8,
    GET, P, GET, N, ADD, SET, N,
    // Eight bytes a step: lo = c ^ bytes 0..3, hi = bytes 4..7 (little-endian loads).
    BLOCK, VOID, LOOP, VOID,
    GET, P, GET, END8, GE_U, BR_IF, 1,
    GET, C, GET, P, LOAD, 2, 0, XOR, SET, LO,
    GET, P, LOAD, 2, 4, SET, HI,
    ...lookup(LO, 0, 7), ...lookup(LO, 8, 6), XOR, ...lookup(LO, 16, 5), XOR, ...lookup(LO, 24, 4), XOR,
    ...lookup(HI, 0, 3), XOR, ...lookup(HI, 8, 2), XOR, ...lookup(HI, 16, 1), XOR, ...lookup(HI, 24, 0), XOR,
    SET, C,
    GET, P, CONST, 8, ADD, SET, P,
    BR, 0, END, END,
    // The rest a byte at a time: c = T0[(c ^ byte) & 255] ^ (c >>> 8).
    BLOCK, VOID, LOOP, VOID,
    GET, P, GET, N, GE_U, BR_IF, 1,
    GET, C, GET, P, LOAD8, 0, 0, XOR, CONST, ...c32(255), AND, CONST, 2, SHL, LOAD, 2, 0,
    GET, C, CONST, 8, SHR, XOR, SET, C,
    GET, P, CONST, 1, ADD, SET, P,
    BR, 0, END, END,
    GET, C, CONST, ...c32(-1), XOR,
    END,
  ];
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [2, 0x60, ...vec([I32, I32, I32]), ...vec([I32]), 0x60, 0, 0]), // types: (i32, i32, i32) -> i32, () -> ()
    ...section(3, [2, 0, 1]), // function 0 (crc) of type 0, function 1 (tables) of type 1
    ...section(5, [1, 0x00, ...leb(Math.ceil((WINDOW_AT + WINDOW_BYTES) / 65536))]), // one memory for both, no maximum
    ...section(7, [3, ...name('crc'), 0x00, 0, ...name('tables'), 0x00, 1, ...name('memory'), 0x02, 0]), // exports
    ...section(10, [2, ...vec(crc), ...vec(tables)]), // the function bodies
  ]);
}

/** assembleCrc32Wasm()'s bytes as hex. */
export const CRC32_WASM_HEX =
  '0061736d01000000010b0260037f7f7f017f60000003030200010503010002071903036372630000067461626c657300' +
  '01066d656d6f727902000a860302f20101037f2002417f732102200020014178716a2103200020016a21010240034020' +
  '0020034f0d012002200028020073210420002802042105200441ff017141027428028038200441087641ff0171410274' +
  '2802803073200441107641ff0171410274280280287320044118764102742802802073200541ff017141027428028018' +
  '73200541087641ff01714102742802801073200541107641ff0171410274280280087320054118764102742802007321' +
  '02200041086a21000c000b0b02400340200020014f0d01200220002d00007341ff017141027428020020024108767321' +
  '02200041016a21000c000b0b2002417f730b8f0101037f0240034020004180024f0d0120002101410821020340200141' +
  '0176410020014101716b41a086e2ed7e71732101200241016b22020d000b20004102742001360200200041016a21000c' +
  '000b0b0240034020004180104f0d0120004102744180086b280200210120004102742001410876200141ff0171410274' +
  '28020073360200200041016a21000c000b0b0b';

/** The module's bytes. */
export function crc32Wasm(): Uint8Array {
  const out = new Uint8Array(CRC32_WASM_HEX.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(CRC32_WASM_HEX.substr(2 * i, 2), 16);
  return out;
}
