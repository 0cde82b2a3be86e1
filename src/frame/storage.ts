// Narrow numeric storage, the way H2O compresses a chunk: a column keeps the smallest typed array
// that holds every value exactly (bytes for 0..255, Int16/Int32 for small integers, Float32 when
// every value survives the round trip, else Float64). Integer arrays cannot hold NaN, so their NAs
// live in a separate bitmap (one bit per row, allocated only when a column has an NA).

export type NumericArray =
  | Uint8Array | Int8Array | Uint16Array | Int16Array | Int32Array | Float32Array | Float64Array;

export type NumericArrayConstructor =
  | Uint8ArrayConstructor | Int8ArrayConstructor | Uint16ArrayConstructor | Int16ArrayConstructor
  | Int32ArrayConstructor | Float32ArrayConstructor | Float64ArrayConstructor;

/** Running facts about a numeric column, enough to pick its storage. */
export interface NumericStats {
  min: number;        // over non-NA values; +Infinity when there are none
  max: number;
  allInt: boolean;    // every non-NA value is an integer
  allF32: boolean;    // every non-NA value equals Math.fround(value)
  naCount: number;
}

export function emptyStats(): NumericStats {
  return { min: Infinity, max: -Infinity, allInt: true, allF32: true, naCount: 0 };
}

export function scanNumbers(src: ArrayLike<number>, n: number): NumericStats {
  const s = emptyStats();
  for (let i = 0; i < n; i++) {
    const v = src[i]!;
    if (v !== v) { s.naCount++; continue; }
    if (v < s.min) s.min = v;
    if (v > s.max) s.max = v;
    if (s.allInt && !Number.isInteger(v)) s.allInt = false;
    if (s.allF32 && Math.fround(v) !== v) s.allF32 = false;
  }
  return s;
}

/** The narrowest array kind that holds every value described by `s` exactly. */
export function storageFor(s: NumericStats): NumericArrayConstructor {
  if (s.min > s.max) return Uint8Array;                  // no values at all (all NA or empty)
  // Integer kinds store -0 as 0, as H2O's integer chunks do.
  if (s.allInt) {
    if (s.min >= 0 && s.max <= 255) return Uint8Array;
    if (s.min >= -128 && s.max <= 127) return Int8Array;
    if (s.min >= -32768 && s.max <= 32767) return Int16Array;
    if (s.min >= 0 && s.max <= 65535) return Uint16Array;
    if (s.min >= -2147483648 && s.max <= 2147483647) return Int32Array;
  }
  return s.allF32 ? Float32Array : Float64Array;
}

export function isIntegerArray(a: NumericArray): boolean {
  return !(a instanceof Float32Array || a instanceof Float64Array);
}

/** Bit i of an NA bitmap. */
export function naGet(bitmap: Uint8Array, i: number): boolean {
  return (bitmap[i >>> 3]! & (1 << (i & 7))) !== 0;
}

export function naSet(bitmap: Uint8Array, i: number): void {
  bitmap[i >>> 3]! |= 1 << (i & 7);
}

export function naClear(bitmap: Uint8Array, i: number): void {
  bitmap[i >>> 3]! &= ~(1 << (i & 7));
}

export function bitmapBytes(n: number): number {
  return (n + 7) >>> 3;
}

/**
 * Packs `n` float64 values (NaN = NA) into the narrowest exact storage.
 * Integer storage gets an NA bitmap when there are NAs; float storage keeps NaN.
 */
export function compactNumbers(src: ArrayLike<number>, n: number, stats: NumericStats = scanNumbers(src, n)):
    { values: NumericArray; na: Uint8Array | null; stats: NumericStats } {
  const Kind = storageFor(stats);
  const values = new Kind(n);
  let na: Uint8Array | null = null;
  if (Kind === Float32Array || Kind === Float64Array) {
    for (let i = 0; i < n; i++) values[i] = src[i]!;
  } else {
    if (stats.naCount > 0) na = new Uint8Array(bitmapBytes(n));
    for (let i = 0; i < n; i++) {
      const v = src[i]!;
      if (v !== v) naSet(na!, i); else values[i] = v;
    }
  }
  return { values, na, stats };
}
