// Plain JavaScript rows ({ column: value }), array rows or columns ({ column: values }) to the
// network's dense input rows, as DataInfo.transform packs a Frame made of the same values and
// expandRow expands the packed rows (Frame.fromObjects / fromArrays): levels matched by name (a
// number by its text, as a numeric column's levels are), unseen levels and NAs to the NA bucket,
// missing numbers to the training mean, a missing column to NA (0 for numbers in sparse mode), and
// the transforms of DataInfo's own catUnit and numValue. It reads value by value, so one row costs
// only its own values (packing a Frame looks columns up by name per frame, which dominates a
// one-row prediction), and it copies typed rows and columns in bulk: their plain numerics are
// imputed and standardized by the engine (the standardize kernels), straight into layer 0.

import type { DataInfo } from '../data/data-info';
import { msg as dataMsg } from '../data/messages';
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

/** Where a block of rows is packed: the engine's input layer and the standardization of staged
 *  raw numerics (WasmEngine: its memory and the standardize kernels; TsEngine: the reference). */
export interface InputSink {
  /** Rows of n0 inputs, row-major: what the forward pass reads. */
  readonly x: Float32Array;
  /** One offset per row (0 without an offset column). */
  readonly offsets: Float32Array;
  /** Raw plain numerics of the block, as float32 or float64 (two views of the same bytes). */
  readonly stage32: Float32Array;
  readonly stage64: Float64Array;
  /** For i < rows, t < len: x[i·n0 + numOffset + j0 + t] = DataInfo.numValue(j0 + t, v) as float32,
   *  v = stage[at + i·rs + t·cs] (stage32 when f32, else stage64). */
  standardize(f32: boolean, rows: number, len: number, at: number, rs: number, cs: number, j0: number): void;
}

const isF32 = (r: unknown): r is Float32Array => r instanceof Float32Array;
const isF64 = (r: unknown): r is Float64Array => r instanceof Float64Array;
/** Typed arrays whose values copy into a Float64Array exactly (not BigInt arrays, not DataView). */
const isNumberArray = (r: unknown): r is ArrayLike<number> & { subarray(a: number, b: number): ArrayLike<number> } =>
  ArrayBuffer.isView(r) && !(r instanceof DataView) && !(r instanceof BigInt64Array) && !(r instanceof BigUint64Array);

