// The byte-level CSV row parser. It reads UTF-8 bytes chunk by chunk, never building a string for
// a number: an unquoted numeric field is scanned once and converted from its digits (exact, see
// `fastNumber`), and stored straight into its column's narrow block. Text is decoded only for
// enum, string and time columns and for the rare numeric field the fast path declines.
//
// Chunks end anywhere. `parse` stops at the last complete row and reports where it stopped; the
// caller prepends that tail to the next chunk. A row cut by the chunk end is written again from
// its start, so the parser undoes the little it wrote (NA marks) for it.
//
// Rules (RFC 4180 plus H2O's habits): fields split on one separator byte; a field that starts with
// the quote character runs to the closing quote, with a doubled quote standing for one and
// separators and line breaks inside taken literally. Rows end at \n, \r\n or \r; blank lines are
// skipped. An unquoted field equal to an NA token is missing; a quoted field is a literal string
// (so "NA" in quotes is the two letters), except in numeric and time columns, where a quoted empty
// or NA-token field is missing as well, since it cannot be a number or a time.

import { AquiferError } from '../util/errors';
import { BLOCK, EnumBuilder, NumericBuilder, TextBuilder, TimeBuilder } from './builders';
import { parseTime } from './time';

export const enum FieldKind { Numeric = 0, Enum = 1, Text = 2, Time = 3, Skip = 4 }

export interface ParserColumn {
  name: string;
  kind: FieldKind;
  /** The user fixed this type (col_types): a value that does not fit is an error, not a re-guess. */
  strict: boolean;
  /** Numeric only: only integers fit (col_types 'int'). */
  intOnly: boolean;
  /** Unquoted values that mean NA in this column. */
  na: ReadonlySet<string>;
}

/** Parsed rows as column builders, one of each column's kind, and what the parse noticed on the way:
 *  what a single parser (CsvRowParser) and the merge of parallel pieces (parse-parallel.ts) share. */
export class ParsedRows {
  /** Rows completely parsed so far. */
  rows = 0;
  /** Rows that had fewer fields than columns (NA-filled), and the first such line. */
  shortRows = 0;
  firstShortLine = 0;
  /** Columns whose guessed type a value disproved (only for non-strict columns), with the first such value. */
  readonly wrong: boolean[];
  readonly wrongAt: { line: number; text: string }[] = [];
  readonly numeric: NumericBuilder[] = [];
  readonly enums: EnumBuilder[] = [];
  readonly texts: TextBuilder[] = [];
  readonly times: TimeBuilder[] = [];

  constructor(columns: readonly ParserColumn[]) {
    this.wrong = columns.map(() => false);
    columns.forEach((c, j) => {
      if (c.kind === FieldKind.Numeric) this.numeric[j] = new NumericBuilder();
      else if (c.kind === FieldKind.Enum) this.enums[j] = new EnumBuilder();
      else if (c.kind === FieldKind.Text) this.texts[j] = new TextBuilder();
      else if (c.kind === FieldKind.Time) this.times[j] = new TimeBuilder();
    });
  }
}

/** The parts of a parse error, for a worker to report and the main thread to word with the line in the whole file. */
export interface ParseFailure { line: number; column: number; what: string }

const NL = 10, CR = 13, DOT = 46, MINUS = 45, PLUS = 43;
// 10^0 .. 10^22: every one is exact in float64, which is what makes the fast path exact.
const POW10 = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));

export class CsvRowParser extends ParsedRows {
  /** 1-based line number where the next row starts. */
  line: number;
  /** The last error thrown, in parts (lines counted from this parser's startLine). */
  failure: ParseFailure | undefined;
  /** parse() stops at the start of a row once this many rows are parsed (importFileChunks). */
  limit = Infinity;

  private readonly kinds: Int32Array;
  /** 1 where unquoted fields may take the numeric fast path (a numeric column without numeric NA tokens). */
  private readonly fast: Uint8Array;
  private readonly ncol: number;
  // Rows [blockBase, blockEnd) go to the current block of every builder.
  private blockIndex = -1;
  private blockBase = 0;
  private blockEnd = 0;
  private readonly decoder = new TextDecoder('utf-8');

