// Columns from plain JavaScript values (Frame.fromArrays, fromObjects, fromArquero).
// JS values carry their own types, so no text is re-parsed unless a type is asked for:
// numbers → int/real, Dates → time, strings and booleans → enum (arquero has no factor type and
// most string columns handed over from JS are categories), null/undefined/NaN → NA.

import { AquiferError } from '../util/errors';
import { Column, type ColumnType, compareStrings } from './column';
import { parseTime } from './time';

const COLUMN_TYPES: readonly ColumnType[] = ['real', 'int', 'enum', 'string', 'time'];

export function isColumnType(t: unknown): t is ColumnType {
  return typeof t === 'string' && (COLUMN_TYPES as readonly string[]).includes(t);
}

function isNA(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === 'number' && v !== v) ||
    (v instanceof Date && Number.isNaN(v.getTime()));
}

function isTypedNumbers(v: unknown): v is ArrayLike<number> {
  return ArrayBuffer.isView(v) && !(v instanceof DataView) && !(v instanceof BigInt64Array) && !(v instanceof BigUint64Array);
}

/** Builds a column named `name` from `values`, inferring the type unless `type` is given. */
export function columnFromValues(name: string, values: ArrayLike<unknown> | Column, type?: ColumnType): Column {
  if (values instanceof Column) {
    const c = values.clone(name);
    if (type === undefined || type === c.type) return c;
    if (type === 'enum') return c.asfactor();
    return columnFromValues(name, Array.from({ length: c.length }, (_, i) => valueOf(c, i)), type);
  }
  if (type !== undefined && !isColumnType(type))
    throw new AquiferError('BAD_PARAMETER', `type '${String(type)}' for column '${name}' is not one of ${COLUMN_TYPES.join(', ')}`, { subject: name });
  if (isTypedNumbers(values) && (type === undefined || type === 'int' || type === 'real')) {
    if (type === 'int') {
      const bad = firstNonInteger(values as ArrayLike<number>);
      if (bad >= 0) throw notFit(name, 'int', (values as ArrayLike<number>)[bad], bad);
    }
    return Column.fromNumbers(name, values as ArrayLike<number>, type);
  }
  const n = values.length;
  let nNum = 0, nStr = 0, nDate = 0, nBool = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (isNA(v)) continue;
    if (typeof v === 'number') nNum++;
    else if (typeof v === 'string') nStr++;
    else if (v instanceof Date) nDate++;
    else if (typeof v === 'boolean') nBool++;
    else throw new AquiferError('BAD_COLUMN', `column '${name}' row ${i} holds a ${describeValue(v)}; columns hold numbers, strings, booleans, Dates or null`, { subject: name });
  }
  const t: ColumnType = type ?? (nStr + nBool > 0 ? 'enum' : nDate > 0 && nNum === 0 ? 'time' : nDate > 0 ? 'enum' : 'int');
  switch (t) {
    case 'int': case 'real': {
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const v = values[i];
        const x = isNA(v) ? NaN : typeof v === 'number' ? v : typeof v === 'string' ? numberFromString(v) : NaN;
        if (x !== x && !isNA(v) && !(typeof v === 'string' && v.trim() === '')) throw notFit(name, t, v, i);
        if (type === 'int' && x === x && !Number.isInteger(x)) throw notFit(name, t, v, i);
        out[i] = x;
      }
      return Column.fromNumbers(name, out, type === undefined ? undefined : t);
    }
    case 'time': {
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const v = values[i];
        const x = isNA(v) ? NaN : v instanceof Date ? v.getTime() : typeof v === 'number' ? v : typeof v === 'string' ? parseTime(v.trim()) : NaN;
        if (x !== x && !isNA(v)) throw notFit(name, t, v, i);
        out[i] = x;
      }
      return Column.fromTimes(name, out);
    }
    case 'string': {
      const out = new Array<string | null>(n);
      for (let i = 0; i < n; i++) out[i] = isNA(values[i]) ? null : toText(values[i]);
      return Column.fromStrings(name, out);
    }
    default: {
      if (nStr + nBool + nDate === 0) {
        // Numbers only: numeric level order, the same as asfactor() on a numeric column.
        const out = new Float64Array(n);
        for (let i = 0; i < n; i++) out[i] = isNA(values[i]) ? NaN : (values[i] as number);
        return Column.fromNumbers(name, out).asfactor();
      }
      return enumFromStrings(name, Array.from({ length: n }, (_, i) => isNA(values[i]) ? null : toText(values[i])));
    }
  }
}

/** A categorical column over the given strings (null = NA), levels sorted as H2O sorts a domain. */
export function enumFromStrings(name: string, strings: ArrayLike<string | null>): Column {
  const n = strings.length, seen = new Set<string>();
  for (let i = 0; i < n; i++) { const s = strings[i]; if (s !== null && s !== undefined) seen.add(s); }
  const domain = [...seen].sort(compareStrings);
  const index = new Map(domain.map((s, k) => [s, k]));
  const codes = new Int32Array(n);
  for (let i = 0; i < n; i++) { const s = strings[i]; codes[i] = s === null || s === undefined ? -1 : index.get(s)!; }
  return Column.fromCodes(name, codes, domain);
}

function valueOf(c: Column, i: number): unknown {
  if (c.isNA(i)) return null;
  if (c.type === 'string' || c.type === 'enum') return c.str(i);
  if (c.type === 'time') return new Date(c.at(i));
  return c.at(i);
}

function numberFromString(s: string): number {
  const t = s.trim();
  return t === '' ? NaN : Number(t);
}

function toText(v: unknown): string {
  return v instanceof Date ? v.toISOString() : String(v);
}

function firstNonInteger(values: ArrayLike<number>): number {
  for (let i = 0; i < values.length; i++) if (values[i] === values[i] && !Number.isInteger(values[i])) return i;
  return -1;
}

function describeValue(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v === 'object' ? (v.constructor?.name ?? 'object') : typeof v;
}

function notFit(name: string, type: ColumnType, value: unknown, row?: number): AquiferError {
  const where = row === undefined ? '' : ` at row ${row}`;
  return new AquiferError('BAD_COLUMN', `column '${name}' was given type '${type}' but holds ${JSON.stringify(value)}${where}`, { subject: name });
}
