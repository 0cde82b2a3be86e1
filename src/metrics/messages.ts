// Every error text the metrics produce, in one place so they stay short and consistent.
// Each names the argument it is about.

export const msg = {
  lengthMismatch: (name: string, got: number, expected: number, of: string) =>
    `${name} has ${got} values but ${of} has ${expected}`,
  badWeight: (row: number, w: number) =>
    `weights[${row}] is ${w}: observation weights must be finite and >= 0 (NaN skips the row)`,
  badBinaryLabel: (row: number, v: number) =>
    `y[${row}] is ${v}: a binomial response is 0 or 1 (a negative code or NaN is a missing value)`,
  badClassLabel: (row: number, v: number, levels: number) =>
    `y[${row}] is ${v}: a multinomial response is a level index in 0..${levels - 1} (negative or NaN = missing)`,
  badK: (K: unknown) => `K must be an integer >= 2 (the number of predicted classes), got ${String(K)}`,
  probsShape: (len: number, rows: number, K: number) =>
    `probs has ${len} values but y has ${rows} rows and K is ${K}: probs must be rows x K, row-major (${rows * K} values)`,
  domainTooShort: (name: string, got: number, need: number) =>
    `${name} has ${got} levels but at least ${need} are needed`,
  badDistribution: (d: unknown, allowed: readonly string[]) =>
    `distribution must be one of ${allowed.join(', ')}, got ${JSON.stringify(d)}`,
  outOfRange: (name: string, v: unknown, range: string) => `${name} must be in ${range}, got ${String(v)}`,
  badHitRatioK: (k: unknown) => `max_hit_ratio_k must be an integer >= 0, got ${String(k)}`,
  badGainsLiftBins: (b: unknown) =>
    `gainslift_bins must be -1 (default quantiles), 0 (off) or a positive integer, got ${String(b)}`,
} as const;
