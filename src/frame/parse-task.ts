// The worker's half of a parallel CSV parse (parse-parallel.ts is the main thread's half): the
// same CsvRowParser and builders as a single-threaded parse, run over one piece of the text at a
// time. A piece is the bytes between two line breaks, handed over in shared memory; its columns
// go back in one shared slab. Lines are counted from 1 within the piece: the main thread, which
// commits pieces in file order, knows where each one starts and words errors and warnings with
// the line in the whole file.

import { registerTask } from '../parallel/tasks';
import { Slab, type EnumPart, type NumericPart, type TextPart, type TimePart } from './builders';
import { CsvRowParser, FieldKind, type ParseFailure, type ParserColumn } from './csv-parser';

/** What every piece of one pass shares, sent to each worker once. */
export interface PassSetup {
  columns: ParserColumn[];
  sep: number;
  quote: number;
  file: string;
  widthFrom: string;
  /** Rows in the first block of a worker's columns: the estimate for one piece. */
  pieceRows: number;
}

export interface PieceArgs {
  /** Shared; bytes[length] holds '\n' (the parser's sentinel). */
  bytes: Uint8Array;
  length: number;
  /** The end of the input: a row may end without a line break, and an open quote is an error. */
  final: boolean;
  /** A slab the main thread is done with, for this piece's columns if it is large enough. */
  slab?: SharedArrayBuffer;
}

export type ColumnPart = NumericPart | EnumPart | TimePart | TextPart | null;

export interface PieceResult {
  rows: number;
  /** Line breaks consumed (the next piece starts this many lines further on). */
  lines: number;
  /** Bytes consumed: less than `length` when the last row runs past the piece (a quoted line
   *  break at the cut), which means the next piece did not start at a row. */
  consumed: number;
  shortRows: number;
  firstShortLine: number;
  wrongAt: ({ line: number; text: string } | null)[];
  parts: ColumnPart[];
  /** The buffer behind the numeric, enum and time parts. */
  slab: SharedArrayBuffer | null;
  /** The piece holds bad input; only reported if the piece turns out to start at a row. */
  failure?: ParseFailure;
}

/** A parser for the pieces of one pass; each piece reuses the blocks of the last (no fresh memory per piece). */
export function pieceParser(setup: PassSetup): CsvRowParser {
  return new CsvRowParser(setup.columns, setup.sep, setup.quote, setup.file, 1, setup.pieceRows, setup.widthFrom);
}

/** Parses one piece with `parser` (from pieceParser, restarted here). */
export function parsePiece(parser: CsvRowParser, setup: PassSetup, piece: PieceArgs): PieceResult {
  parser.restart();
  let consumed: number;
  try {
    consumed = parser.parse(piece.bytes, 0, piece.length, piece.final);
  } catch (e) {
    if (parser.failure === undefined) throw e;
    return { rows: 0, lines: 0, consumed: 0, shortRows: 0, firstShortLine: 0, wrongAt: [], parts: [], slab: null, failure: parser.failure };
  }
  const n = parser.rows;
  // Every column's rows in one shared buffer: posting it copies nothing, and it comes back for reuse.
  const slab = new Slab(setup.columns.reduce((sum, c, j) => sum + (
    c.kind === FieldKind.Numeric ? parser.numeric[j]!.partBytes(n)
      : c.kind === FieldKind.Enum ? Slab.bytes(n, 4) : c.kind === FieldKind.Time ? Slab.bytes(n, 8) : 0), 0), piece.slab);
  const parts = setup.columns.map((c, j): ColumnPart => {
    switch (c.kind) {
      case FieldKind.Numeric: return parser.numeric[j]!.take(n, slab);
      case FieldKind.Enum: return parser.enums[j]!.take(n, slab);
      case FieldKind.Time: return parser.times[j]!.take(n, slab);
      case FieldKind.Text: return parser.texts[j]!.take(n);
      default: return null;
    }
  });
  return {
    rows: n, lines: parser.line - 1, consumed, shortRows: parser.shortRows, firstShortLine: parser.firstShortLine,
    wrongAt: parser.wrong.map((w, j) => (w ? parser.wrongAt[j]! : null)), parts, slab: slab.buffer,
  };
}

let current: { setup: PassSetup; parser: CsvRowParser } | undefined;

/** Registered by the worker entry (an explicit call: the package is marked side-effect free). */
export function registerFrameTasks(): void {
  registerTask('frame.begin', (_ctx, setup: PassSetup) => { current = { setup, parser: pieceParser(setup) }; return true; });
  registerTask('frame.piece', (_ctx, piece: PieceArgs) => {
    if (current === undefined) throw new Error('frame.piece before frame.begin');
    return parsePiece(current.parser, current.setup, piece);
  });
}
