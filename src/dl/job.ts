// The machinery of one training job: the shared Wasm memory (parameter arena, per-worker scratch,
// scoring output), the worker pool, and the frames the workers read. Without threads (no
// SharedArrayBuffer) the same steppers run on the calling thread, in pieces that yield in between.

import { AquiferError } from '../util/errors';
import { createMemory, Arena } from '../wasm/memory';
import { instantiateKernels, type KernelExports } from '../wasm/instance';
import { kernelModule, isSharedBuild, type BuildName } from '../wasm/runtime';
import { WorkerPool } from '../parallel/pool';
import type { PackedRows } from '../data/training-rows';
import type { ParamLayout } from './network';
import { scoreBatch, Stepper, type Schedule, type StepConfig } from './stepper';
import { frameChunks, type FrameRef, type InitArgs, type Piece, type ScoreArgs } from './worker-task';
import type { RowChunk } from '../data/training-rows';
import { scorePieces, scoreSetSize, type ScoreSet } from './score-set';

export interface JobOptions {
  build: BuildName;
  threads: number;
  layout: ParamLayout;
  cfg: StepConfig;
  /** mini_batch_size. */
  batch: number;
  /** One parameter copy per worker, averaged in a fixed order after each iteration. */
  reproducible: boolean;
  /** Rows of the largest frame that will be scored (sizes the output region). */
  maxScoreRows: number;
}

export class TrainingJob {
  readonly threads: number;
  readonly memory: WebAssembly.Memory;
  readonly arena: Arena;
  /** Byte address of the model's parameter arena (the averaged copy under reproducible). */
  readonly params: number;
  private readonly copies: number[];
  private readonly out: number;
  private readonly outFloats: number;
  private readonly localFrames = new Map<string, RowChunk[]>();
  private pool: WorkerPool | undefined;
  private local: { train: Stepper; score: Stepper } | undefined;
  private readonly slicer = new Slicer();

  private constructor(readonly opts: JobOptions, readonly k: KernelExports, memory: WebAssembly.Memory, arena: Arena, threads: number) {
    this.memory = memory; this.arena = arena; this.threads = threads;
    const floats = opts.layout.totalFloats;
    this.params = arena.alloc(4 * floats);
    this.copies = opts.reproducible && threads > 1 ? Array.from({ length: threads }, () => arena.alloc(4 * floats)) : [];
    const width = opts.layout.spec.units[opts.layout.spec.units.length - 1]!;
    this.outFloats = Math.max(1, opts.maxScoreRows * width);
    this.out = arena.alloc(4 * this.outFloats);
  }

  static async start(opts: JobOptions): Promise<TrainingJob> {
    const threaded = isSharedBuild(opts.build) && opts.threads > 1;
    const module = await kernelModule(opts.build);
    const memory = createMemory(1 << 20, isSharedBuild(opts.build));
    const k = await instantiateKernels(module, memory, opts.build);
    const arena = new Arena(memory, k.heap_base());
    const threads = threaded ? opts.threads : 1;
    const job = new TrainingJob(opts, k, memory, arena, threads);
    const batchOut = scoreBatch(opts.layout);
    const trainBytes = Stepper.scratchBytes(k, opts.layout, opts.batch), scoreBytes = Stepper.scratchBytes(k, opts.layout, batchOut, false);
    const scratch = Array.from({ length: threads }, () => ({ train: arena.alloc(trainBytes), score: arena.alloc(scoreBytes) }));
    if (!threaded) {
      job.local = {
        train: new Stepper(k, memory, opts.layout, job.params, scratch[0]!.train, opts.batch, opts.cfg),
        score: new Stepper(k, memory, opts.layout, job.params, scratch[0]!.score, batchOut, opts.cfg, false),
      };
      return job;
    }
    try {
      job.pool = await WorkerPool.start({ size: threads, build: opts.build, memory });
      await job.pool.runAll('dl.init', scratch.map((s, w): InitArgs => ({
        layout: opts.layout, cfg: opts.cfg, params: job.copies[w] ?? job.params,
        trainScratch: s.train, scoreScratch: s.score, batch: opts.batch, scoreBatch: batchOut,
      })));
    } catch (e) {
      await job.close();
      throw e;
    }
    return job;
  }

  /** The parameter arena as floats (a fresh view: the memory may have grown). */
  paramView(ptr = this.params): Float32Array {
    return new Float32Array(this.memory.buffer, ptr, this.opts.layout.totalFloats);
  }

  async addFrame(id: string, rows: PackedRows): Promise<void> {
    const ref: FrameRef = { layout: rows.layout, chunks: rows.chunks.map((c) => ({ buffer: c.buffer, nrows: c.nrows, index: c.index, start: c.start })) };
    if (this.pool) await this.pool.runAll('dl.frame', Array.from({ length: this.threads }, () => ({ id, ref })));
    else this.localFrames.set(id, frameChunks(ref));
  }

  /** Seed each worker's dropout generator. */
  async seed(states: Uint32Array[]): Promise<void> {
    if (this.pool) await this.pool.runAll('dl.seed', states.map((state) => ({ state })));
    else this.local!.train.seed(states[0]!);
  }

  /** Before an iteration under reproducible: every worker starts from the model's parameters. */
  private spreadCopies(): void {
    const model = this.paramView();
    for (const c of this.copies) this.paramView(c).set(model);
  }

