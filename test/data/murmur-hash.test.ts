import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { hashedUnit, murmur2Int } from '../../src/data/murmur-hash';
import { Random } from '../../src/util/random';

// Hadoop's MurmurHash.hash(byte[] data, int length, int seed) for length 4, written with BigInt
// arithmetic over the byte array, as a reference independent of Math.imul.
function referenceMurmur(c: number, seed: number): number {
  const u32 = (x: bigint) => BigInt.asUintN(32, x);
  const m = 0x5bd1e995n;
  const bytes = [(c >>> 24) & 0xff, (c >>> 16) & 0xff, (c >>> 8) & 0xff, c & 0xff]; // ByteBuffer.putInt: big-endian
  let h = u32(BigInt(seed) ^ 4n);
  let k = u32(BigInt(bytes[3]!) << 24n | BigInt(bytes[2]!) << 16n | BigInt(bytes[1]!) << 8n | BigInt(bytes[0]!));
  k = u32(k * m); k ^= k >> 24n; k = u32(k * m);
  h = u32(h * m); h ^= k;
  h ^= h >> 13n; h = u32(h * m); h ^= h >> 15n;
  return Number(BigInt.asIntN(32, h));
}

test('murmur2 of an int equals the byte-wise Hadoop reference on random inputs', () => {
  const r = new Random(2024);
  for (let t = 0; t < 2000; t++) {
    const c = r.nextU32() % 100000, seed = r.nextU32() | 0;
    assert.is(murmur2Int(c, seed), referenceMurmur(c, seed), `c=${c} seed=${seed}`);
  }
});

test('edge inputs: zero, negative one and extreme seeds', () => {
  for (const c of [0, 1, 255, 256, 65535, 2147483647, -1]) {
    for (const seed of [0, -1, 1, -2147483648, 2147483647]) assert.is(murmur2Int(c, seed), referenceMurmur(c, seed));
  }
});

test('the hashed unit is |h rem M| with Java\'s truncated remainder, always in 0..M−1', () => {
  const r = new Random(5);
  for (let t = 0; t < 500; t++) {
    const c = r.nextInt(5000), seed = r.nextU32() | 0, M = 1 + r.nextInt(50);
    const h = referenceMurmur(c, seed);
    const expected = Math.abs(h - M * Math.trunc(h / M));
    const u = hashedUnit(c, seed, M);
    assert.is(u, expected);
    assert.ok(u >= 0 && u < M);
  }
});

test.run();
