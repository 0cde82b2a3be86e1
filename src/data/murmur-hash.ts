// max_categorical_features hashing (h2o-training.md §1.7): H2O hashes each active one-hot unit c with
// the Hadoop variant of MurmurHash2 over the 4 big-endian bytes of c (hex/deeplearning/MurmurHash.java),
// all arithmetic on wrapping uint32, and uses |h rem M| as the input unit.

const M = 0x5bd1e995;

function byteswap32(x: number): number {
  return (((x & 0xff) << 24) | ((x & 0xff00) << 8) | ((x >>> 8) & 0xff00) | (x >>> 24)) >>> 0;
}

/** murmur2_32 of the int `c` as 4 big-endian bytes, seeded with the int32 `seed`; result as int32. */
export function murmur2Int(c: number, seed: number): number {
  let h = (seed ^ 4) >>> 0;
  let k = byteswap32(c >>> 0);
  k = Math.imul(k, M);
  k ^= k >>> 24;
  k = Math.imul(k, M);
  h = Math.imul(h, M);
  h ^= k;
  h ^= h >>> 13;
  h = Math.imul(h, M);
  h ^= h >>> 15;
  return h | 0;
}

/** The hashed input unit of one-hot unit `c` among `width` units: |h rem width| (Java's remainder). */
export function hashedUnit(c: number, seed: number, width: number): number {
  return Math.abs(murmur2Int(c, seed) % width);
}
