// Plain JavaScript rows ({ column: value }) or columns ({ column: values }) to packed rows
// (data/training-rows.ts), packed as DataInfo.transform packs a Frame made of the same values
// (Frame.fromObjects / fromArrays): levels matched by name (a number by its text, as a numeric
// column's levels are), unseen levels and NAs to the NA bucket, missing numbers to the training
// mean, a missing column to NA (0 for numbers in sparse mode), and the transforms of DataInfo's own
// catUnit and numValue. It reads value by value, so one row costs only its own values: packing a
// Frame looks columns up by name per frame, which dominates a one-row prediction.

import type { DataInfo } from '../data/data-info';
import { msg as dataMsg } from '../data/messages';
import { chunkViews, defaultChunkRows, rowWords, type RowChunk } from '../data/training-rows';
import { DEFAULT_NA_STRINGS } from '../frame/na';
import { formatTime } from '../frame/time';
import { AquiferError } from '../util/errors';
import { msg } from './messages';

export type RowsInput = readonly Record<string, unknown>[];
/** Rows as arrays (or typed arrays) of values in the order of the encoder's `columns`. */
export type ArrayRowsInput = readonly ArrayLike<unknown>[];
export type ColumnsInput = Readonly<Record<string, ArrayLike<unknown>>>;
export type ScorerInput = RowsInput | ArrayRowsInput | ColumnsInput;
export const enum Form { Objects, Arrays, Columns }

const enum Enc { None, Binary, Label, Eigen }

/** One input column, by its index in `columns`, and the features read from it. */
interface ColumnPlan {
  col: number;
  /** Level name → index in the training domain (categoricals and encoded numerics). */
  index: Map<string, number> | null;
  cats: { c: number; table: Int32Array | null }[];
  nums: { j: number; enc: Enc; bit: number; values: readonly number[] | null }[];
}

/** What one predict() call reports: missing columns and unseen levels, each column once. The
 *  collections are made on first use: most calls report nothing. */
export class CallReport {
  missing: Set<string> | null = null;
  unseen: Map<string, string[]> | null = null;
  private seen: Map<string, Set<string>> | null = null;

  missingColumn(column: string): void {
    (this.missing ??= new Set()).add(column);
  }

  unseenLevel(column: string, level: string): void {
    let s = (this.seen ??= new Map()).get(column);
    if (!s) { s = new Set(); this.seen.set(column, s); (this.unseen ??= new Map()).set(column, []); }
    if (!s.has(level)) { s.add(level); this.unseen!.get(column)!.push(level); }
  }

  /** In DataInfo's order and words: missing columns first, then unseen levels. */
  warnings(sparse: boolean): string[] {
    return [...[...this.missing ?? []].map((c) => dataMsg.missingPredictor(c, sparse ? '0' : 'NA')),
      ...[...this.unseen ?? []].map(([c, levels]) => dataMsg.unseenLevels(c, levels))];
  }
}

const NA_STRINGS = new Set(DEFAULT_NA_STRINGS);
const ENC = { none: Enc.None, binary: Enc.Binary, label_encoder: Enc.Label, eigen: Enc.Eigen } as const;

export class RecordEncoder {
  /** Input columns the model reads, in DataInfo's order (categoricals, numerics, the offset). */
  readonly columns: readonly string[];
  /** Rows packed per block: DataInfo.transform's chunk size, so blocks batch as predict's chunks do. */
  readonly blockRows: number;
  /** Categoricals and encoded numerics, by column. */
  private readonly plans: ColumnPlan[] = [];
  /** Plain numeric features (the bulk of wide data), read in one tight loop: column, feature. */
  private readonly plainCol: Int32Array;
  private readonly plainJ: Int32Array;
  private readonly offsetCol: number;
  private readonly sparse: boolean;
  private chunk: RowChunk;
  /** The block's values of the columns gather() reads, column-major: vals[c·n + i]. */
  private readonly vals: unknown[] = [];
  private readonly missing: Uint8Array;
  private readonly absentCount: Int32Array;

