// A pool of workers that share one Wasm memory and one compiled kernel module.
// Joins are messages (portable: Atomics.wait is forbidden on a browser main thread); a worker's
// error is re-thrown to the caller; close() terminates every worker, and `withPool` always does.

import { AquiferError } from '../util/errors';
import { spawnWorker, type WorkerHandle } from './adapter';
import { workerUrl, kernelUrl, readAsset, type BuildName } from '../wasm/assets';
import { isSharedBuild, kernelModule } from '../wasm/runtime';
import type { FromWorker } from './protocol';

interface Pending { resolve(v: unknown): void; reject(e: Error): void; worker: number }

export interface PoolOptions {
  size: number;
  build: BuildName;
  memory: WebAssembly.Memory;
  /** The worker script; default: workerUrl(), dist/worker.js beside the bundle. */
  workerUrl?: URL;
}

export class WorkerPool {
  readonly size: number;
  private readonly workers: WorkerHandle[] = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private failure: Error | undefined;
  private closed = false;

  private constructor(size: number) { this.size = size; }

  static async start(opts: PoolOptions): Promise<WorkerPool> {
    if (!isSharedBuild(opts.build)) {
      throw new AquiferError('RUNTIME_UNSUPPORTED', `a worker pool needs a threaded kernel build (relaxed-mt, simd-mt or debug), not ${opts.build}`);
    }
    if (!(opts.memory.buffer instanceof SharedArrayBuffer)) {
      throw new AquiferError('RUNTIME_UNSUPPORTED', 'a worker pool needs a shared WebAssembly.Memory');
    }
    const size = Math.max(1, Math.floor(opts.size));
    const url = opts.workerUrl ?? workerUrl();
    const pool = new WorkerPool(size);
    try {
      const module = await kernelModule(opts.build);
      await Promise.all(Array.from({ length: size }, (_, i) => pool.spawn(i, opts, module, url)));
    } catch (e) {
      await pool.close();
      throw e instanceof AquiferError ? e : workerStartError(size, url, e);
    }
    return pool;
  }

  private async spawn(index: number, opts: PoolOptions, module: WebAssembly.Module, url: URL): Promise<void> {
    const w = await spawnWorker(url);
    this.workers[index] = w;
    const ready = new Promise<void>((resolve, reject) => {
      w.onFailure((e) => { reject(e); this.fail(index, e); });
      w.onMessage((data) => {
        const m = data as FromWorker;
        if (m.type === 'ready') return resolve();
        const p = this.pending.get(m.id);
        if (!p) return;
        this.pending.delete(m.id);
        if (m.type === 'result') p.resolve(m.value);
        else p.reject(new AquiferError('WORKER_ERROR', `worker ${index}: ${m.message}`, { cause: Object.assign(new Error(m.message), { name: m.name, stack: m.stack }) }));
      });
    });
    try {
      w.post({ type: 'init', index, build: opts.build, memory: opts.memory, module });
    } catch (e) {
      // Safari and old Deno cannot clone a WebAssembly.Module: send the bytes and compile there.
      if ((e as Error).name !== 'DataCloneError') throw e;
      w.post({ type: 'init', index, build: opts.build, memory: opts.memory, bytes: await readAsset(kernelUrl(opts.build)) });
    }
    await ready;
  }

  private fail(index: number, e: Error): void {
    if (this.closed) return;
    this.failure ??= new AquiferError('WORKER_ERROR', `worker ${index} failed: ${e.message}`, { cause: e });
    for (const [id, p] of this.pending) { this.pending.delete(id); p.reject(this.failure); }
  }

  /** Run `task` on worker `index` with `args`; resolves with the task's result. */
  runOn<T = unknown>(index: number, task: string, args: unknown): Promise<T> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.closed) return Promise.reject(new AquiferError('WORKER_ERROR', 'the worker pool is closed'));
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, worker: index });
      this.workers[index]!.post({ type: 'run', id, task, args });
    });
  }

  /** Run `task` on every worker, worker i getting argsPerWorker[i]; resolves when all are done. */
  runAll<T = unknown>(task: string, argsPerWorker: unknown[]): Promise<T[]> {
    return Promise.all(argsPerWorker.map((a, i) => this.runOn<T>(i, task, a)));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const [id, p] of this.pending) { this.pending.delete(id); p.reject(new AquiferError('WORKER_ERROR', 'the worker pool was closed')); }
    await Promise.all(this.workers.filter(Boolean).map((w) => w.terminate()));
  }
}

/**
 * Why a pool did not start, naming the worker script: a browser reports a missing script only as
 * "worker failed to load", and the usual cause is a bundler that did not copy it (esbuild does
 * not follow new URL('./worker.js', import.meta.url); see README, Runtimes and kernels).
 */
export function workerStartError(size: number, url: URL, cause: unknown): AquiferError {
  const why = cause instanceof Error ? cause.message : String(cause);
  return new AquiferError('WORKER_ERROR',
    `could not start ${size} worker${size === 1 ? '' : 's'} from ${url.href}: ${why}. If that file is missing, copy node_modules/aquifer/dist/worker.js next to your bundle (webpack 5, Vite/Rollup and Parcel do that themselves; esbuild does not)`,
    { subject: url.href, cause });
}

/** Start a pool, hand it to `fn`, and always terminate its workers afterwards. */
export async function withPool<T>(opts: PoolOptions, fn: (pool: WorkerPool) => Promise<T>): Promise<T> {
  const pool = await WorkerPool.start(opts);
  try {
    return await fn(pool);
  } finally {
    await pool.close();
  }
}
