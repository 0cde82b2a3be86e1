// The columnar, typed Frame: H2O's H2OFrame for aquifer. Columns are typed arrays (see column.ts);
// a Frame is an ordered list of equally long, uniquely named columns plus the warnings collected
// while it was built (e.g. by importFile).

import { table as aqTable } from 'arquero';
import type { ColumnTable } from 'arquero';
import { AquiferError } from '../util/errors';
import { Random } from '../util/random';
import { Column, type ColumnType, checkRowIndices } from './column';
import { type ColumnSummary, summarize } from './describe';
import { columnFromValues, isColumnType } from './values';
import { frameToCSV, type CSVWriteOptions } from './csv-writer';
import { didYouMean } from './names';

export type ColumnValues = ArrayLike<number | string | boolean | Date | null | undefined> | Column;

export interface FromValuesOptions {
  /** Column types to use instead of inferring them from the values. */
  types?: Record<string, ColumnType>;
}

/** The minimal surface of an arquero table that fromArquero reads. */
export interface ArqueroLike {
  columnNames(): string[];
  array(name: string): ArrayLike<unknown>;
}

export class Frame {
  private _columns: Column[];
  private _index: Map<string, number>;
  /** Messages about the data (renamed duplicate headers, short rows, ...) from the step that built it. */
  readonly warnings: string[];

  constructor(columns: Column[], options: { warnings?: string[] } = {}) {
    const n = columns.length > 0 ? columns[0]!.length : 0;
    this._index = new Map();
    columns.forEach((c, j) => {
      if (c.length !== n)
        throw new AquiferError('BAD_FRAME', `column '${c.name}' has ${c.length} rows but column '${columns[0]!.name}' has ${n}`, { subject: c.name });
      if (this._index.has(c.name))
        throw new AquiferError('BAD_FRAME', `column name '${c.name}' appears twice`, { subject: c.name });
      this._index.set(c.name, j);
    });
    this._columns = columns;
    this.warnings = options.warnings ?? [];
  }

  // ---- shape and access ------------------------------------------------------------------------

  get names(): string[] { return this._columns.map((c) => c.name); }
  get ncol(): number { return this._columns.length; }
  get nrow(): number { return this._columns.length > 0 ? this._columns[0]!.length : 0; }
  get types(): ColumnType[] { return this._columns.map((c) => c.type); }
  /** The columns in order (the array is a copy; the columns are this frame's own). */
  get columns(): Column[] { return this._columns.slice(); }
  /** Bytes held by all columns' arrays. */
  get bytes(): number { return this._columns.reduce((s, c) => s + c.bytes, 0); }

  has(name: string): boolean { return this._index.has(name); }

  col(name: string): Column {
    const j = this._index.get(name);
    if (j === undefined) throw this.noSuchColumn(name);
    return this._columns[j]!;
  }

  /** Converts the named column(s) to categoricals in place (numeric levels sorted numerically). */
  asfactor(name: string | string[]): this {
    for (const n of typeof name === 'string' ? [name] : name) this.col(n).asfactor();
    return this;
  }

  /** One H2O summary per column. */
  describe(): ColumnSummary[] {
    return this._columns.map(summarize);
  }

  head(n = 10): Frame {
    return this.rows(range(Math.min(Math.max(0, Math.floor(n)), this.nrow)));
  }

  tail(n = 10): Frame {
    const k = Math.min(Math.max(0, Math.floor(n)), this.nrow);
    return this.rows(range(k).map((i) => this.nrow - k + i));
  }

  /** The rows at `indices`, in that order (indices may repeat). */
  rows(indices: Int32Array | ArrayLike<number>): Frame {
    checkRowIndices(indices, this.nrow, 'this frame');
    return new Frame(this._columns.map((c) => c.take(indices)));
  }

  // ---- column sets -----------------------------------------------------------------------------

  select(names: string[]): Frame {
    return new Frame(names.map((n) => this.col(n).clone()));
  }

