// The one WebAssembly.Memory a job works in, and the bump allocator over it.
// Kernels allocate nothing: every region is handed out here, 16-byte aligned for v128 loads,
// above the module's heap base (asc reserves low memory and puts static data there).

import { AquiferError } from '../util/errors';

export const PAGE = 65536;
/** Module builds declare 65536 pages (4 GiB); the host picks the real limit per memory. */
const MAX_PAGES = 65536;

export function createMemory(bytes: number, shared: boolean, maxBytes = 4 * 1024 ** 3): WebAssembly.Memory {
  const initial = Math.max(1, Math.ceil(bytes / PAGE));
  const maximum = Math.min(MAX_PAGES, Math.max(initial, Math.ceil(maxBytes / PAGE)));
  try {
    return new WebAssembly.Memory({ initial, maximum, shared } as WebAssembly.MemoryDescriptor);
  } catch (e) {
    throw new AquiferError('WASM_ERROR', `could not allocate ${(bytes / 2 ** 20).toFixed(1)} MiB of Wasm memory (maximum ${(maximum * PAGE / 2 ** 20).toFixed(0)} MiB)`, { cause: e });
  }
}

export class Arena {
  readonly memory: WebAssembly.Memory;
  private top: number;
  private readonly base: number;

  constructor(memory: WebAssembly.Memory, heapBase: number) {
    this.memory = memory;
    this.base = align(heapBase, 16);
    this.top = this.base;
  }

  /** A region of `bytes` bytes (contents undefined), growing the memory if needed.
   *  Call only between jobs: another thread's view of a grown shared memory may be stale. */
  alloc(bytes: number, alignment = 16): number {
    if (!(bytes >= 0) || !Number.isFinite(bytes)) throw new AquiferError('INTERNAL', `bad allocation size ${bytes}`);
    const ptr = align(this.top, alignment);
    const end = ptr + bytes;
    if (end > 2 ** 32) throw new AquiferError('WASM_ERROR', `the job needs ${(end / 2 ** 30).toFixed(2)} GiB of Wasm memory, over wasm32's 4 GiB`);
    const have = this.memory.buffer.byteLength;
    if (end > have) {
      try {
        this.memory.grow(Math.ceil((end - have) / PAGE));
      } catch (e) {
        throw new AquiferError('WASM_ERROR', `could not grow Wasm memory to ${(end / 2 ** 20).toFixed(1)} MiB`, { cause: e });
      }
    }
    this.top = end;
    return ptr;
  }

  /** The current top; pass it to `reset` to free everything allocated after it. */
  mark(): number { return this.top; }
  reset(mark: number = this.base): void { this.top = Math.max(this.base, mark); }
  get used(): number { return this.top - this.base; }

  f32(ptr: number, n: number): Float32Array { return new Float32Array(this.memory.buffer, ptr, n); }
  i32(ptr: number, n: number): Int32Array { return new Int32Array(this.memory.buffer, ptr, n); }
  u32(ptr: number, n: number): Uint32Array { return new Uint32Array(this.memory.buffer, ptr, n); }
  u8(ptr: number, n: number): Uint8Array { return new Uint8Array(this.memory.buffer, ptr, n); }

  /** Allocate and fill a float32 region; returns its pointer. */
  putF32(values: ArrayLike<number>): number {
    const ptr = this.alloc(values.length * 4);
    this.f32(ptr, values.length).set(values);
    return ptr;
  }
  putI32(values: ArrayLike<number>): number {
    const ptr = this.alloc(values.length * 4);
    this.i32(ptr, values.length).set(values);
    return ptr;
  }
}

export function align(n: number, a: number): number {
  return Math.ceil(n / a) * a;
}
