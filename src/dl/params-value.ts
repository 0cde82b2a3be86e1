// One parameter value at a time: its type and range per the parameter table (params-table.ts), enum
// spellings brought to H2O's, and the CLI's text form of every value (`--hidden 32,32,32`).

import { Frame } from '../frame/frame';
import { AquiferError } from '../util/errors';
import { msg } from './params-messages';
import { resolveParameterName } from './params-names';
import { parameterSpec, type ParameterSpec } from './params-table';

const bad = (name: string, message: string) => new AquiferError('BAD_PARAMETER', message, { subject: name });

/** Enum spellings match ignoring case, '_', '-' and spaces (one_hot_internal = OneHotInternal). */
const squash = (s: string) => s.toLowerCase().replace(/[_\s-]/g, '');

/** The range of a numeric parameter in words: ">= 0", "in [0,1)", ">= 1 or -1". */
export function rangeText(spec: ParameterSpec): string {
  const { min, max } = spec;
  let r: string;
  if (min !== undefined && max !== undefined && !(spec.type.startsWith('integer') && max >= 2147483647)) {
    r = `in ${spec.minOpen ? '(' : '['}${min},${max}${spec.maxOpen ? ')' : ']'}`;
  } else if (min !== undefined) {
    r = `${spec.minOpen ? '>' : '>='} ${min}`;
  } else if (max !== undefined) {
    r = `${spec.maxOpen ? '<' : '<='} ${max}`;
  } else {
    r = 'a number';
  }
  return spec.also && spec.also.length > 0 ? `${r} or ${spec.also.join(' or ')}` : r;
}

function inRange(spec: ParameterSpec, x: number): boolean {
  if (spec.also?.includes(x)) return true;
  if (spec.min !== undefined && (spec.minOpen ? x <= spec.min : x < spec.min)) return false;
  if (spec.max !== undefined && (spec.maxOpen ? x >= spec.max : x > spec.max)) return false;
  return true;
}

/** A number of the spec's kind and range; `label` is what the message calls it (hidden[2]). */
function checkNumber(spec: ParameterSpec, label: string, v: unknown, integer: boolean): number {
  if (typeof v !== 'number') throw bad(spec.name, msg.notNumber(label, v));
  if (Number.isNaN(v) || v === -Infinity || (v === Infinity && !spec.infinity)) throw bad(spec.name, msg.notFinite(label, v));
  if (integer && !Number.isSafeInteger(v)) throw bad(spec.name, msg.notInteger(label, v));
  if (!inRange(spec, v)) throw bad(spec.name, msg.outOfRange(label, v, rangeText(spec)));
  return v;
}

function checkEnum(spec: ParameterSpec, v: unknown): string {
  const values = spec.values!;
  if (typeof v === 'string') {
    const s = squash(v);
    const hit = values.find((x) => squash(x) === s);
    if (hit) return hit;
    const alias = Object.entries(spec.aliases ?? {}).find(([a]) => squash(a) === s);
    if (alias) return alias[1];
    const rejected = Object.entries(spec.rejected ?? {}).find(([r]) => squash(r) === s);
    if (rejected) throw bad(spec.name, msg.rejectedEnum(spec.name, v, rejected[1]));
  }
  throw bad(spec.name, msg.badEnum(spec.name, v, values));
}

function isFrameRef(v: unknown): boolean {
  return v instanceof Frame || (typeof v === 'string' && v.length > 0);
}

function numberList(spec: ParameterSpec, v: unknown, integer: boolean): number[] {
  const list = Array.isArray(v) ? v : ArrayBuffer.isView(v) && !(v instanceof DataView) ? Array.from(v as Float64Array) : null;
  if (list === null) throw bad(spec.name, msg.notList(spec.name, v, integer ? 'integers' : 'numbers'));
  return list.map((x, i) => checkNumber(spec, `${spec.name}[${i}]`, x, integer));
}

/**
 * A user-given value of a parameter, checked against its type and range and normalized (enum
 * spelling, list copies). `undefined` and, for parameters that cannot be null, `null` give the
 * default; `hidden: null` means no hidden layer (lifecycle §11.1).
 */
