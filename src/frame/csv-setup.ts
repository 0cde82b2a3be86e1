// H2O's ParseSetup for CSV: from a sample at the start of the file, guess the separator, whether
// the first row is a header, and each column's type. The guesses only steer the fast parser; a
// value later in the file that disproves a guessed type sends that column to a second pass.

import { parseNumber } from './csv-parser';
import { parseTime } from './time';

export interface SampleField { text: string; quoted: boolean }
export interface SampleRow { fields: SampleField[]; line: number; end: number }

const NL = 10, CR = 13;

/**
 * Splits the sample into rows the same way the fast parser does (blank lines skipped), up to
 * `maxRows`. Unless `final`, the last row is dropped when it may continue past the sample.
 * Returns `unterminated` (the line where it starts) when a quoted field never closes.
 */
export function tokenizeSample(bytes: Uint8Array, sep: number, quote: number, final: boolean, maxRows: number):
    { rows: SampleRow[]; unterminated: number } {
  const dec = new TextDecoder('utf-8');
  const rows: SampleRow[] = [];
  const n = bytes.length;
  let p = 0, line = 1;
  while (p < n && rows.length < maxRows) {
    const c = bytes[p]!;
    if (c === NL) { p++; line++; continue; }
    if (c === CR) { p += bytes[p + 1] === NL ? 2 : 1; line++; continue; }
    const rowLine = line, fields: SampleField[] = [];
    for (;;) {
      if (bytes[p] === quote) {
        let r = p + 1, lines = 0;
        const parts: Uint8Array[] = [];
        let from = r;
        for (;;) {
          if (r >= n) return final ? { rows, unterminated: rowLine } : { rows, unterminated: 0 };
          if (bytes[r] === quote) {
            if (bytes[r + 1] === quote) { parts.push(bytes.subarray(from, r + 1)); r += 2; from = r; continue; }
            break;
          }
          if (bytes[r] === NL) lines++;
          r++;
        }
        parts.push(bytes.subarray(from, r));
        fields.push({ text: parts.map((x) => dec.decode(x)).join(''), quoted: true });
        line += lines;
        p = r + 1;
        while (p < n && bytes[p] !== sep && bytes[p] !== NL && bytes[p] !== CR) p++;  // stray text after the quote: the parser reports it
      } else {
        let q = p;
        while (q < n && bytes[q] !== sep && bytes[q] !== NL && bytes[q] !== CR) q++;
        fields.push({ text: dec.decode(bytes.subarray(p, q)), quoted: false });
        p = q;
      }
      if (p < n && bytes[p] === sep) { p++; continue; }
      break;
    }
    if (p >= n && !final) break;                                   // may continue in the next chunk
    rows.push({ fields, line: rowLine, end: p });
  }
  return { rows, unterminated: 0 };
}

const SEPARATORS = [',', '\t', ';', '|', ' '];

/**
 * The separator whose field count is the same (and above 1) on every sampled line; among equals,
 * H2O's order of preference (comma, tab, semicolon, pipe, space). A one-column file gets ','.
 */
export function guessSeparator(bytes: Uint8Array, quote: number, final: boolean, hint?: string): string {
  let best = ',', bestScore = 0;
  const order = hint && SEPARATORS.includes(hint) ? [hint, ...SEPARATORS.filter((s) => s !== hint)] : SEPARATORS;
  for (const s of order) {
    const { rows } = tokenizeSample(bytes, s.charCodeAt(0), quote, final, 30);
    if (rows.length === 0) continue;
    const counts = rows.map((r) => r.fields.length);
    const first = counts[0]!;
    if (first < 2) continue;
    const agree = counts.filter((k) => k === first).length / counts.length;
    // Consistent rows beat more fields. A space (common inside text) wins only when no other
    // separator splits every row the same way, and never with inconsistent rows.
    const score = agree === 1 ? (s === ' ' ? 1.5 : 2 + first / 1e6) : s === ' ' ? 0 : agree;
    if (score > bestScore) { best = s; bestScore = score; }
  }
  return best;
}

export type GuessedType = 'numeric' | 'time' | 'enum' | 'string';

export function isNAText(f: SampleField, na: ReadonlySet<string>): boolean {
  return !f.quoted && na.has(f.text);
}

function looksNumeric(f: SampleField): boolean {
  return parseNumber(f.text.trim()) === parseNumber(f.text.trim());
}

function looksTime(f: SampleField): boolean {
  const t = f.text.trim();
  return t !== '' && parseTime(t) === parseTime(t);
}

/** Quoted blanks and quoted NA tokens cannot be numbers or times, so they do not vote against them. */
function blankForNumbers(f: SampleField, na: ReadonlySet<string>): boolean {
  const t = f.text.trim();
  return isNAText(f, na) || t === '' || (f.quoted && na.has(t));
}

/**
 * H2O's header rule, for the case the user left it to us: the first row is a header when its
 * fields are text (not NA, a number or a time; blank names allowed) and the rows below either hold
 * a number or a time in some column, or (all text) never repeat a first-row value in its column.
 */
export function guessHeader(rows: SampleRow[], na: ReadonlySet<string>): boolean {
  if (rows.length === 0) return false;
  const first = rows[0]!.fields;
  const textual = (f: SampleField) => !blankForNumbers(f, na) && !looksNumeric(f) && !looksTime(f);
  // Blank names are allowed (a pandas index column has none), as long as some name is text.
  const blank = (f: SampleField) => f.text.trim() === '';
  if (!first.every((f) => textual(f) || blank(f)) || !first.some(textual)) return false;
  const rest = rows.slice(1);
  if (rest.length === 0) return true;
  for (let j = 0; j < first.length; j++) {
    const vals = rest.map((r) => r.fields[j]).filter((f): f is SampleField => f !== undefined && !blankForNumbers(f, na));
    if (vals.length > 0 && vals.every((f) => looksNumeric(f) || looksTime(f))) return true;
  }
  return first.every((h, j) => blank(h) || rest.every((r) => r.fields[j]?.text !== h.text));
}

/**
 * A column's type from its sampled values: numeric when every non-missing value is a number, time
 * when every one is a date/time, otherwise categorical, or string when nearly every value is
 * distinct (H2O's PreviewParseWriter rule: distinct values >= 95 % of the non-missing values).
 * All-missing columns are guessed numeric; a later text value corrects that in a second pass.
 */
export function guessType(values: SampleField[], na: ReadonlySet<string>): GuessedType {
  let nums = 0, times = 0, texts = 0;
  const distinct = new Set<string>();
  for (const f of values) {
    if (blankForNumbers(f, na)) {
      if (f.quoted) distinct.add(f.text);                          // a quoted "" is a level of its own
      continue;
    }
    distinct.add(f.text);
    if (looksNumeric(f)) nums++;
    else if (looksTime(f)) times++;
    else texts++;
  }
  if (texts === 0 && times === 0) return 'numeric';
  if (texts === 0 && nums === 0) return 'time';
  return stringOrEnum(distinct.size, nums + times + texts);
}

export function stringOrEnum(distinct: number, nonMissing: number): 'enum' | 'string' {
  // One distinct value is a (constant) category, as in H2O, however few rows there are.
  return distinct > 1 && distinct >= 0.95 * nonMissing ? 'string' : 'enum';
}