  constructor(
    private readonly columns: ParserColumn[],
    private readonly sep: number,
    private readonly quote: number,
    private readonly file: string,
    startLine: number,
    /** Rows in the first block: the caller's estimate of the row count (later blocks hold BLOCK). */
    private readonly firstBlock: number = BLOCK,
    /** What set the column count, for the too-many-fields message. */
    private readonly widthFrom: string = 'the header',
  ) {
    super(columns);
    this.ncol = columns.length;
    this.line = startLine;
    this.kinds = Int32Array.from(columns, (c) => c.kind);
    // A user NA token such as -999 must be seen before the digits are taken as a number.
    this.fast = Uint8Array.from(columns, (c) => +(c.kind === FieldKind.Numeric && ![...c.na].some((t) => parseNumber(t.trim()) === parseNumber(t.trim()))));
  }

  /** Starts again at row 0 and line 1, in the blocks already allocated (a worker parses piece after piece). */
  restart(): void {
    this.rows = 0; this.line = 1; this.shortRows = 0; this.firstShortLine = 0; this.failure = undefined;
    this.wrong.fill(false);
    this.wrongAt.length = 0;
    this.blockIndex = -1; this.blockBase = 0; this.blockEnd = 0;
    for (const b of this.numeric) b?.clearNA();
    for (const b of this.enums) b?.clearLevels();
    for (const b of this.texts) if (b) b.values.length = 0;
  }

  /**
   * Parses the complete rows of buf[p, end). buf[end] must exist and hold '\n' (a sentinel that
   * stops every scan loop without a bounds check). Unless `final`, a row running into `end` is
   * left for the next call, and so is every row after the first `limit`; the return value is the
   * offset of the first byte not consumed.
   */
  parse(buf: Uint8Array, p: number, end: number, final: boolean): number {
    const sep = this.sep, quote = this.quote, ncol = this.ncol, fast = this.fast, numeric = this.numeric;
    const limit = this.limit;
    let row = this.rows, line = this.line, blockBase = this.blockBase, blockEnd = this.blockEnd;
    rows: while (p < end) {
      let c = buf[p]!;
      if (c === NL) { p++; line++; continue; }                     // end of a row, or a blank line
      if (c === CR) {
        if (p + 1 === end && !final) break;                        // \r\n may be split across chunks
        p += buf[p + 1] === NL ? 2 : 1; line++; continue;
      }
      if (row === limit) break;
      if (row === blockEnd) { this.nextBlock(); blockBase = this.blockBase; blockEnd = this.blockEnd; }
      const rowStart = p, rowLine = line, off = row - blockBase;
      let j = 0;
      for (;;) {
        let q: number;                                              // the byte after the field
        if (buf[p] === quote) {
          let r = p + 1, escaped = false;
          for (;;) {
            if (r >= end) {
              if (!final) { this.undo(off, j); p = rowStart; line = rowLine; break rows; }
              throw this.error(rowLine, j, 'unterminated quoted field (no closing quote before the end of the file)');
            }
            const b = buf[r]!;
            if (b === quote) {
              // A quote just before `end` meets the sentinel here and ends the field; the field
              // then runs into `end` and the row is retried with the next chunk (see below).
              if (buf[r + 1] === quote) { escaped = true; r += 2; continue; }
              break;
            }
            if (b === NL) line++;
            r++;
          }
          q = r + 1;
          c = buf[q]!;
          if (q < end && c !== sep && c !== NL && c !== CR)
            throw this.error(line, j, `unexpected character '${String.fromCharCode(c)}' after a closing quote (a quote inside a quoted field is written as two quotes)`);
          if (q >= end && !final) { this.undo(off, j); p = rowStart; line = rowLine; break rows; }
          if (j < ncol) this.quoted(j, buf, p + 1, r, escaped, off, row, line);
        } else {
          q = -1;
          if (fast[j] === 1) {
            // Inline first try for the commonest field, a plain integer that fits the column's
            // current storage; anything else (fraction, exponent, widening) goes to fastNumber.
            let r = p, d = buf[r]!;
            const neg = d === MINUS;
            if (neg) d = buf[++r]!;
            let m = 0;
            const ds = r;
            while (d >= 48 && d <= 57) { m = m * 10 + (d - 48); d = buf[++r]!; }
            const b = numeric[j]!, v = neg ? -m : m;
            if ((d === sep || d === NL || d === CR) && r > ds && r - ds <= 15 && (r < end || final) && v >= b.lo && v <= b.hi) {
              b.cur[off] = v;
              q = r;
            } else {
              q = this.fastNumber(j, buf, p, end, final, off, line);
            }
          }
          if (q === -2) { this.undo(off, j); p = rowStart; line = rowLine; break rows; }
          if (q < 0) {
            q = p;
            while ((c = buf[q]!) !== sep && c !== NL && c !== CR) q++;
            if (q >= end && !final) { this.undo(off, j); p = rowStart; line = rowLine; break rows; }
            if (j < ncol) this.unquoted(j, buf, p, q, off, row, line);
          }
        }
        if (j >= ncol) throw this.error(rowLine, j, `this row has more than the ${ncol} fields of ${this.widthFrom}`);
        c = q < end ? buf[q]! : NL;
        if (c === sep) { p = q + 1; j++; continue; }
        // End of the row. The line break itself is consumed (and counted) at the top of the loop,
        // which also knows to wait when a \r\n is split across two chunks.
        p = q >= end ? end : q;
        break;
      }
      if (j + 1 < ncol) {
        for (let k = j + 1; k < ncol; k++) this.missing(k, off, row);
        if (this.shortRows++ === 0) this.firstShortLine = rowLine;
      }
      row++;
    }
    this.rows = row;
    this.line = line;
    return p;
  }

