import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createKernelContext } from '../../src/wasm/instance';

test('the debug build reports a failed kernel assertion with its message, file and line', async () => {
  const { k } = await createKernelContext('debug');
  try {
    k.vec_scale_f32(1024, -1, 2);
    assert.unreachable('expected an abort');
  } catch (e) {
    const msg = String((e as Error).message);
    assert.match(msg, /n must be >= 0/);
    assert.match(msg, /assembly\/vec_f32\.ts:\d+/);
  }
});

test('the debug build computes the same as the release build', async () => {
  const dbg = await createKernelContext('debug'), rel = await createKernelContext('simd-st');
  for (const { arena, k } of [dbg, rel]) {
    const p = arena.putF32([1, 2, 3, 4, 5]);
    k.vec_scale_f32(p, 5, 3);
    assert.equal(Array.from(arena.f32(p, 5)), [3, 6, 9, 12, 15]);
  }
});

test.run();
