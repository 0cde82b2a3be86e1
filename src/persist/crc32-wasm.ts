// crc32.ts's slicing-by-8 loop as a hand-assembled WebAssembly module (a few hundred bytes, so it
// compiles synchronously, also on a browser's main thread). Memory: the eight 256-entry tables at
// 0..8 KiB (filled from JS), then a 64 KiB window the bytes are copied into piece by piece: a
// window reused stays in cache and in memory already touched, where copying a whole section into
// fresh memory would cost a page fault per 4 KiB. Where compiling Wasm from bytes is forbidden
// (edge runtimes, a strict Content-Security-Policy) crc32.ts keeps to its JS loop.
//
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

// Opcodes, and the locals: parameters p, n (then the end), c; locals end8, lo, hi.
const I32 = 0x7f, GET = 0x20, SET = 0x21, CONST = 0x41, LOAD = 0x28, LOAD8 = 0x2d, ADD = 0x6a, AND = 0x71, XOR = 0x73, SHL = 0x74, SHR = 0x76;
const GE_U = 0x4f, BLOCK = 0x02, LOOP = 0x03, VOID = 0x40, BR = 0x0c, BR_IF = 0x0d, END = 0x0b;
const P = 0, N = 1, C = 2, END8 = 3, LO = 4, HI = 5;
const c32 = (v: number): number[] => { // signed LEB128 of a small i32 constant
  const out: number[] = [];
  for (;;) { const b = v & 0x7f; v >>= 7; if ((v === 0 && !(b & 0x40)) || (v === -1 && b & 0x40)) { out.push(b); return out; } out.push(b | 0x80); }
};
/** Table t's entry for byte `shift / 8` of local x: load(1024 t + 4 ((x >>> shift) & 255)). */
const lookup = (x: number, shift: number, t: number) => [
  GET, x, ...(shift ? [CONST, ...c32(shift), SHR] : []), ...(shift < 24 ? [CONST, ...c32(255), AND] : []),
  CONST, 2, SHL, LOAD, 2, ...leb(1024 * t),
];

const PAGES = Math.ceil((WINDOW_AT + WINDOW_BYTES) / 65536);

/** The module's bytes: one function `crc` and its memory, exported. Built on first use: building
 *  it at import would cost every import of aquifer a millisecond. */
export function crc32Wasm(): Uint8Array {
  const body = [
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
    ...section(1, [1, 0x60, ...vec([I32, I32, I32]), ...vec([I32])]), // type 0: (i32, i32, i32) -> i32
    ...section(3, [1, 0]), // function 0 of type 0
    ...section(5, [1, 0x00, ...leb(PAGES)]), // one memory of PAGES pages, no maximum
    ...section(7, [2, ...name('crc'), 0x00, 0, ...name('memory'), 0x02, 0]), // exports: function 0, memory 0
    ...section(10, [1, ...vec(body)]), // one function body
  ]);
}