  drop(names: string | string[]): Frame {
    const gone = new Set(typeof names === 'string' ? [names] : names);
    for (const n of gone) this.col(n);  // unknown names are an error, not silently ignored
    return new Frame(this._columns.filter((c) => !gone.has(c.name)).map((c) => c.clone()));
  }

  /** A frame with the given columns replaced (same position) or appended (at the end). */
  withColumns(cols: Record<string, ColumnValues>, options: FromValuesOptions = {}): Frame {
    const out = this._columns.map((c) => c.clone());
    for (const [name, values] of Object.entries(cols)) {
      const c = columnFromValues(name, values, options.types?.[name]);
      const j = this._index.get(name);
      if (j === undefined) out.push(c); else out[j] = c;
    }
    return new Frame(out);
  }

  rename(mapping: Record<string, string>): Frame {
    for (const n of Object.keys(mapping)) this.col(n);
    return new Frame(this._columns.map((c) => c.clone(mapping[c.name] ?? c.name)));
  }

  // ---- splitting -------------------------------------------------------------------------------

  /**
   * H2O's split_frame: each row draws one uniform number u from a generator seeded with `seed`,
   * and goes to the first part k with u < ratios[0] + ... + ratios[k]; the rest go to the last part.
   * `ratios` (each in (0, 1), summing below 1) give len(ratios) + 1 parts. Same seed, same split.
   */
  splitFrame(ratios: number[], options: { seed?: number } = {}): Frame[] {
    if (!Array.isArray(ratios) || ratios.length === 0)
      throw new AquiferError('BAD_PARAMETER', 'splitFrame needs at least one ratio, e.g. [0.75]', { subject: 'ratios' });
    let total = 0;
    const bounds = ratios.map((r) => {
      if (!(typeof r === 'number' && r > 0 && r < 1))
        throw new AquiferError('BAD_PARAMETER', `ratio ${r} must be a number strictly between 0 and 1`, { subject: 'ratios' });
      return (total += r);
    });
    if (total >= 1)
      throw new AquiferError('BAD_PARAMETER', `ratios add up to ${total}; they must add up to less than 1 (the last part takes the rest)`, { subject: 'ratios' });
    const seed = options.seed ?? -1;
    const rng = new Random(seed === -1 ? 0x5eed : seed);
    const part = new Uint8Array(this.nrow), counts = new Int32Array(bounds.length + 1);
    for (let i = 0; i < this.nrow; i++) {
      const u = rng.nextDouble();
      let k = 0;
      while (k < bounds.length && u >= bounds[k]!) k++;
      part[i] = k;
      counts[k]!++;
    }
    const parts = Array.from(counts, (c) => new Int32Array(c)), fill = new Int32Array(counts.length);
    for (let i = 0; i < this.nrow; i++) { const k = part[i]!; parts[k]![fill[k]!++] = i; }
    return parts.map((idx) => new Frame(this._columns.map((c) => c.take(idx))));
  }

  // ---- conversions -----------------------------------------------------------------------------

  static fromArrays(cols: Record<string, ColumnValues>, options: FromValuesOptions = {}): Frame {
    if (typeof cols !== 'object' || cols === null || Array.isArray(cols) || ArrayBuffer.isView(cols))
      throw new AquiferError('BAD_PARAMETER', `Frame.fromArrays needs an object of named columns, { name: [values] }, not ${kindOf(cols)}${Array.isArray(cols) ? '; rows as objects go to Frame.fromObjects' : ''}`, { subject: 'cols' });
    const names = Object.keys(cols);
    for (const n of names) {
      const v: unknown = cols[n];
      // A string has a length too, and would become a column of its characters.
      if (!(v instanceof Column) && (typeof v !== 'object' || v === null || typeof (v as ArrayLike<unknown>).length !== 'number'))
        throw new AquiferError('BAD_COLUMN', `Frame.fromArrays: column '${n}' is ${kindOf(v)}; each column is an array, a typed array or a Column`, { subject: n });
    }
    checkTypes(options.types, names);
    return new Frame(names.map((n) => columnFromValues(n, cols[n]!, options.types?.[n])));
  }

