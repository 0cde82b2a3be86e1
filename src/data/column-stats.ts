// Column statistics for DataInfo's transforms (h2o-training.md §1.4): mean, sample sd (n−1), min,
// max over the non-NA values of the rows in use, and the weighted mean and sd that replace them
// with a weights column: μ_w = Σwx/Σw, σ_w² = (k/(k−1))·Σw(x−μ_w)²/Σw, k = rows with w > 0.
// Two passes (mean first, then squared deviations), so the sd has no cancellation error.

export interface NumericStats {
  /** Non-NA values counted. */
  count: number;
  /** 0 when there are no values. */
  mean: number;
  /** Sample standard deviation; 0 when there are fewer than 2 values. */
  sd: number;
  min: number;
  max: number;
}

/** Stats of `values` (NaN = NA) over the rows where `keep` is 1 (all rows when null). */
export function numericStats(values: ArrayLike<number>, keep: Uint8Array | null): NumericStats {
  let count = 0, sum = 0, min = Infinity, max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    if (keep !== null && !keep[i]) continue;
    const x = values[i]!;
    if (x !== x) continue;
    count++; sum += x;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  if (count === 0) return { count, mean: 0, sd: 0, min: 0, max: 0 };
  const mean = sum / count;
  let ss = 0;
  for (let i = 0; i < values.length; i++) {
    if (keep !== null && !keep[i]) continue;
    const x = values[i]!;
    if (x === x) ss += (x - mean) * (x - mean);
  }
  return { count, mean, sd: count > 1 ? Math.sqrt(ss / (count - 1)) : 0, min, max };
}

/** Weighted mean and sd of `values` with observation `weights` over the rows where `keep` is 1. */
export function weightedStats(values: ArrayLike<number>, weights: ArrayLike<number>, keep: Uint8Array | null):
    { mean: number; sd: number } {
  let k = 0, sw = 0, swx = 0;
  for (let i = 0; i < values.length; i++) {
    if (keep !== null && !keep[i]) continue;
    const x = values[i]!, w = weights[i]!;
    if (x !== x || !(w > 0)) continue;
    k++; sw += w; swx += w * x;
  }
  if (k === 0) return { mean: 0, sd: 0 };
  const mean = swx / sw;
  let ss = 0;
  for (let i = 0; i < values.length; i++) {
    if (keep !== null && !keep[i]) continue;
    const x = values[i]!, w = weights[i]!;
    if (x === x && w > 0) ss += w * (x - mean) * (x - mean);
  }
  return { mean, sd: k > 1 ? Math.sqrt((k / (k - 1)) * (ss / sw)) : 0 };
}

/** Level counts of `codes` (NA = -1 not counted) over the rows where `keep` is 1. */
export function levelCounts(codes: Int32Array, nlevels: number, keep: Uint8Array | null): Float64Array {
  const counts = new Float64Array(nlevels);
  for (let i = 0; i < codes.length; i++) {
    if (keep !== null && !keep[i]) continue;
    const c = codes[i]!;
    if (c >= 0) counts[c]++;
  }
  return counts;
}
