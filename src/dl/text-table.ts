// Plain-text tables for the model display, in the layout H2O's Python client prints (tabulate's
// "simple" format): a header, a rule of dashes under each column, one line per row. Numbers are
// right-aligned and shown with up to 6 significant digits; null and undefined are blank cells.

export type Cell = string | number | null | undefined;

export function formatNumber(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (Number.isInteger(x) && Math.abs(x) < 1e15) return String(x);
  const a = Math.abs(x);
  if (a !== 0 && (a < 1e-4 || a >= 1e15)) return x.toExponential(5).replace(/\.?0+e/, 'e');
  return String(Number(x.toPrecision(6)));
}

const text = (c: Cell): string => (c === null || c === undefined ? '' : typeof c === 'number' ? formatNumber(c) : c);

/** Rows of cells under `header`; the first column may be row labels (pass '' as its header). */
export function renderTable(header: string[], rows: Cell[][]): string {
  const cells = rows.map((r) => header.map((_, j) => text(r[j])));
  const numeric = header.map((_, j) => rows.length > 0 && rows.every((r) => r[j] === null || r[j] === undefined || typeof r[j] === 'number'));
  const width = header.map((h, j) => Math.max(h.length, ...cells.map((r) => r[j]!.length)));
  const pad = (s: string, j: number) => (numeric[j] ? s.padStart(width[j]!) : s.padEnd(width[j]!));
  const line = (r: string[]) => r.map(pad).join('  ').trimEnd();
  return [line(header), width.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}

/** A table from records, one column per key of the first record (or `keys`). */
export function renderRecords<T extends object>(records: readonly T[], keys?: (keyof T & string)[]): string {
  const header: string[] = keys ?? (records.length > 0 ? Object.keys(records[0]!) : []);
  return renderTable(header, records.map((r) => header.map((k) => (r as Record<string, unknown>)[k] as Cell)));
}