  /** Rows as objects; the columns are the keys in first-seen order, absent keys are NA. */
  static fromObjects(rows: Record<string, unknown>[], options: FromValuesOptions & { columns?: string[] } = {}): Frame {
    if (!Array.isArray(rows))
      throw new AquiferError('BAD_PARAMETER', `Frame.fromObjects needs an array of row objects, [{ name: value }, ...], not ${kindOf(rows)}`, { subject: 'rows' });
    rows.forEach((r, i) => {
      if (typeof r !== 'object' || r === null || Array.isArray(r))
        throw new AquiferError('BAD_PARAMETER', `Frame.fromObjects: row ${i} is ${kindOf(r)}; each row is an object of column values`, { subject: 'rows' });
    });
    const names = options.columns ?? [...new Set(rows.flatMap((r) => Object.keys(r)))];
    checkTypes(options.types, names);
    const cols: Record<string, unknown[]> = {};
    for (const n of names) cols[n] = rows.map((r) => r[n] ?? null);
    return new Frame(names.map((n) => columnFromValues(n, cols[n]!, options.types?.[n])));
  }

  /** From an arquero table (its current filter and order): numbers, strings, Dates, booleans, null. */
  static fromArquero(table: ArqueroLike, options: FromValuesOptions = {}): Frame {
    const names = table.columnNames();
    checkTypes(options.types, names);
    return new Frame(names.map((n) => columnFromValues(n, table.array(n) as ColumnValues, options.types?.[n])));
  }

  /**
   * An arquero table: numeric columns without NA as Float64Array, with NA as arrays with null;
   * enum and string columns as strings (null for NA); time columns as Dates.
   */
  toArquero(): ColumnTable {
    const data: Record<string, ArrayLike<unknown>> = {};
    for (const c of this._columns) {
      const n = c.length;
      if (c.type === 'int' || c.type === 'real') {
        let hasNA = false;
        for (let i = 0; i < n && !hasNA; i++) hasNA = c.isNA(i);
        data[c.name] = hasNA ? Array.from({ length: n }, (_, i) => c.isNA(i) ? null : c.at(i)) : c.toFloat64();
      } else if (c.type === 'time') {
        data[c.name] = Array.from({ length: n }, (_, i) => c.isNA(i) ? null : new Date(c.at(i)));
      } else {
        data[c.name] = Array.from({ length: n }, (_, i) => c.str(i));
      }
    }
    return aqTable(data as Record<string, unknown[]>, this.names);
  }

  /** CSV text with a header row (see csv-writer.ts for the quoting rules). */
  toCSV(options: CSVWriteOptions = {}): string {
    return frameToCSV(this, options);
  }

  private noSuchColumn(name: string): AquiferError {
    const hint = didYouMean(name, this.names);
    return new AquiferError('BAD_COLUMN', `no column named '${name}'${hint ? `; did you mean '${hint}'?` : ''} (columns: ${preview(this.names)})`, { subject: name });
  }
}

function checkTypes(types: Record<string, unknown> | undefined, names: string[]): void {
  if (types === undefined) return;
  for (const [n, t] of Object.entries(types)) {
    if (!names.includes(n)) {
      const hint = didYouMean(n, names);
      throw new AquiferError('BAD_COLUMN', `types names column '${n}', which is not in the data${hint ? `; did you mean '${hint}'?` : ''}`, { subject: n });
    }
    if (!isColumnType(t))
      throw new AquiferError('BAD_PARAMETER', `type '${String(t)}' for column '${n}' is not one of real, int, enum, string, time`, { subject: n });
  }
}

/** What an unexpected argument is, for error messages: 'null', 'a string', 'an array', 'a Map'. */
function kindOf(v: unknown): string {
  if (v === null || v === undefined) return String(v);
  if (Array.isArray(v)) return 'an array';
  if (typeof v !== 'object') return `a ${typeof v}`;
  const c = (v as object).constructor?.name;
  return c && c !== 'Object' ? `a ${c}` : 'an object';
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

function preview(names: string[]): string {
  return names.length <= 12 ? names.join(', ') : `${names.slice(0, 10).join(', ')}, ... ${names.length} in all`;
}
