// One typed column of a Frame. Numeric columns keep narrow exact storage (see storage.ts),
// enums keep Int32 level codes (NA = -1) plus a domain, strings a plain array, times float64
// milliseconds since the epoch (UTC) with NaN as NA.
//
// A Column object belongs to one Frame; frames derived without copying data (select, drop, ...)
// get their own Column objects over the same immutable arrays, so `asfactor()` converts a column
// in place in one frame without changing any other frame.

import { AquiferError } from '../util/errors';
import {
  type NumericArray, compactNumbers, naGet, naSet, bitmapBytes,
} from './storage';
import { formatTime } from './time';

export type ColumnType = 'real' | 'int' | 'enum' | 'string' | 'time';

/** The storage behind a column; exactly one of the kinds is present. */
export type ColumnData =
  | { type: 'int' | 'real'; values: NumericArray; na: Uint8Array | null }
  | { type: 'time'; values: Float64Array }
  | { type: 'enum'; codes: Int32Array; domain: string[] }
  | { type: 'string'; strings: (string | null)[] };

export class Column {
  private _name: string;
  private _data: ColumnData;

  constructor(name: string, data: ColumnData) {
    this._name = name;
    this._data = data;
  }

  // ---- construction from plain parts -------------------------------------------------------

  /** Numbers with NaN as NA, packed into the narrowest exact storage; `int` when all are integers. */
  static fromNumbers(name: string, values: ArrayLike<number>, type?: 'int' | 'real'): Column {
    const { values: v, na, stats } = compactNumbers(values, values.length);
    return new Column(name, { type: type ?? (stats.allInt ? 'int' : 'real'), values: v, na });
  }

  /** Level codes (NA = -1) over a domain in code order. */
  static fromCodes(name: string, codes: Int32Array, domain: string[]): Column {
    return new Column(name, { type: 'enum', codes, domain });
  }

  static fromStrings(name: string, strings: (string | null)[]): Column {
    return new Column(name, { type: 'string', strings });
  }

  /** Milliseconds since the epoch, NaN as NA. */
  static fromTimes(name: string, ms: ArrayLike<number>): Column {
    return new Column(name, { type: 'time', values: Float64Array.from(ms) });
  }

  // ---- the interface every consumer reads ----------------------------------------------------

  get name(): string { return this._name; }
  get type(): ColumnType { return this._data.type; }

  get length(): number {
    const d = this._data;
    switch (d.type) {
      case 'enum': return d.codes.length;
      case 'string': return d.strings.length;
      default: return d.values.length;
    }
  }

  /** Numeric value; NaN for NA. enum: the level code. time: ms since epoch. string: NaN. */
  at(i: number): number {
    const d = this._data;
    switch (d.type) {
      case 'int': case 'real':
        return d.na !== null && naGet(d.na, i) ? NaN : d.values[i]!;
      case 'time': return d.values[i]!;
      case 'enum': { const c = d.codes[i]!; return c < 0 ? NaN : c; }
      default: return NaN;
    }
  }

  isNA(i: number): boolean {
    const d = this._data;
    switch (d.type) {
      case 'int': case 'real':
        return d.na !== null ? naGet(d.na, i) : d.values[i] !== d.values[i];
      case 'time': return d.values[i] !== d.values[i];
      case 'enum': return d.codes[i]! < 0;
      default: return d.strings[i] === null;
    }
  }

  /** Values to read, NaN for NA: the column's own storage when it can serve (numbers without
   *  NAs, times) — no copy, so do not write to it — else toFloat64(). Hot preprocessing paths read
   *  784 MNIST columns through this, where a float64 copy each would cost 8 bytes a cell. */
  numbers(): ArrayLike<number> {
    const d = this._data;
    if ((d.type === 'int' || d.type === 'real') && d.na === null) return d.values;
    if (d.type === 'time') return d.values;
    return this.toFloat64();
  }

  /** Numeric/enum/time values as float64 (a fresh array), NaN for NA; a string column is all NaN. */
  toFloat64(): Float64Array {
    const n = this.length, out = new Float64Array(n), d = this._data;
    switch (d.type) {
      case 'int': case 'real':
        out.set(d.values);
        if (d.na !== null) for (let i = 0; i < n; i++) if (naGet(d.na, i)) out[i] = NaN;
        return out;
      case 'time': out.set(d.values); return out;
      case 'enum':
        for (let i = 0; i < n; i++) { const c = d.codes[i]!; out[i] = c < 0 ? NaN : c; }
        return out;
      default: return out.fill(NaN);
    }
  }

  /** enum only: level codes, NA = -1. */
  get codes(): Int32Array | undefined { return this._data.type === 'enum' ? this._data.codes : undefined; }
  /** enum only: level strings in code order. */
  get domain(): string[] | undefined { return this._data.type === 'enum' ? this._data.domain : undefined; }
  /** enum only: number of levels. */
  get cardinality(): number | undefined { return this._data.type === 'enum' ? this._data.domain.length : undefined; }

  /** int/real/time only: the narrow backing array (read-only by convention; NAs per `isNA`). */
  get values(): NumericArray | undefined {
    const d = this._data;
    return d.type === 'int' || d.type === 'real' || d.type === 'time' ? d.values : undefined;
  }

