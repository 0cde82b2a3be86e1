// H2O's column summary (RollupStats): min, max, mean, sample sd, NA count, zeros, cardinality.
// Like H2O, an enum column is summarised over its level codes; a string column has no numbers.

import type { Column, ColumnType } from './column';

export interface ColumnSummary {
  name: string;
  type: ColumnType;
  min: number;          // NaN when the column has no non-NA number (string, all-NA)
  max: number;
  mean: number;
  sd: number;           // sample standard deviation (n − 1); NaN for fewer than two values
  missing: number;      // NA count
  zeros: number;        // count of values equal to 0 (enum: rows at level code 0)
  cardinality: number | null;  // enum: number of levels; other types: null
}

export function summarize(col: Column): ColumnSummary {
  const n = col.length;
  let missing = 0, zeros = 0, count = 0, min = Infinity, max = -Infinity, sum = 0;
  if (col.type === 'string') {
    for (let i = 0; i < n; i++) if (col.isNA(i)) missing++;
    return { name: col.name, type: col.type, min: NaN, max: NaN, mean: NaN, sd: NaN, missing, zeros: 0, cardinality: null };
  }
  // Read the backing array directly (enum codes: -1 is NA; a numeric column with NA marks goes
  // through toFloat64): at() per value is several times slower on MNIST-sized frames.
  const d = col.data;
  const src: ArrayLike<number> = d.type === 'enum' ? d.codes
    : (d.type === 'int' || d.type === 'real') && d.na === null ? d.values
    : d.type === 'time' ? d.values : col.toFloat64();
  const negIsNA = d.type === 'enum';
  for (let i = 0; i < n; i++) {
    const v = src[i]!;
    if (v !== v || (negIsNA && v < 0)) { missing++; continue; }
    count++; sum += v;
    if (v === 0) zeros++;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const mean = count > 0 ? sum / count : NaN;
  // Second pass for the variance: no cancellation, unlike the one-pass sum of squares.
  let ss = 0;
  if (count > 1) for (let i = 0; i < n; i++) { const v = src[i]!; if (v === v && !(negIsNA && v < 0)) ss += (v - mean) * (v - mean); }
  return {
    name: col.name, type: col.type,
    min: count > 0 ? min : NaN, max: count > 0 ? max : NaN, mean,
    sd: count > 1 ? Math.sqrt(ss / (count - 1)) : NaN,
    missing, zeros,
    cardinality: col.type === 'enum' ? col.domain!.length : null,
  };
}