export class RecordEncoder {
  /** Input columns the model reads, in DataInfo's order (categoricals, numerics, the offset). */
  readonly columns: readonly string[];
  /** Categoricals and encoded numerics, by column. */
  private readonly plans: ColumnPlan[] = [];
  /** Plain numeric features (the bulk of wide data), staged as they come and standardized by the
   *  sink: the input column of each, staged in this order (q); `runs` holds their features. */
  private readonly plainCol: Int32Array;
  /** Runs of consecutive features among the plain ones: q0, j0, length (a standardize call each). */
  private readonly runs: Int32Array;
  /** The input column of the first plain feature when they are consecutive columns (array rows copy
   *  in bulk), else −1. */
  private readonly plainFrom: number;
  private readonly offsetCol: number;
  private readonly sparse: boolean;
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
    const runs: number[] = [];
    plainJ.forEach((j, q) => {
      if (q > 0 && j === plainJ[q - 1]! + 1) runs[runs.length - 1]!++;
      else runs.push(q, j, 1);
    });
    this.runs = Int32Array.from(runs);
    this.plainFrom = plainCol.length > 0 && plainCol.every((c, q) => c === plainCol[0]! + q) ? plainCol[0]! : -1;
    this.offsetCol = info.params.offset_column === null ? -1 : colOf(info.params.offset_column);
    this.sparse = info.params.sparse;
    this.columns = [...cols.keys()];
    this.missing = new Uint8Array(this.columns.length);
    this.absentCount = new Int32Array(this.columns.length);
  }

  /** Per column, 1 when no row has it (a column present anywhere is NA where a row lacks it). */
  absentColumns(rows: RowsInput): Uint8Array {
    return Uint8Array.from(this.columns, (key) => (rows.some((r) => r[key] !== undefined || key in r) ? 0 : 1));
  }

  /** Packs input rows from..from+n−1 as the sink's input rows 0..n−1 (n at most the sink's rows).
   *  `absent` (object rows) marks the columns missing from the whole input; null to judge from
   *  these rows alone. */
  encode(input: ScorerInput, form: Form, from: number, n: number, absent: Uint8Array | null, report: CallReport, sink: InputSink): void {
    const { info, vals, missing, columns } = this;
    const { n0, numOffset } = info.layout;
    const x = sink.x;
    this.absentCount.fill(0);
    missing.fill(0);
    // Every numeric unit is written below (a standardize run or encodeNumeric); the categorical
    // units in front of them are lit with += 1, so only they start from 0.
    if (numOffset > 0) for (let i = 0; i < n; i++) x.fill(0, i * n0, i * n0 + numOffset);
    const staged = this.stagePlain(input, form, from, n, sink);
    for (const p of this.plans) this.gather(input, form, p.col, from, n);
    if (this.offsetCol >= 0) this.gather(input, form, this.offsetCol, from, n);
    if (form === Form.Objects) for (let c = 0; c < columns.length; c++) missing[c] = absent ? absent[c]! : this.absentCount[c] === n ? 1 : 0;
    for (let c = 0; c < columns.length; c++) if (missing[c] && c !== this.offsetCol) report.missingColumn(columns[c]!);
    // A missing numeric column is 0 in sparse mode, not NA (H2O's missingColumnsType).
    if (this.sparse && !staged.f32) {
      const { rs, cs } = staged, stage = sink.stage64;
      for (let q = 0; q < this.plainCol.length; q++) if (missing[this.plainCol[q]!]) for (let i = 0; i < n; i++) stage[i * rs + q * cs] = 0;
    }
    const runs = this.runs;
    for (let r = 0; r < runs.length; r += 3) {
      sink.standardize(staged.f32, n, runs[r + 2]!, runs[r]! * staged.cs, staged.rs, staged.cs, runs[r + 1]!);
    }
    for (const p of this.plans) for (const e of p.nums) this.encodeNumeric(p, e.j, e.enc, e.bit, e.values, n, x, n0, numOffset, report);
    for (const p of this.plans) for (const e of p.cats) this.encodeCategorical(p, e.c, e.table, n, x, n0, report);
    const offsets = sink.offsets;
    if (this.offsetCol >= 0) {
      const c = this.offsetCol, key = columns[c]!;
      if (missing[c]) throw new AquiferError('BAD_COLUMN', dataMsg.missingOffset(key), { subject: key });
      for (let i = 0; i < n; i++) offsets[i] = this.info.offsetToTrainingUnits(toNumber(vals[c * n + i], key, from + i));
    } else offsets.fill(0, 0, n);
  }

  /** The plain numerics of the block, raw, into the sink's stage: q-th feature of row i at
   *  i·rs + q·cs. Typed rows and columns are copied in bulk; other values are read one by one (an
   *  absent value is NA here; missing columns are settled by the caller). */
  private stagePlain(input: ScorerInput, form: Form, from: number, n: number, sink: InputSink): { f32: boolean; rs: number; cs: number } {
    const { columns, plainCol, missing } = this, P = plainCol.length;
    const value = (v: unknown, c: number, i: number) => (typeof v === 'number' ? v : toNumber(v, columns[c]!, from + i));
    if (P === 0) return { f32: false, rs: 0, cs: 0 };
    if (form === Form.Columns) {
      const stage = sink.stage64;
      for (let q = 0; q < P; q++) {
        const c = plainCol[q]!, col = (input as ColumnsInput)[columns[c]!], at = q * n;
        if (col === undefined || col === null) { missing[c] = 1; stage.fill(NaN, at, at + n); continue; }
        if (isNumberArray(col)) { stage.set(col.subarray(from, from + n), at); continue; }
        for (let i = 0; i < n; i++) stage[at + i] = value(col[from + i], c, i);
      }
      return { f32: false, rs: 1, cs: n };
    }
    if (form === Form.Arrays) {
      const rows = input as ArrayRowsInput, c0 = this.plainFrom;
      if (c0 >= 0) {
        let all32 = true, all64 = true;
        for (let i = 0; i < n; i++) { const r = rows[from + i]; all32 &&= isF32(r); all64 &&= isF64(r); }
        if (all32 || all64) {
          const stage = all32 ? sink.stage32 : sink.stage64;
          for (let i = 0; i < n; i++) {
            const r = rows[from + i] as Float32Array | Float64Array;
            stage.set(c0 === 0 && r.length === P ? r : r.subarray(c0, c0 + P), i * P);
          }
          return { f32: all32, rs: P, cs: 1 };
        }
      }
      const stage = sink.stage64;
      for (let i = 0; i < n; i++) {
        const row = rows[from + i]!, at = i * P;
        for (let q = 0; q < P; q++) { const c = plainCol[q]!; stage[at + q] = value(row[c], c, i); }
      }
      return { f32: false, rs: P, cs: 1 };
    }
    const stage = sink.stage64, count = this.absentCount;
    for (let i = 0; i < n; i++) {
      const row = (input as RowsInput)[from + i]!, at = i * P;
      for (let q = 0; q < P; q++) {
        const c = plainCol[q]!, key = columns[c]!, v = row[key];
        if (v === undefined && !(key in row)) count[c]++;
        stage[at + q] = value(v, c, i);
      }
    }
    return { f32: false, rs: P, cs: 1 };
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

  /** The unit a categorical lights, one-hot: += 1, as expandRow adds (hashed units can collide). */
  private encodeCategorical(p: ColumnPlan, c: number, table: Int32Array | null, n: number, x: Float32Array, n0: number, report: CallReport): void {
    const { info, vals } = this;
    const at = p.col * n, present = !this.missing[p.col];
    for (let i = 0; i < n; i++) {
      let code = present ? this.levelCode(p, vals[at + i], report) : -1;
      if (table !== null && code >= 0) code = table[code]!;
      const u = info.catUnit(c, code);
      if (u >= 0) x[i * n0 + u] += 1;
    }
  }

  private encodeNumeric(p: ColumnPlan, j: number, enc: Enc, bit: number, values: readonly number[] | null, n: number, x: Float32Array, n0: number, numOffset: number, report: CallReport): void {
    const { info, vals } = this;
    const at = p.col * n, present = !this.missing[p.col];
    for (let i = 0; i < n; i++) {
      const code = present ? this.levelCode(p, vals[at + i], report) : -1;
      // H2O's binary encoder: bits of (level + 1), least significant first, NA → 0 (features.ts).
      const v = enc === Enc.Binary ? (code < 0 ? 0 : Math.floor((code + 1) / 2 ** bit) % 2)
        : code < 0 ? NaN : enc === Enc.Label ? code : values![code]!;
      x[i * n0 + numOffset + j] = info.numValue(j, v);
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
