// A set of packed rows to score: a whole frame, or a sample of its rows by index (the training
// scoring sample reads the packed training rows in place instead of packing a copy).

import type { PackedRows } from '../data/training-rows';

export interface ScoreSet {
  /** The frame id the job registered the rows under. */
  frame: string;
  rows: PackedRows;
  /** Packed-row indices to score, ascending; null for all rows. */
  index: Int32Array | null;
}

export function scoreSetSize(s: ScoreSet): number {
  return s.index ? s.index.length : s.rows.nrows;
}

/** The set's rows grouped by chunk, in order: chunk-local row numbers and where their outputs go. */
export function scorePieces(s: ScoreSet): { chunk: number; rows: Int32Array; outRow: number }[] {
  if (!s.index) return s.rows.chunks.map((c) => ({ chunk: c.index, rows: Int32Array.from({ length: c.nrows }, (_, i) => i), outRow: c.start }));
  const pieces: { chunk: number; rows: number[]; outRow: number }[] = [];
  s.index.forEach((g, k) => {
    const { chunk, r } = s.rows.locate(g);
    const last = pieces[pieces.length - 1];
    if (last && last.chunk === chunk.index) last.rows.push(r);
    else pieces.push({ chunk: chunk.index, rows: [r], outRow: k });
  });
  return pieces.map((p) => ({ chunk: p.chunk, rows: Int32Array.from(p.rows), outRow: p.outRow }));
}

/** Responses and weights of the set's rows, in output order. */
export function scoreSetTargets(s: ScoreSet): { y: Float64Array; w: Float64Array } {
  const n = scoreSetSize(s);
  const y = new Float64Array(n), w = new Float64Array(n);
  for (const p of scorePieces(s)) {
    const c = s.rows.chunks[p.chunk]!;
    p.rows.forEach((r, i) => { y[p.outRow + i] = c.response[r]!; w[p.outRow + i] = c.weight[r]!; });
  }
  return { y, w };
}