  constructor(private readonly info: DataInfo) {
    const cols = new Map<string, number>();
    const colOf = (key: string) => { let c = cols.get(key); if (c === undefined) { c = cols.size; cols.set(key, c); } return c; };
    const plans = new Map<number, ColumnPlan>();
    const plan = (key: string, domain: readonly string[]): ColumnPlan => {
      const col = colOf(key);
      let p = plans.get(col);
      if (!p) {
        // The first domain read from a column wins, as in FeatureReader's cache.
        const index = new Map<string, number>();
        domain.forEach((l, k) => { if (!index.has(l)) index.set(l, k); });
        p = { col, index, cats: [], nums: [] };
        plans.set(col, p); this.plans.push(p);
      }
      return p;
    };
    info.categoricals.forEach((f, c) => {
      let table: Int32Array | null = null;
      if (f.source_domain) {
        const at = new Map(f.domain.map((l, k) => [l, k]));
        table = Int32Array.from(f.source_domain, (l) => at.get(l) ?? f.other ?? -1);
      }
      plan(f.column, f.source_domain ?? f.domain).cats.push({ c, table });
    });
    const plainCol: number[] = [], plainJ: number[] = [];
    info.numerics.forEach((f, j) => {
      if (f.encoding === 'none') { plainCol.push(colOf(f.column)); plainJ.push(j); return; }
      plan(f.column, f.domain!).nums.push({ j, enc: ENC[f.encoding], bit: f.bit ?? 0, values: f.values ?? null });
    });
    this.plainCol = Int32Array.from(plainCol);
    this.plainJ = Int32Array.from(plainJ);
    this.offsetCol = info.params.offset_column === null ? -1 : colOf(info.params.offset_column);
    this.sparse = info.params.sparse;
    this.columns = [...cols.keys()];
    this.missing = new Uint8Array(this.columns.length);
    this.absentCount = new Int32Array(this.columns.length);
    this.blockRows = defaultChunkRows(info.layout);
    this.chunk = this.allocate(1);
  }

  private allocate(rows: number): RowChunk {
    return chunkViews(this.info.layout, new ArrayBuffer(4 * rowWords(this.info.layout) * rows), rows);
  }

  /** Per column, 1 when no row has it (a column present anywhere is NA where a row lacks it). */
  absentColumns(rows: RowsInput): Uint8Array {
    return Uint8Array.from(this.columns, (key) => (rows.some((r) => r[key] !== undefined || key in r) ? 0 : 1));
  }

  /** Packs input rows from..from+n−1 (at most blockRows) as chunk rows 0..n−1. `absent` (object
   *  rows) marks the columns missing from the whole input; null to judge from these rows alone. */
  encode(input: ScorerInput, form: Form, from: number, n: number, absent: Uint8Array | null, report: CallReport): RowChunk {
    if (n > this.chunk.nrows) this.chunk = this.allocate(Math.min(this.blockRows, Math.max(n, 2 * this.chunk.nrows)));
    const { chunk, info, vals, missing, columns } = this;
    this.absentCount.fill(0);
    missing.fill(0);
    this.encodePlain(input, form, from, n);
    for (const p of this.plans) this.gather(input, form, p.col, from, n);
    if (this.offsetCol >= 0) this.gather(input, form, this.offsetCol, from, n);
    if (form === Form.Objects) for (let c = 0; c < columns.length; c++) missing[c] = absent ? absent[c]! : this.absentCount[c] === n ? 1 : 0;
    for (let c = 0; c < columns.length; c++) if (missing[c] && c !== this.offsetCol) report.missingColumn(columns[c]!);
    // A missing numeric column is 0 in sparse mode, not NA (H2O's missingColumnsType).
    if (this.sparse) {
      const nNum = info.layout.nNum;
      for (let q = 0; q < this.plainJ.length; q++) {
        const j = this.plainJ[q]!;
        if (missing[this.plainCol[q]!]) for (let i = 0; i < n; i++) chunk.num[i * nNum + j] = info.numValue(j, 0);
      }
    }
    for (const p of this.plans) {
      for (const e of p.cats) this.encodeCategorical(p, e.c, e.table, n, report);
      for (const e of p.nums) this.encodeNumeric(p, e.j, e.enc, e.bit, e.values, n, report);
    }
    if (this.offsetCol >= 0) {
      const c = this.offsetCol, key = columns[c]!;
      if (missing[c]) throw new AquiferError('BAD_COLUMN', dataMsg.missingOffset(key), { subject: key });
      for (let i = 0; i < n; i++) chunk.offset[i] = toNumber(vals[c * n + i], key, from + i);
    } else chunk.offset.fill(0, 0, n);
    chunk.response.fill(NaN, 0, n);
    chunk.weight.fill(1, 0, n);
    for (let i = 0; i < n; i++) chunk.row[i] = from + i;
    return chunk;
  }

