// Scoring rows that arrive a chunk at a time, with one TrainingJob for the whole stream, so that
// the result is bit for bit what model.predict gives for the whole frame.
//
// Why a staging area: a row's outputs depend, in the last float bits, on the batch it is scored in
// (a one-row batch takes the GEMV kernels, and GEMM's tiles sum differently at the edges). predict
// packs a frame into chunks of defaultChunkRows rows and scores each in scoreBatch(layout) batches from
// its start. Here the packed rows of each input chunk are copied into staging chunks of that same
// size, registered with the job once; a staging chunk is scored when all are full, or at the end,
// so every row meets the batch it would meet in predict, whatever the input chunk size. The job
// and its workers start at the first scoring: one pool for the whole file, on a few MB of staging
// (threads × about 4 MB), never the file.

import { allocateChunks, defaultChunkRows, type DenseRowChunk, PackedRows } from '../data/training-rows';
import { TrainingJob } from './job';
import type { ModelState } from './model';
import type { ScoreSet } from './score-set';

/** Fewer rows than this (a frame for model.predict, a whole stream here) are scored without starting the worker pool. */
export const PARALLEL_SCORE_ROWS = 4096;

const FRAME_ID = 'stream';

export class StreamScorer {
  private job: TrainingJob | undefined;
  private readonly staging: DenseRowChunk[];
  /** The next free staging row: chunk `at`, row `used`. */
  private at = 0;
  private used = 0;
  private rowsIn = 0;

  constructor(private readonly s: ModelState) {
    const rows = defaultChunkRows(s.info.layout);
    this.staging = allocateChunks(s.info.layout, Math.max(1, s.threads) * rows, rows, true);
  }

  /** Stages `rows` (packed by DataInfo.transform) and returns the outputs of every row that could
   *  be scored so far (rows × output width floats, in input order; possibly none). */
  async push(rows: PackedRows<DenseRowChunk>): Promise<Float32Array[]> {
    const out: Float32Array[] = [];
    for (const src of rows) {
      for (let r = 0; r < src.nrows; ) {
        const dst = this.staging[this.at]!;
        const k = Math.min(src.nrows - r, dst.nrows - this.used);
        copyRows(src, r, dst, this.used, k);
        r += k; this.used += k; this.rowsIn += k;
        if (this.used === dst.nrows) { this.at++; this.used = 0; }
        if (this.at === this.staging.length) out.push(await this.flush(false));
      }
    }
    return out;
  }

  /** Scores what is left; null when nothing is. */
  async finish(): Promise<Float32Array | null> {
    return this.at === 0 && this.used === 0 ? null : this.flush(true);
  }

  async close(): Promise<void> {
    await this.job?.close();
    this.job = undefined;
  }

  private async flush(final: boolean): Promise<Float32Array> {
    const job = this.job ?? await this.start(final);
    const chunks = this.staging.slice(0, this.at);
    if (this.used > 0) chunks.push({ ...this.staging[this.at]!, nrows: this.used });
    const set: ScoreSet = { frame: FRAME_ID, rows: new PackedRows(this.s.info.layout, chunks, 0, []), index: null };
    const out = await job.score(set);
    this.at = 0; this.used = 0;
    return out;
  }

  private async start(final: boolean): Promise<TrainingJob> {
    const s = this.s;
    const threads = final && this.rowsIn < PARALLEL_SCORE_ROWS ? 1 : s.threads;
    const capacity = this.staging.reduce((n, c) => n + c.nrows, 0);
    const job = await TrainingJob.start({ build: s.build, threads, layout: s.layout, cfg: s.cfg, batch: 1, reproducible: false, maxScoreRows: capacity });
    this.job = job;
    job.paramView().set(s.theta);
    // Registered once at full size: a scoring pass reads the first rows of each chunk only.
    await job.addFrame(FRAME_ID, new PackedRows(s.info.layout, this.staging, 0, []));
    return job;
  }
}

/** Rows [from, from + n) of `src` to row `to` of `dst`, every section. */
function copyRows(src: DenseRowChunk, from: number, dst: DenseRowChunk, to: number, n: number): void {
  const { nNum, nCat } = src.layout;
  dst.num.set(src.num.subarray(from * nNum, (from + n) * nNum), to * nNum);
  dst.cat.set(src.cat.subarray(from * nCat, (from + n) * nCat), to * nCat);
  dst.response.set(src.response.subarray(from, from + n), to);
  dst.weight.set(src.weight.subarray(from, from + n), to);
  dst.offset.set(src.offset.subarray(from, from + n), to);
  dst.row.set(src.row.subarray(from, from + n), to);
}
