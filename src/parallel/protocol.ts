// Messages between the pool and its workers.

import type { BuildName } from '../wasm/assets';

export interface InitMessage {
  type: 'init';
  index: number;
  build: BuildName;
  memory: WebAssembly.Memory;
  /** The compiled module, or its bytes where a Module cannot be posted (Safari, old Deno). */
  module?: WebAssembly.Module;
  bytes?: Uint8Array;
}

export interface RunMessage {
  type: 'run';
  id: number;
  task: string;
  args: unknown;
}

export type ToWorker = InitMessage | RunMessage;

export type FromWorker =
  | { type: 'ready'; index: number }
  | { type: 'result'; id: number; value: unknown }
  | { type: 'error'; id: number; name: string; message: string; stack?: string; code?: string };