  /** The plain numeric features, straight from the input (one loop per input form): an absent
   *  value is NA here; missing columns are settled by the caller. */
  private encodePlain(input: ScorerInput, form: Form, from: number, n: number): void {
    const { info, columns, plainCol, plainJ, missing } = this, num = this.chunk.num, nNum = info.layout.nNum, P = plainJ.length;
    const value = (v: unknown, c: number, i: number) => (typeof v === 'number' ? v : toNumber(v, columns[c]!, from + i));
    if (form === Form.Columns) {
      for (let q = 0; q < P; q++) {
        const c = plainCol[q]!, j = plainJ[q]!, col = (input as ColumnsInput)[columns[c]!];
        if (col === undefined || col === null) { missing[c] = 1; for (let i = 0; i < n; i++) num[i * nNum + j] = info.numValue(j, NaN); continue; }
        for (let i = 0; i < n; i++) num[i * nNum + j] = info.numValue(j, value(col[from + i], c, i));
      }
    } else if (form === Form.Arrays) {
      for (let i = 0; i < n; i++) {
        const row = (input as ArrayRowsInput)[from + i]!, at = i * nNum;
        for (let q = 0; q < P; q++) { const c = plainCol[q]!; num[at + plainJ[q]!] = info.numValue(plainJ[q]!, value(row[c], c, i)); }
      }
    } else {
      const count = this.absentCount;
      for (let i = 0; i < n; i++) {
        const row = (input as RowsInput)[from + i]!, at = i * nNum;
        for (let q = 0; q < P; q++) {
          const c = plainCol[q]!, key = columns[c]!, v = row[key];
          if (v === undefined && !(key in row)) count[c]++;
          num[at + plainJ[q]!] = info.numValue(plainJ[q]!, value(v, c, i));
        }
      }
    }
  }

  /** Column c of the block into vals[c·n ..] (categoricals, encoded numerics, the offset). */
  private gather(input: ScorerInput, form: Form, c: number, from: number, n: number): void {
    const vals = this.vals, key = this.columns[c]!, at = c * n;
    if (form === Form.Columns) {
      const col = (input as ColumnsInput)[key];
      if (col === undefined || col === null) { this.missing[c] = 1; return; }
      for (let i = 0; i < n; i++) vals[at + i] = col[from + i];
    } else if (form === Form.Arrays) {
      for (let i = 0; i < n; i++) vals[at + i] = (input as ArrayRowsInput)[from + i]![c];
    } else {
      for (let i = 0; i < n; i++) {
        const row = (input as RowsInput)[from + i]!, v = row[key];
        vals[at + i] = v;
        if (v === undefined && !(key in row)) this.absentCount[c]++;
      }
    }
  }

  private encodeCategorical(p: ColumnPlan, c: number, table: Int32Array | null, n: number, report: CallReport): void {
    const { chunk, info, vals } = this;
    const nCat = info.layout.nCat, at = p.col * n, present = !this.missing[p.col];
    for (let i = 0; i < n; i++) {
      let code = present ? this.levelCode(p, vals[at + i], report) : -1;
      if (table !== null && code >= 0) code = table[code]!;
      chunk.cat[i * nCat + c] = info.catUnit(c, code);
    }
  }

  private encodeNumeric(p: ColumnPlan, j: number, enc: Enc, bit: number, values: readonly number[] | null, n: number, report: CallReport): void {
    const { chunk, info, vals } = this;
    const nNum = info.layout.nNum, at = p.col * n, present = !this.missing[p.col];
    for (let i = 0; i < n; i++) {
      const code = present ? this.levelCode(p, vals[at + i], report) : -1;
      // H2O's binary encoder: bits of (level + 1), least significant first, NA → 0 (features.ts).
      const x = enc === Enc.Binary ? (code < 0 ? 0 : Math.floor((code + 1) / 2 ** bit) % 2)
        : code < 0 ? NaN : enc === Enc.Label ? code : values![code]!;
      chunk.num[i * nNum + j] = info.numValue(j, x);
    }
  }

  /** The value's level index in the column's training domain; −1 for NA or an unseen level. */
  private levelCode(p: ColumnPlan, v: unknown, report: CallReport): number {
    const column = this.columns[p.col]!;
    const text = levelText(v, column);
    if (text === null) return -1;
    const k = p.index!.get(text);
    if (k !== undefined) return k;
    report.unseenLevel(column, text);
    return -1;
  }
}

/** A value as Frame.fromObjects would read it into a numeric column (NaN = NA). Numeric strings
 *  are read as numbers here, where a Frame would make the column categorical and refuse it. */
function toNumber(v: unknown, column: string, row: number): number {
  if (typeof v === 'number') return v;
  if (v === null || v === undefined) return NaN;
  if (typeof v === 'string') {
    const t = v.trim();
    if (NA_STRINGS.has(t)) return NaN;
    const x = Number(t);
    if (x === x) return x;
  } else if (v instanceof Date) return v.getTime();
  throw new AquiferError('BAD_COLUMN', msg.notNumber(column, row, v), { subject: column });
}

/** A value's level name as a categorical column built from it would hold it; null for NA. */
function levelText(v: unknown, column: string): string | null {
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return v === v ? String(v) : null;
  if (typeof v === 'boolean') return String(v);
  if (v instanceof Date) { const t = v.getTime(); return t === t ? formatTime(t) : null; }
  throw new AquiferError('BAD_COLUMN', msg.badValue(column, v), { subject: column });
}
