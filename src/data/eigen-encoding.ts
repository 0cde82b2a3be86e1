// categorical_encoding 'eigen': one numeric column per categorical, the projection of its one-hot
// indicators onto the first eigenvector of their standardized Gram matrix (H2O's
// LinearAlgebraUtils.toEigen). With level counts c_j over n rows (NAs counted as the most frequent
// level, as H2O imputes them), H2O's matrix is
//   U_ij = (δ_ij·c_i − c_i·c_j/n) / sqrt(c_i·c_j) = δ_ij − u_i·u_j,   u_j = sqrt(c_j / n),  |u| = 1,
// i.e. U = I − u·uᵀ: eigenvalue 0 along u and eigenvalue 1 on all of u⊥. The largest eigenvalue is
// degenerate, so "the first eigenvector" is any unit vector orthogonal to u; H2O's choice is whatever
// its dense solver returns (and it then reads a row of the eigenvector matrix, not a column; see
// docs/h2o-differences.md). aquifer takes a well-defined one: the indicator of the most frequent
// level m projected onto u⊥, v = (e_m − u_m·u)/|e_m − u_m·u|, which costs O(levels) and is an exact
// eigenvector of U for the eigenvalue 1. Values are rounded to float32, as H2O stores them.

/** The Gram matrix H2O decomposes, for tests and documentation: U = I − u·uᵀ. */
export function eigenGram(counts: ArrayLike<number>): Float64Array[] {
  const n = Array.from(counts).reduce((s, c) => s + c, 0);
  const u = Array.from(counts, (c) => (n > 0 ? Math.sqrt(c / n) : 0));
  return u.map((ui, i) => Float64Array.from(u, (uj, j) => (i === j ? 1 : 0) - ui * uj));
}

/**
 * Per-level values of the eigen encoding, given level counts (NA rows already added to the most
 * frequent level). A column with one used level gets 1 for it and 0 elsewhere (it is constant anyway).
 */
export function eigenValues(counts: ArrayLike<number>): number[] {
  const d = counts.length;
  let n = 0, m = 0;
  for (let j = 0; j < d; j++) { n += counts[j]!; if (counts[j]! > counts[m]!) m = j; }
  const values = new Array<number>(d).fill(0);
  if (d === 0 || n === 0) return values;
  const u = Array.from(counts, (c) => Math.sqrt(c / n));
  const v = u.map((uj, j) => (j === m ? 1 : 0) - u[m]! * uj);
  const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0));
  if (!(norm > 1e-12)) { values[m] = 1; return values; }
  return v.map((x) => Math.fround(x / norm));
}

/** Level counts with the NA rows added to the most frequent level (ties: the lowest index). */
export function countsWithNAAsMode(counts: Float64Array, naCount: number): Float64Array {
  const out = Float64Array.from(counts);
  if (out.length === 0) return out;
  let m = 0;
  for (let j = 1; j < out.length; j++) if (out[j]! > out[m]!) m = j;
  out[m] += naCount;
  return out;
}
