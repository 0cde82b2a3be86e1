// What DataInfo reads from a Frame, and the one place that maps a column's values onto a training
// domain by level name (H2O's adaptTestForTrain): unseen levels become NA and are reported.

import type { Column, ColumnType } from '../frame/column';

/** The part of Frame that DataInfo uses (Frame satisfies it). */
export interface FrameLike {
  readonly names: readonly string[];
  readonly nrow: number;
  col(name: string): Column;
}

export const isNumericType = (t: ColumnType): boolean => t === 'int' || t === 'real' || t === 'time';

export function hasColumn(frame: FrameLike, name: string): boolean {
  return frame.names.includes(name);
}

/** Codes of `column` in `domain` (NA = -1), matching levels by name; levels outside it are unseen. */
export interface DomainCodes {
  codes: Int32Array;
  /** Level names present in the column but not in the domain, in first-seen order. */
  unseen: string[];
}

export function codesInDomain(column: Column, domain: readonly string[]): DomainCodes {
  const n = column.length, codes = new Int32Array(n), unseen: string[] = [];
  const index = new Map<string, number>();
  domain.forEach((level, k) => { if (!index.has(level)) index.set(level, k); });
  const src = column.codes, srcDomain = column.domain;
  if (src !== undefined && srcDomain !== undefined) {
    // enum: translate once per level, then per row through the table.
    const table = new Int32Array(srcDomain.length);
    const unseenLevel = new Uint8Array(srcDomain.length);
    srcDomain.forEach((level, k) => {
      const j = index.get(level);
      table[k] = j ?? -1;
      if (j === undefined) unseenLevel[k] = 1;
    });
    const used = new Uint8Array(srcDomain.length);
    for (let i = 0; i < n; i++) {
      const c = src[i]!;
      if (c < 0) { codes[i] = -1; continue; }
      codes[i] = table[c]!;
      if (unseenLevel[c] && !used[c]) { used[c] = 1; unseen.push(srcDomain[c]!); }
    }
    return { codes, unseen };
  }
  // string, numeric or time: compare the text form (a numeric 3 matches the level "3").
  const seen = new Set<string>();
  for (let i = 0; i < n; i++) {
    const s = column.str(i);
    if (s === null) { codes[i] = -1; continue; }
    const j = index.get(s);
    if (j !== undefined) { codes[i] = j; continue; }
    codes[i] = -1;
    if (!seen.has(s)) { seen.add(s); unseen.push(s); }
  }
  return { codes, unseen };
}
