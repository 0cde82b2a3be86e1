// Distinct values of a column and each row's position among them: the sort behind the exact AUC,
// the thresholds table and the weighted quantiles. An LSD radix sort on the IEEE-754 bit patterns
// (4 passes of 16 bits, passes with a single bucket skipped) gives the ascending order of 1e6
// doubles in ~0.1 s, several times faster here than a comparator sort or sort-then-binary-search.

export interface Distinct {
  /** The distinct values, ascending. -0 and +0 count as one value. */
  values: Float64Array;
  /** For every input row, the index of its value in `values`. */
  index: Int32Array;
}

const RADIX = 16, BUCKETS = 1 << RADIX, MASK = BUCKETS - 1;
const SMALL_SORT = 2048;

/**
 * The stable ascending order of `values` (NaN-free) as a permutation of row indices.
 * Keys: a double's bits with the sign bit flipped for x ≥ 0 and all bits flipped for x < 0 sort as
 * unsigned integers in numeric order; −0 is mapped to +0 first so the two compare equal.
 */
export function ascendingOrder(values: Float64Array): Uint32Array {
  const n = values.length;
  // The radix passes walk 65,536 buckets each whatever n is: below a few thousand values a
  // comparison sort (ties by index, as the stable radix sort leaves them) is faster.
  if (n < SMALL_SORT) return Uint32Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a]! - values[b]! || a - b);
  const bits = new Uint32Array(values.buffer, values.byteOffset, 2 * n);
  let lo = new Uint32Array(n), hi = new Uint32Array(n), order = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const h = bits[2 * i + 1], l = bits[2 * i];
    if (values[i] === 0) { hi[i] = 0x80000000; lo[i] = 0; } // −0 and +0: one key
    else if (h >>> 31 === 1) { hi[i] = ~h >>> 0; lo[i] = ~l >>> 0; }
    else { hi[i] = (h | 0x80000000) >>> 0; lo[i] = l; }
    order[i] = i;
  }
  let lo2 = new Uint32Array(n), hi2 = new Uint32Array(n), order2 = new Uint32Array(n);
  const count = new Uint32Array(BUCKETS);
  for (let pass = 0; pass < 4; pass++) {
    const word = pass < 2 ? lo : hi, shift = (pass & 1) * RADIX;
    count.fill(0);
    for (let i = 0; i < n; i++) count[(word[i] >>> shift) & MASK]++;
    if (n === 0 || count[(word[0] >>> shift) & MASK] === n) continue; // every key has this digit
    let sum = 0;
    for (let b = 0; b < BUCKETS; b++) { const c = count[b]; count[b] = sum; sum += c; }
    if (pass < 2) {
      for (let i = 0; i < n; i++) {
        const dst = count[(lo[i] >>> shift) & MASK]++;
        lo2[dst] = lo[i]; hi2[dst] = hi[i]; order2[dst] = order[i];
      }
      [lo, lo2] = [lo2, lo];
    } else { // the low word is no longer needed once its digits are sorted
      for (let i = 0; i < n; i++) {
        const dst = count[(hi[i] >>> shift) & MASK]++;
        hi2[dst] = hi[i]; order2[dst] = order[i];
      }
    }
    [hi, hi2] = [hi2, hi]; [order, order2] = [order2, order];
  }
  return order;
}

/** `values` must be NaN-free (callers drop unusable rows first). */
export function distinctAscending(values: Float64Array): Distinct {
  const n = values.length;
  const order = ascendingOrder(values);
  const sorted = new Float64Array(n);
  const index = new Int32Array(n);
  let m = 0;
  for (let k = 0; k < n; k++) {
    const i = order[k], v = values[i];
    if (m === 0 || v !== sorted[m - 1]) sorted[m++] = v === 0 ? 0 : v;
    index[i] = m - 1;
  }
  return { values: sorted.slice(0, m), index };
}
