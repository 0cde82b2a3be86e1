// Tasks a worker can run. Each gets the worker's kernel instance over the shared memory.
// Later layers (training, scoring) register their own tasks by importing this registry in the worker entry.

import type { KernelExports } from '../wasm/instance';

export interface WorkerContext {
  index: number;
  memory: WebAssembly.Memory;
  k: KernelExports;
}

export type Task = (ctx: WorkerContext, args: any) => unknown | Promise<unknown>;

const tasks = new Map<string, Task>();

export function registerTask(name: string, fn: Task): void {
  tasks.set(name, fn);
}

export function getTask(name: string): Task | undefined {
  return tasks.get(name);
}

/** Call one kernel export several times in order: `{ name, calls: number[][] }`; returns the results. */
registerTask('kernel', (ctx, args: { name: string; calls: number[][] }) => {
  const fn = ctx.k[args.name];
  if (typeof fn !== 'function') throw new Error(`no kernel named ${args.name}`);
  return args.calls.map((a) => fn(...a));
});

/** For tests of the pool itself: echo, fail, or stay busy for a while. */
registerTask('echo', (ctx, args: unknown) => ({ index: ctx.index, args }));
registerTask('fail', (_ctx, args: { message: string }) => { throw new Error(args.message); });
