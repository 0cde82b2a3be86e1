// One worker interface over Node's worker_threads and the Web Worker API.
// Node is checked first: Bun and Deno expose both APIs, Node 20 has no global Worker.

import { isNode } from '../wasm/assets';

export interface WorkerHandle {
  post(message: unknown): void;
  onMessage(fn: (data: unknown) => void): void;
  /** An uncaught error inside the worker, or a worker that exits/fails to load. */
  onFailure(fn: (error: Error) => void): void;
  terminate(): Promise<void>;
}

export async function spawnWorker(url: URL): Promise<WorkerHandle> {
  if (isNode) {
    const { Worker } = await import('node:worker_threads');
    const w = newNodeWorker(Worker, url, workerExecArgv(process.execArgv));
    let terminating = false;
    return {
      post: (m) => w.postMessage(m),
      onMessage: (fn) => { w.on('message', fn); },
      onFailure: (fn) => {
        w.on('error', fn);
        w.on('exit', (code) => { if (!terminating) fn(new Error(`worker exited with code ${code}`)); });
      },
      terminate: async () => { terminating = true; await w.terminate(); },
    };
  }
  const W = (globalThis as unknown as { Worker: typeof Worker }).Worker;
  const w = new W(url, { type: 'module' });
  return {
    post: (m) => w.postMessage(m),
    onMessage: (fn) => w.addEventListener('message', (e) => fn((e as MessageEvent).data)),
    onFailure: (fn) => {
      w.addEventListener('error', (e) => { e.preventDefault?.(); fn(new Error((e as ErrorEvent).message || 'worker failed to load')); });
      w.addEventListener('messageerror', () => fn(new Error('a message from the worker could not be deserialized')));
    },
    terminate: async () => { w.terminate(); },
  };
}

/** Inside a worker: the parent's message port, the same way in Node and browsers. */
export async function parentPort(): Promise<{ post(m: unknown): void; onMessage(fn: (data: unknown) => void): void }> {
  if (isNode) {
    const wt = await import('node:worker_threads');
    const port = wt.parentPort!;
    return { post: (m) => port.postMessage(m), onMessage: (fn) => { port.on('message', fn); } };
  }
  const self = globalThis as unknown as { postMessage(m: unknown): void; addEventListener(t: string, fn: (e: MessageEvent) => void): void };
  return { post: (m) => self.postMessage(m), onMessage: (fn) => self.addEventListener('message', (e) => fn(e.data)) };
}

/** A Node worker with the parent's flags. Some flags that Node lists as allowed (V8's --expose-gc,
 *  --max-old-space-size ...) are refused in a worker's execArgv, by an error that names them; they
 *  are process-wide and already apply in the worker, so the worker starts again without them. */
function newNodeWorker(Worker: typeof import('node:worker_threads').Worker, url: URL, argv: string[]) {
  try {
    return new Worker(url, { execArgv: refusedFlags.size ? dropFlags(argv, refusedFlags) : argv });
  } catch (e) {
    if ((e as { code?: string }).code !== 'ERR_WORKER_INVALID_EXEC_ARGV') throw e;
    // "Initiated Worker with invalid execArgv flags: --a, --b=1": remembered, so later workers start at once.
    const list = (e as Error).message.replace(/^[^:]*:/, '');
    for (const f of list.split(',')) refusedFlags.add(f.trim().split('=')[0]!);
    return new Worker(url, { execArgv: dropFlags(argv, refusedFlags) });
  }
}

const refusedFlags = new Set<string>();

/** argv without the named flags (and the separate value of a flag that takes one). */
export function dropFlags(argv: string[], names: Set<string>): string[] {
  return keepFlags(argv, (name) => !names.has(name));
}

/** The flags of argv whose name passes `keep`, each with its separate value if it has one. */
function keepFlags(argv: string[], keep: (name: string) => boolean): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const hasValue = !a.includes('=') && i + 1 < argv.length && !argv[i + 1]!.startsWith('-');
    const kept = keep(a.split('=')[0]!);
    if (kept) out.push(a);
    if (hasValue) { if (kept) out.push(argv[i + 1]!); i++; }
  }
  return out;
}

/** The parent's Node flags that a worker may take: those Node lists as allowed, but not the parent's
 *  own entry flags (-e, --input-type), which would make the worker fail to start; loader flags such
 *  as --import must be kept. (V8 flags Node still refuses are dropped by newNodeWorker.) */
function workerExecArgv(argv: string[]): string[] {
  const allowed = process.allowedNodeEnvironmentFlags;
  return keepFlags(argv, (name) => allowed.has(name) && !['-e', '--eval', '-p', '--print', '--input-type'].includes(name));
}