  /** After it: the model is the plain average of the copies, summed in worker order. */
  private averageCopies(trained: number[]): void {
    const used = this.copies.filter((_, w) => trained[w]! > 0);
    if (used.length === 0) return;
    const srcs = this.arena.mark();
    const ptrs = this.arena.alloc(4 * used.length), weights = this.arena.alloc(4 * used.length);
    this.arena.u32(ptrs, used.length).set(used);
    this.arena.f32(weights, used.length).fill(1 / used.length);
    this.k.vec_wsum_f32!(this.params, ptrs, weights, used.length, this.opts.layout.totalFloats);
    this.arena.reset(srcs);
  }

  /** Train worker w on pieces[w]; resolves with the rows each worker trained on. */
  async train(frame: string, pieces: Piece[][], sched: Schedule): Promise<number[]> {
    if (this.copies.length) this.spreadCopies();
    let trained: number[];
    if (this.pool) {
      trained = await this.pool.runAll<number>('dl.train', pieces.map((p) => ({ frame, pieces: p, sched })));
    } else {
      const chunks = this.localFrames.get(frame)!, st = this.local!.train, B = this.opts.batch;
      let n = 0;
      for (const p of pieces[0]!) {
        const chunk = chunks[p.chunk]!;
        await this.slicer.run(p.rows.length, B, (from, to) => {
          n += B > 1 ? st.trainBatches(chunk, p.rows, from, to, sched) : st.trainRows(chunk, p.rows, from, to, sched);
        });
      }
      trained = [n];
    }
    if (this.copies.length) this.averageCopies(trained);
    return trained;
  }

  /** Scoring forward pass over a set of rows: rows × n_out floats (a copy). */
  async score(set: ScoreSet): Promise<Float32Array> {
    const width = this.opts.layout.spec.units[this.opts.layout.spec.units.length - 1]!;
    const n = scoreSetSize(set);
    if (n * width > this.outFloats) throw new AquiferError('INTERNAL', `scoring output for ${n} rows exceeds the region sized for ${this.outFloats / width}`);
    const pieces = scorePieces(set).map((p) => ({ chunk: p.chunk, rows: p.rows, outAt: p.outRow * width }));
    if (this.pool) {
      // Pieces dealt round-robin. Under reproducible each worker reads its own copy: refresh them first.
      const per: ScoreArgs[] = Array.from({ length: this.threads }, () => ({ frame: set.frame, pieces: [], out: this.out, outFloats: this.outFloats }));
      pieces.forEach((p, i) => per[i % this.threads]!.pieces.push(p));
      if (this.copies.length) for (const c of this.copies) this.paramView(c).set(this.paramView());
      await this.pool.runAll('dl.score', per);
    } else {
      const out = new Float32Array(this.memory.buffer, this.out, this.outFloats);
      const chunks = this.localFrames.get(set.frame)!, sc = this.local!.score;
      // Slices are whole scoring batches, so that rows are batched as predict and the scorer batch them.
      for (const p of pieces) {
        await this.slicer.run(p.rows.length, sc.s.batch, (from, to) => sc.scoreRows(chunks[p.chunk]!, p.rows.subarray(from, to), out, p.outAt + from * width));
      }
    }
    return new Float32Array(this.memory.buffer, this.out, n * width).slice();
  }

  async close(): Promise<void> {
    await this.pool?.close();
    this.pool = undefined;
  }
}

/** Without workers the steppers run on the calling thread. A browser page must keep drawing and
 *  answering events, so the work goes in slices of about SLICE_MS, sized from the last slice's time
 *  (a row of a large network takes milliseconds, of a small one microseconds), with a yield to the
 *  event loop between them. */
const SLICE_MS = 10;

export class Slicer {
  private rowsPerSlice = 4;  // small: a row of a large network takes milliseconds
  private lastYield: number;

  /** `now` and `yieldNow` are the clock and the yield (tests pass their own). */
  constructor(private readonly now: () => number = () => performance.now(), private readonly yieldNow: () => Promise<void> = yieldToEventLoop) {
    this.lastYield = now();
  }

  /** work(from, to) over [0, n), slice bounds multiples of `align` (mini-batches keep their rows). */
  async run(n: number, align: number, work: (from: number, to: number) => void): Promise<void> {
    for (let from = 0; from < n;) {
      const size = Math.max(align, Math.round(this.rowsPerSlice / align) * align);
      const to = Math.min(n, from + size);
      const t0 = this.now();
      work(from, to);
      const ms = this.now() - t0;
      if (to - from === size) this.rowsPerSlice = Math.min(1 << 16, Math.max(1, Math.round(size * Math.min(4, SLICE_MS / Math.max(ms, 0.01)))));
      from = to;
      if (this.now() - this.lastYield >= SLICE_MS) { await this.yieldNow(); this.lastYield = this.now(); }
    }
  }
}

/** A macrotask, so a browser can render and handle input in between; MessageChannel is not clamped
 *  to 4 ms like a nested setTimeout. */
function yieldToEventLoop(): Promise<void> {
  if (typeof MessageChannel === 'function') {
    return new Promise((resolve) => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => { ch.port1.close(); resolve(); };
      ch.port2.postMessage(null);
    });
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
}
