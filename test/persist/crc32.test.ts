import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { crc32, crc32HasWasm, crc32js } from '../../src/persist/crc32';
import { assembleCrc32Wasm, crc32Wasm } from '../../src/persist/crc32-wasm';

const ascii = (s: string) => new TextEncoder().encode(s);

test('the CRC-32 check value: "123456789" gives 0xCBF43926', () => {
  assert.is(crc32(ascii('123456789')), 0xcbf43926);
});

test('the empty input gives 0, and a known zlib value matches', () => {
  assert.is(crc32(new Uint8Array(0)), 0);
  assert.is(crc32(ascii('The quick brown fox jumps over the lazy dog')), 0x414fa339);
});

test('a range and a continued CRC equal the CRC of the whole', () => {
  const bytes = Uint8Array.from({ length: 1000 }, (_, i) => (i * 7919) & 0xff);
  const whole = crc32(bytes);
  assert.is(crc32(bytes, 400, 1000, crc32(bytes, 0, 400)), whole);
  assert.is(crc32(bytes, 10, 20), crc32(bytes.subarray(10, 20)));
});

test('every single-bit flip changes the CRC', () => {
  const bytes = ascii('aquifer model bytes');
  const c = crc32(bytes);
  for (let i = 0; i < bytes.length * 8; i++) {
    const b = bytes.slice();
    b[i >> 3] ^= 1 << (i & 7);
    assert.is.not(crc32(b), c);
  }
});


test('the eight-byte steps, in JS and in Wasm, agree with a bit-by-bit CRC at every length and offset', () => {
  const bitwise = (b: Uint8Array) => {
    let c = 0xffffffff;
    for (const x of b) { c ^= x; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; }
    return ~c >>> 0;
  };
  const bytes = Uint8Array.from({ length: 70 }, (_, i) => (i * 131 + 17) & 0xff);
  for (let start = 0; start < 9; start++) for (let end = start; end <= 70; end++) {
    assert.is(crc32js(bytes, start, end), bitwise(bytes.subarray(start, end)));
    assert.is(crc32(bytes, start, end), bitwise(bytes.subarray(start, end)));
  }
  const all = Uint8Array.from({ length: 256 * 9 }, (_, i) => (i * 7) ^ (i >> 8));
  assert.is(crc32(all), bitwise(all), 'every byte value, so every table entry');
});

test('the Wasm and the JS loop agree on long inputs, across windows, and on continued ranges', () => {
  assert.ok(crc32HasWasm(), 'Node compiles the Wasm loop');
  const bytes = Uint8Array.from({ length: 200_003 }, (_, i) => (i * 2654435761) >>> 24);
  assert.is(crc32(bytes), crc32js(bytes));
  assert.is(crc32(bytes, 5000, 190_001, 0x1234), crc32js(bytes, 5000, 190_001, 0x1234));
  for (const end of [1023, 1024, 1025, 1031, 65_536, 65_537, 131_079]) for (const start of [0, 1, 7]) {
    assert.is(crc32(bytes, start, end), crc32js(bytes, start, end), `[${start}, ${end})`);
  }
});

test('the Wasm loop is a module of a few hundred bytes that validates, assembled from its listing', () => {
  const bytes = crc32Wasm();
  assert.equal(Array.from(bytes), Array.from(assembleCrc32Wasm()), 'CRC32_WASM_HEX is assembleCrc32Wasm() as hex: update it after changing the listing');
  assert.ok(WebAssembly.validate(bytes as BufferSource));
  assert.ok(bytes.length < 1024, String(bytes.length));
});

test.run();
