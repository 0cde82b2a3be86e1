// A confusion matrix with H2O's table layout (ConfusionMatrix.toTable; h2o-lifecycle.md §3.2, §3.3):
// rows = actual class, columns = predicted class, then an "Error" column (misclassified / row total)
// and a "Rate" column ("errors / total"), and a final "Totals" row.

export interface ConfusionMatrix {
  /** Class labels, for the rows (actual) and the columns (predicted). */
  labels: string[];
  /** [actual][predicted] weighted counts. */
  matrix: number[][];
  /** [...labels, 'Error', 'Rate'] */
  columns: string[];
  /** [...labels, 'Totals'] */
  row_labels: string[];
  /** One row per row_labels entry: the counts, then Error (a number), then Rate (a string). */
  table: Array<Array<number | string>>;
}

/** Java's "%,d" (US grouping) for the integer case, as H2O prints the Rate column. The commas are
 *  put in by hand: toLocaleString builds an Intl formatter per call, which was half the time of a
 *  small scoring event in a browser profile (this runs on every metrics call, not only for display). */
const grouped = (x: number): string => String(Math.round(x)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** Per-class error: (row total − diagonal)/row total, and 0 for a class with no rows (H2O class_error). */
export function classError(matrix: readonly (ArrayLike<number>)[], c: number): number {
  let s = 0;
  for (let j = 0; j < matrix[c].length; j++) s += matrix[c][j];
  return s === 0 ? 0 : (s - matrix[c][c]) / s;
}

/** Mean of the per-class errors over all classes; empty classes count as 0 in the mean. */
export function meanPerClassError(matrix: readonly (ArrayLike<number>)[]): number {
  let e = 0;
  for (let c = 0; c < matrix.length; c++) e += classError(matrix, c);
  return e / matrix.length;
}

export function confusionMatrix(matrix: number[][], labels: readonly string[]): ConfusionMatrix {
  const K = matrix.length;
  let isInt = true;
  const predTotals = new Array<number>(K).fill(0);
  for (const row of matrix) {
    row.forEach((x, j) => { predTotals[j] += x; isInt &&= Number.isInteger(x); });
  }
  // Integer counts print as "1,234 / 5,000"; weighted (fractional) ones with 4 decimals per class and
  // 2 decimals in the Totals row, as H2O does.
  const rate = (err: number, tot: number, digits: number): string =>
    isInt ? `${grouped(err)} / ${grouped(tot)}` : `${err.toFixed(digits)} / ${tot.toFixed(digits)}`;
  const table: Array<Array<number | string>> = [];
  let totalErr = 0, total = 0;
  for (let a = 0; a < K; a++) {
    const rowTotal = matrix[a].reduce((s, x) => s + x, 0);
    const err = rowTotal - matrix[a][a];
    totalErr += err;
    total += rowTotal;
    table.push([...matrix[a], err / rowTotal, rate(err, rowTotal, 4)]);
  }
  table.push([...predTotals, totalErr / total, rate(totalErr, total, 2)]);
  return {
    labels: [...labels],
    matrix,
    columns: [...labels, 'Error', 'Rate'],
    row_labels: [...labels, 'Totals'],
    table,
  };
}