  /** string/enum: the string (null for NA); numeric: String(value); time: ISO 8601 (UTC). */
  str(i: number): string | null {
    const d = this._data;
    switch (d.type) {
      case 'string': return d.strings[i]!;
      case 'enum': { const c = d.codes[i]!; return c < 0 ? null : d.domain[c]!; }
      case 'time': { const v = d.values[i]!; return v !== v ? null : formatTime(v); }
      default: return this.isNA(i) ? null : String(d.values[i]);
    }
  }

  /**
   * Bytes held by this column's arrays (strings counted at 2 bytes a character). A parsed column
   * may be a view of a block a little larger than its rows (see builders.ts); the whole block counts.
   */
  get bytes(): number {
    const d = this._data;
    switch (d.type) {
      case 'int': case 'real': return d.values.buffer.byteLength + (d.na?.byteLength ?? 0);
      case 'time': return d.values.buffer.byteLength;
      case 'enum': return d.codes.buffer.byteLength + d.domain.reduce((s, x) => s + 2 * x.length, 0);
      default: return d.strings.reduce((s, x) => s + 8 + 2 * (x?.length ?? 0), 0);
    }
  }

  /** The storage itself, for code in src/frame that builds or copies columns. */
  get data(): Readonly<ColumnData> { return this._data; }

  // ---- derived columns -------------------------------------------------------------------------

  /** A new Column object over the same (immutable) arrays, optionally renamed. */
  clone(name: string = this._name): Column {
    return new Column(name, this._data);
  }

  /** The rows at `indices`, in that order, with the same storage kind and domain. */
  rows(indices: ArrayLike<number>): Column {
    checkRowIndices(indices, this.length, `column '${this._name}'`);
    return this.take(indices);
  }

  /** rows() for indices the caller has already checked (Frame.rows checks once for all columns). */
  take(indices: ArrayLike<number>): Column {
    const n = indices.length, d = this._data;
    switch (d.type) {
      case 'int': case 'real': {
        const values = new (d.values.constructor as new (n: number) => NumericArray)(n);
        let na: Uint8Array | null = null;
        for (let k = 0; k < n; k++) {
          const i = indices[k]!;
          values[k] = d.values[i]!;
          if (d.na !== null && naGet(d.na, i)) naSet(na ??= new Uint8Array(bitmapBytes(n)), k);
        }
        return new Column(this._name, { type: d.type, values, na });
      }
      case 'time': {
        const values = new Float64Array(n);
        for (let k = 0; k < n; k++) values[k] = d.values[indices[k]!]!;
        return new Column(this._name, { type: 'time', values });
      }
      case 'enum': {
        const codes = new Int32Array(n);
        for (let k = 0; k < n; k++) codes[k] = d.codes[indices[k]!]!;
        return new Column(this._name, { type: 'enum', codes, domain: d.domain });
      }
      default: {
        const strings = new Array<string | null>(n);
        for (let k = 0; k < n; k++) strings[k] = d.strings[indices[k]!]!;
        return new Column(this._name, { type: 'string', strings });
      }
    }
  }

  /**
   * Converts this column to a categorical, in place, and returns it. Numeric levels are sorted
   * numerically ("1", "2", "10") and named by their shortest exact decimal form; string levels
   * are sorted by code unit, as H2O sorts a parsed domain. An enum column is left as it is.
   */
  asfactor(): this {
    const d = this._data;
    if (d.type === 'enum') return this;
    if (d.type === 'time')
      throw new AquiferError('BAD_COLUMN', `column '${this._name}' is a time column; convert it to numbers before asfactor()`, { subject: this._name });
    const n = this.length, codes = new Int32Array(n);
    if (d.type === 'string') {
      const levels = [...new Set(d.strings.filter((s): s is string => s !== null))].sort(compareStrings);
      const index = new Map(levels.map((s, k) => [s, k]));
      for (let i = 0; i < n; i++) { const s = d.strings[i]!; codes[i] = s === null ? -1 : index.get(s)!; }
      this._data = { type: 'enum', codes, domain: levels };
      return this;
    }
    const seen = new Set<number>();
    for (let i = 0; i < n; i++) if (!this.isNA(i)) seen.add(d.values[i]! === 0 ? 0 : d.values[i]!);
    const levels = [...seen].sort((a, b) => a - b);
    const index = new Map(levels.map((v, k) => [v, k]));
    for (let i = 0; i < n; i++) codes[i] = this.isNA(i) ? -1 : index.get(d.values[i]! === 0 ? 0 : d.values[i]!)!;
    this._data = { type: 'enum', codes, domain: levels.map((v) => String(v)) };
    return this;
  }
}

/** Throws unless every index is an integer in [0, length). */
export function checkRowIndices(indices: ArrayLike<number>, length: number, what: string): void {
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k]!;
    if (!(i >= 0 && i < length && Number.isInteger(i)))
      throw new AquiferError('BAD_PARAMETER', `row index ${i} is out of range 0..${length - 1} for ${what}`, { subject: 'indices' });
  }
}

/** Plain code-unit order (Java's String.compareTo), not locale order: stable across platforms. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