export function checkParameterValue(spec: ParameterSpec, v: unknown): unknown {
  const { name } = spec;
  if (v === undefined) return Array.isArray(spec.default) ? [...spec.default] : spec.default;
  if (v === null) {
    if (name === 'hidden') return [];
    if (spec.nullable) return null;
    return Array.isArray(spec.default) ? [...spec.default] : spec.default;
  }
  switch (spec.type) {
    case 'boolean':
      if (typeof v !== 'boolean') throw bad(name, msg.notBoolean(name, v));
      return v;
    case 'integer': return checkNumber(spec, name, v, true);
    case 'number': return checkNumber(spec, name, v, false);
    case 'enum': return checkEnum(spec, v);
    case 'integer[]': return numberList(spec, v, true);
    case 'number[]': return numberList(spec, v, false);
    case 'column':
      if (typeof v !== 'string' || v.length === 0) throw bad(name, msg.notString(name, v, 'a column name'));
      return v;
    case 'columns':
      if (!Array.isArray(v) || v.some((c) => typeof c !== 'string' || c.length === 0)) {
        throw bad(name, msg.notList(name, v, 'column names'));
      }
      return [...v];
    case 'string':
      if (typeof v !== 'string') throw bad(name, msg.notString(name, v, 'a string'));
      return v;
    case 'frame':
      if (!isFrameRef(v)) throw bad(name, msg.notString(name, v, 'a Frame (or a path to one)'));
      return v;
    case 'frames':
      if (!Array.isArray(v) || v.some((f) => f !== null && !isFrameRef(f))) {
        throw bad(name, msg.notList(name, v, 'Frames or nulls'));
      }
      return [...v];
    case 'model':
      if (!((typeof v === 'object' && !Array.isArray(v)) || (typeof v === 'string' && v.length > 0))) {
        throw bad(name, msg.notString(name, v, 'a model (or a path to a saved one)'));
      }
      return v;
    case 'function':
      if (typeof v !== 'function' && typeof v !== 'string') throw bad(name, msg.notString(name, v, 'a function'));
      return v;
    case 'seed':
      // H2O's seed is a Java long: a bigint carries all 64 bits, a number only the safe-integer range.
      if (typeof v === 'bigint') {
        if (BigInt.asIntN(64, v) !== v) throw bad(name, msg.badSeed(name, v));
        return v;
      }
      if (typeof v !== 'number' || !Number.isSafeInteger(v)) throw bad(name, msg.badSeed(name, v));
      return v;
  }
}

// ---- text (CLI) ----------------------------------------------------------------------------------

const NUMBER_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const NULL_TEXT = new Set(['null', 'none']);

function parseNumber(name: string, text: string): number {
  const t = text.trim();
  if (/^\+?inf(inity)?$/i.test(t)) return Infinity;
  if (/^-inf(inity)?$/i.test(t)) return -Infinity;
  if (!NUMBER_TEXT.test(t)) throw bad(name, msg.unparsable(name, text, 'a number'));
  return Number(t);
}

/** "32,32,32", "[32, 32]", "32 32" or "" (an empty list) → the items' texts. Names split at commas
 *  only, since column names may hold spaces. */
function listItems(text: string, names = false): string[] {
  const t = text.trim().replace(/^[[(]\s*/, '').replace(/\s*[\])]$/, '');
  return t === '' ? [] : t.split(names ? /\s*,\s*/ : /\s*,\s*|\s+/);
}

function parseBoolean(name: string, text: string): boolean {
  const t = text.trim().toLowerCase();
  if (t === 'true' || t === 't' || t === 'yes' || t === '1') return true;
  if (t === 'false' || t === 'f' || t === 'no' || t === '0') return false;
  throw bad(name, msg.unparsable(name, text, 'true or false'));
}

function parseSeed(name: string, text: string): number | bigint {
  const t = text.trim();
  if (!/^[+-]?\d+$/.test(t)) throw bad(name, msg.unparsable(name, text, 'an integer'));
  const n = Number(t);
  return Number.isSafeInteger(n) ? n : BigInt(t);
}

/**
 * The typed value of a parameter given as text (a CLI's `--name value`): numbers (`1e-5`, `Inf`),
 * booleans (`true`/`false`), lists (`32,32,32`), enums in any of H2O's spellings, `null` where the
 * parameter may be null. The result is checked like any value; errors name the parameter.
 */
export function parseParameterValue(name: string, text: string): unknown {
  const spec = parameterSpec(resolveParameterName(name))!;
  const n = spec.name;
  if (spec.nullable && NULL_TEXT.has(text.trim().toLowerCase())) return null;
  let v: unknown;
  switch (spec.type) {
    case 'boolean': v = parseBoolean(n, text); break;
    case 'integer': case 'number': v = parseNumber(n, text); break;
    case 'integer[]': case 'number[]': v = listItems(text).map((x) => parseNumber(n, x)); break;
    case 'columns': v = listItems(text, true); break;
    case 'frames': v = listItems(text, true).map((x) => (NULL_TEXT.has(x.toLowerCase()) ? null : x)); break;
    case 'seed': v = parseSeed(n, text); break;
    default: v = text.trim(); break;
  }
  return checkParameterValue(spec, v);
}

/** The text form of a value, which parseParameterValue reads back (CLI help shows defaults this way). */
export function formatParameterValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return value.map((x) => (x === null ? 'null' : formatParameterValue(x))).join(',');
  if (typeof value === 'number' && !Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
  if (value instanceof Frame) return '<frame>';
  if (typeof value === 'function') return '<function>';
  if (typeof value === 'object') return '<model>';
  return String(value);
}
