// Which rows an iteration trains on, and which rows are scored (h2o-training.md §5.2–§5.4,
// h2o-lifecycle.md §1.3). Chunks are dealt to workers in a fixed order, so under reproducible
// every worker sees the same rows in the same order on every run.

import { Random } from '../util/random';
import type { PackedRows } from '../data/training-rows';
import type { Piece } from './worker-task';

/** Global rows per iteration from train_samples_per_iteration. For -2 aquifer uses a fixed rule
 *  (H2O's is tuned to cluster timings, and only affects how often scoring happens): about a tenth
 *  of the run per iteration, between one epoch's worth when the data is small and 100,000 rows. */
export function samplesPerIteration(tspi: number, nrows: number, epochs: number, reproducible: boolean): number {
  if (reproducible && tspi === -2) tspi = -1;
  if (tspi === 0 || tspi === -1) return nrows;
  if (tspi >= 1) return Math.max(1, Math.min(tspi, Math.floor(epochs * nrows)));
  let n = Math.max(nrows, Math.floor((epochs * nrows) / 10));
  n = Math.min(n, 10 * nrows, 100_000);
  if (n > nrows && (n % nrows) / nrows < 0.2) n -= n % nrows;
  return Math.max(1, Math.min(n, Math.ceil(epochs * nrows)));
}

export interface IterationPlan {
  /** Per worker, the pieces (rows of one chunk, ≤ pieceRows each) in the order to train them. */
  pieces: Piece[][];
  rows: number;
}

const MASK64 = (1n << 64n) - 1n;

/** Rows for one iteration that trains on `samples` rows: per chunk, ceil(φ) passes with
 *  Bernoulli(φ/passes) thinning over a seeded permutation when sampling or shuffling (§5.4).
 *  Under HOGWILD! every worker takes its pieces in order; rows within a piece keep their order. */
export function planIteration(data: PackedRows, samples: number, o: { shuffle: boolean; seed: number | bigint; iteration: number; processed: number; threads: number; pieceRows: number }): IterationPlan {
  const phi = samples / data.nrows;
  const repeats = Math.ceil(phi), f = phi / repeats;
  const sample = f < 0.999 || o.shuffle;
  const picks: { chunk: number; rows: number[] }[] = [];
  let total = 0;
  data.chunks.forEach((chunk, c) => {
    const seed = BigInt.asIntN(64, ((0x8734093502429734n + BigInt(o.seed) + BigInt(o.processed) + BigInt(chunk.start)) * (BigInt(o.iteration) + 0x9823423497823423n)) & MASK64);
    const rng = new Random(seed);
    const n = chunk.nrows;
    let perm: Int32Array | undefined;
    if (sample) {
      perm = new Int32Array(n);
      for (let i = 0; i < n; i++) perm[i] = i;
      for (let i = n - 1; i > 0; i--) { const j = rng.nextInt(i + 1); const t = perm[i]!; perm[i] = perm[j]!; perm[j] = t; }
    }
    const rows: number[] = [];
    for (let rep = 0; rep < repeats; rep++) {
      for (let idx = 0; idx < n; idx++) {
        if (sample && f < 0.999 && rng.nextDouble() > f) continue;
        rows.push(perm ? perm[idx]! : idx);
      }
    }
    total += rows.length;
    picks.push({ chunk: c, rows });
  });
  // Pieces are dealt round-robin, small enough that every worker gets several even when the
  // frame is one chunk (H2O rebalances small frames into 4 chunks per core for the same reason).
  const pieceRows = Math.max(1, Math.min(o.pieceRows, Math.ceil(total / (4 * o.threads))));
  const pieces: Piece[][] = Array.from({ length: o.threads }, () => []);
  let next = 0;
  for (const { chunk, rows } of picks) {
    for (let at = 0; at < rows.length; at += pieceRows) pieces[next++ % o.threads]!.push({ chunk, rows: Int32Array.from(rows.slice(at, at + pieceRows)) });
  }
  return { pieces, rows: total };
}

/** Row indices of a uniform sample of about `n` of `nrows` rows (all when n is 0 or ≥ nrows);
 *  never empty when nrows > 0. */
export function sampleRows(nrows: number, n: number, seed: number): Int32Array | null {
  if (n === 0 || n >= nrows) return null;
  const rng = new Random(seed);
  const p = n / nrows;
  const keep: number[] = [];
  for (let i = 0; i < nrows; i++) if (rng.nextDouble() < p) keep.push(i);
  if (keep.length === 0) keep.push(rng.nextInt(nrows));
  return Int32Array.from(keep);
}

/** score_validation_sampling Stratified (h2o-lifecycle.md §1.3): about n of the rows with the same
 *  share of every class (`codes`: class per row, −1 for missing), each class that has rows keeping
 *  at least one; indices ascending. null when n is 0 or covers every row. */
export function sampleRowsStratified(codes: Int32Array, n: number, seed: number): Int32Array | null {
  if (n === 0 || n >= codes.length) return null;
  const byClass = new Map<number, number[]>();
  codes.forEach((k, r) => { let list = byClass.get(k); if (!list) byClass.set(k, list = []); list.push(r); });
  const rng = new Random(seed), p = n / codes.length, keep: number[] = [];
  for (const [, rows] of [...byClass].sort((a, b) => a[0] - b[0])) {
    const take = Math.max(1, Math.round(p * rows.length));
    for (let i = 0; i < take; i++) {  // a partial Fisher-Yates shuffle picks `take` of them
      const j = i + rng.nextInt(rows.length - i);
      [rows[i], rows[j]] = [rows[j]!, rows[i]!];
      keep.push(rows[i]!);
    }
  }
  return Int32Array.from(keep.sort((a, b) => a - b));
}
