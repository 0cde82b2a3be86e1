// JSON for model files, with the values plain JSON loses made explicit: NaN, ±Infinity and −0 (metrics
// and statistics hold them; JSON.stringify writes null or 0) and bigint seeds (JSON.stringify throws).
// Each becomes a one-key object, {"@number": "NaN"} or {"@bigint": "-42"}, and back. Reading is
// JSON.parse with a reviver: nothing in a file is ever evaluated.

import { AquiferError } from '../util/errors';

const NUMBER_TAG = '@number';
const BIGINT_TAG = '@bigint';
const SPECIAL: Record<string, number> = { NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity, '-0': -0 };

function replacer(this: unknown, key: string, value: unknown): unknown {
  if (typeof value === 'number') {
    if (Number.isFinite(value) && !Object.is(value, -0)) return value;
    return { [NUMBER_TAG]: Object.is(value, -0) ? '-0' : String(value) };
  }
  if (typeof value === 'bigint') return { [BIGINT_TAG]: value.toString() };
  if (typeof value === 'function' || typeof value === 'symbol') {
    throw new AquiferError('INTERNAL', `cannot store ${typeof value} '${key}' in a model file`);
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) {
      // A typed array, Frame or model would be written as a partial or misleading object.
      throw new AquiferError('INTERNAL', `cannot store '${key}' (a ${proto?.constructor?.name ?? 'non-plain object'}) in a model file`);
    }
  }
  return value;
}

function reviver(_key: string, value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  if (keys.length !== 1) return value;
  const tagged = (value as Record<string, unknown>)[keys[0]!];
  if (keys[0] === NUMBER_TAG && typeof tagged === 'string' && tagged in SPECIAL) return SPECIAL[tagged];
  if (keys[0] === BIGINT_TAG && typeof tagged === 'string' && /^-?\d{1,20}$/.test(tagged)) return BigInt(tagged);
  return value;
}

export function stringifyTagged(value: unknown): string {
  return JSON.stringify(value, replacer);
}

/** Parses tagged JSON; throws SyntaxError on malformed text (the caller names the file). */
export function parseTagged(text: string): unknown {
  // Without a tag in the text the reviver would change nothing, and it costs a call per value.
  return text.includes('"@') ? JSON.parse(text, reviver) : JSON.parse(text);
}
