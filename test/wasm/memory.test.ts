import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Arena, createMemory, PAGE } from '../../src/wasm/memory';

test('allocations are 16-byte aligned, disjoint and above the base', () => {
  const arena = new Arena(createMemory(PAGE, true), 1030);
  const a = arena.alloc(3), b = arena.alloc(17), c = arena.alloc(0), d = arena.alloc(5);
  for (const p of [a, b, c, d]) assert.is(p % 16, 0);
  assert.ok(a >= 1030 && b >= a + 3 && c >= b + 17 && d >= c);
});

test('the arena grows the memory when it runs out, and views see the new size', () => {
  const memory = createMemory(PAGE, true);
  const arena = new Arena(memory, 1024);
  const p = arena.alloc(5 * PAGE);
  assert.ok(memory.buffer.byteLength >= p + 5 * PAGE);
  const v = arena.f32(p + 4 * PAGE, 4);
  v[3] = 7;
  assert.is(arena.f32(p + 4 * PAGE, 4)[3], 7);
});

test('reset to a mark frees what came after it', () => {
  const arena = new Arena(createMemory(PAGE, false), 1024);
  arena.alloc(100);
  const m = arena.mark();
  const x = arena.alloc(64);
  arena.reset(m);
  assert.is(arena.alloc(64), x);
});

test('a negative or non-finite size is refused', () => {
  const arena = new Arena(createMemory(PAGE, false), 1024);
  assert.throws(() => arena.alloc(-1), /bad allocation/);
  assert.throws(() => arena.alloc(NaN), /bad allocation/);
});

test('a job larger than wasm32 can address is refused with a clear message', () => {
  const arena = new Arena(createMemory(PAGE, false), 1024);
  assert.throws(() => arena.alloc(5 * 2 ** 30), /4 GiB/);
});

test.run();
