// The training and scoring tasks a worker runs for one Deep Learning job (registered by the worker
// entry: an explicit call, because the package is marked side-effect free for bundlers). The job's state (its
// steppers and the row chunks it reads) lives here between messages; 'dl.init' replaces it.

import { registerTask } from '../parallel/tasks';
import { Stepper, type Schedule, type StepConfig } from './stepper';
import type { ParamLayout } from './network';
import { chunkViews, type RowChunk, type RowLayout } from '../data/training-rows';

export interface ChunkRef { buffer: SharedArrayBuffer | ArrayBuffer; nrows: number; index: number; start: number }
export interface FrameRef { layout: RowLayout; chunks: ChunkRef[] }

export interface InitArgs {
  layout: ParamLayout;
  cfg: StepConfig;
  /** This worker's parameter arena (shared by all workers under HOGWILD!, its own under reproducible). */
  params: number;
  trainScratch: number;
  scoreScratch: number;
  batch: number;
  scoreBatch: number;
}

/** One piece of an iteration: rows of one chunk, in the order to visit them. */
export interface Piece { chunk: number; rows: Int32Array }
export interface TrainArgs { frame: string; pieces: Piece[]; sched: Schedule }
export interface ScoreArgs { frame: string; pieces: { chunk: number; rows: Int32Array; outAt: number }[]; out: number; outFloats: number }

interface Job { train: Stepper; score: Stepper; batch: number; frames: Map<string, RowChunk[]> }
let job: Job | undefined;

export function frameChunks(ref: FrameRef): RowChunk[] {
  return ref.chunks.map((c) => chunkViews(ref.layout, c.buffer, c.nrows, c.index, c.start));
}

export function registerDeepLearningTasks(): void {
  registerTask('dl.init', (ctx, a: InitArgs) => {
    job = {
      train: new Stepper(ctx.k, ctx.memory, a.layout, a.params, a.trainScratch, a.batch, a.cfg),
      score: new Stepper(ctx.k, ctx.memory, a.layout, a.params, a.scoreScratch, a.scoreBatch, a.cfg, false),
      batch: a.batch,
      frames: new Map(),
    };
    return true;
  });

  registerTask('dl.frame', (_ctx, a: { id: string; ref: FrameRef }) => {
    need().frames.set(a.id, frameChunks(a.ref));
    return true;
  });

  registerTask('dl.seed', (_ctx, a: { state: Uint32Array }) => {
    need().train.seed(a.state);
    return true;
  });

  registerTask('dl.train', (_ctx, a: TrainArgs) => {
    const j = need();
    const chunks = j.frames.get(a.frame)!;
    let trained = 0;
    for (const p of a.pieces) {
      const chunk = chunks[p.chunk]!;
      trained += j.batch > 1
        ? j.train.trainBatches(chunk, p.rows, 0, p.rows.length, a.sched)
        : j.train.trainRows(chunk, p.rows, 0, p.rows.length, a.sched);
    }
    return trained;
  });

  registerTask('dl.score', (ctx, a: ScoreArgs) => {
    const j = need();
    const chunks = j.frames.get(a.frame)!;
    const out = new Float32Array(ctx.memory.buffer, a.out, a.outFloats);
    for (const p of a.pieces) j.score.scoreRows(chunks[p.chunk]!, p.rows, out, p.outAt);
    return true;
  });
}

function need(): Job {
  if (!job) throw new Error('dl task before dl.init');
  return job;
}