  /**
   * The fast path for an unquoted numeric field: digits, an optional fraction and exponent.
   * With at most 15 significant digits the digits form an exact integer m < 2^53, and for
   * |e| <= 22 both m·10^e and m/10^-e are a single correctly rounded operation (Clinger 1990),
   * so the value equals Number(text). Returns the offset after the field, -1 to decline (the
   * caller then takes the general path), or -2 when the field runs into the chunk end.
   */
  private fastNumber(j: number, buf: Uint8Array, p: number, end: number, final: boolean, off: number, line: number): number {
    let q = p, neg = false, c = buf[q]!;
    if (c === MINUS) { neg = true; c = buf[++q]!; } else if (c === PLUS) c = buf[++q]!;
    let m = 0;
    const ds = q;
    while (c >= 48 && c <= 57) { m = m * 10 + (c - 48); c = buf[++q]!; }
    let digits = q - ds, e10 = 0;
    if (c === DOT) {
      c = buf[++q]!;
      const fs = q;
      while (c >= 48 && c <= 57) { m = m * 10 + (c - 48); c = buf[++q]!; }
      e10 = fs - q;
      digits += q - fs;
    }
    if (digits === 0 || digits > 15) return -1;
    if (c === 101 || c === 69) {                                    // e, E
      c = buf[++q]!;
      let eneg = false;
      if (c === MINUS) { eneg = true; c = buf[++q]!; } else if (c === PLUS) c = buf[++q]!;
      const es = q;
      let x = 0;
      while (c >= 48 && c <= 57 && x < 1000) { x = x * 10 + (c - 48); c = buf[++q]!; }
      if (q === es) return -1;
      e10 += eneg ? -x : x;
    }
    if (c !== this.sep && c !== NL && c !== CR) return -1;
    if (q >= end && !final) return -2;
    if (e10 < -22 || e10 > 22) return -1;
    let v = e10 === 0 ? m : e10 > 0 ? m * POW10[e10]! : m / POW10[-e10]!;
    if (neg) v = -v;
    const b = this.numeric[j]!;
    if (e10 >= 0 && v >= b.lo && v <= b.hi) b.cur[off] = v;         // an integer that fits: store
    else if (this.columns[j]!.intOnly && !Number.isInteger(v)) this.mismatch(j, off, line, decodeLatin1(buf, p, q), 'int');
    else b.set(off, v);
    return q;
  }

  private unquoted(j: number, buf: Uint8Array, s: number, e: number, off: number, row: number, line: number): void {
    const kind = this.kinds[j]!;
    if (kind === FieldKind.Skip) return;
    const text = this.decode(buf, s, e);
    if (this.columns[j]!.na.has(text)) { this.missing(j, off, row); return; }
    this.store(j, kind, text, off, row, line);
  }

  private quoted(j: number, buf: Uint8Array, s: number, e: number, escaped: boolean, off: number, row: number, line: number): void {
    const kind = this.kinds[j]!;
    if (kind === FieldKind.Skip) return;
    let text = this.decode(buf, s, e);
    if (escaped) text = text.replaceAll(String.fromCharCode(this.quote).repeat(2), String.fromCharCode(this.quote));
    if ((kind === FieldKind.Numeric || kind === FieldKind.Time) && (text.trim() === '' || this.columns[j]!.na.has(text.trim()))) {
      this.missing(j, off, row);
      return;
    }
    this.store(j, kind, text, off, row, line);
  }

  private store(j: number, kind: FieldKind, text: string, off: number, row: number, line: number): void {
    switch (kind) {
      case FieldKind.Numeric: {
        const t = text.trim();
        const v = t === '' ? NaN : parseNumber(t);
        if (t === '') this.missing(j, off, row);
        else if (v !== v || (this.columns[j]!.intOnly && !Number.isInteger(v))) this.mismatch(j, off, line, text, this.columns[j]!.intOnly ? 'int' : 'real');
        else this.numeric[j]!.set(off, v);
        return;
      }
      case FieldKind.Enum: this.enums[j]!.cur[off] = this.enums[j]!.code(text); return;
      case FieldKind.Text: this.texts[j]!.set(row, text); return;
      case FieldKind.Time: {
        const t = text.trim();
        const v = t === '' ? NaN : parseTime(t);
        if (v !== v && t !== '') this.mismatch(j, off, line, text, 'time');
        else this.times[j]!.cur[off] = v;
        return;
      }
      default: return;
    }
  }

  private missing(j: number, off: number, row: number): void {
    switch (this.kinds[j]!) {
      case FieldKind.Numeric: this.numeric[j]!.setNA(off); return;
      case FieldKind.Enum: this.enums[j]!.cur[off] = -1; return;
      case FieldKind.Text: this.texts[j]!.set(row, null); return;
      case FieldKind.Time: this.times[j]!.cur[off] = NaN; return;
      default: return;
    }
  }

  /** A value that does not fit the column's type: an error for a user-given type, else a re-guess. */
  private mismatch(j: number, off: number, line: number, text: string, type: string): void {
    const col = this.columns[j]!;
    if (col.strict) throw this.error(line, j, `value ${JSON.stringify(text)} does not fit the column type '${type}' given in col_types`);
    if (!this.wrong[j]) { this.wrong[j] = true; this.wrongAt[j] = { line, text }; }
    this.missing(j, off, this.rows);
  }

  private nextBlock(): void {
    const b = ++this.blockIndex, size = b === 0 ? Math.max(1, this.firstBlock) : BLOCK;
    this.blockBase = this.blockEnd;
    this.blockEnd += size;
    for (let j = 0; j < this.ncol; j++) {
      switch (this.kinds[j]!) {
        case FieldKind.Numeric: this.numeric[j]!.startBlock(b, size); break;
        case FieldKind.Enum: this.enums[j]!.startBlock(b, size); break;
        case FieldKind.Time: this.times[j]!.startBlock(b, size); break;
        default: break;
      }
    }
  }

  /** Takes back the NA marks of a row cut by the chunk end (values are simply overwritten later). */
  private undo(off: number, fields: number): void {
    for (let j = 0; j <= fields && j < this.ncol; j++) this.numeric[j]?.clear(off);
  }

  private decode(buf: Uint8Array, s: number, e: number): string {
    if (e - s <= 32) {
      let ascii = true;
      for (let i = s; i < e; i++) if (buf[i]! >= 0x80) { ascii = false; break; }
      if (ascii) return decodeLatin1(buf, s, e);
    }
    return this.decoder.decode(buf.subarray(s, e));
  }

  error(line: number, j: number, what: string): AquiferError {
    this.failure = { line, column: j, what };
    return parseError(this.file, this.columns, this.failure);
  }
}

export function parseError(file: string, columns: readonly ParserColumn[], f: ParseFailure): AquiferError {
  const col = f.column < columns.length ? ` '${columns[f.column]!.name}'` : '';
  return new AquiferError('PARSE_ERROR', `${file}, line ${f.line}, column ${f.column + 1}${col}: ${f.what}`, { subject: file });
}

function decodeLatin1(buf: Uint8Array, s: number, e: number): string {
  let out = '';
  for (let i = s; i < e; i++) out += String.fromCharCode(buf[i]!);
  return out;
}

const NUMBER = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;

/** A decimal number (what CSV writers emit); NaN for anything else, including hex and "Infinity". */
export function parseNumber(t: string): number {
  return NUMBER.test(t) ? Number(t) : NaN;
}
