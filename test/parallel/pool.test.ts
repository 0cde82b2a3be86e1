import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { withPool, WorkerPool, workerStartError } from '../../src/parallel/pool';
import { dropFlags } from '../../src/parallel/adapter';
import { createMemory } from '../../src/wasm/memory';
import { Arena } from '../../src/wasm/memory';
import { kernelModule } from '../../src/wasm/runtime';
import { instantiateKernels } from '../../src/wasm/instance';
import { Random } from '../../src/util/random';
import { maxRelDiff, randomF32 } from '../../src/kernels/check';
import { vecAxpyRef } from '../../src/kernels/vec';
import { isAquiferError } from '../../src/util/errors';

async function sharedArena() {
  const memory = createMemory(1 << 20, true);
  const k = await instantiateKernels(await kernelModule('simd-mt'), memory, 'simd-mt');
  return { memory, arena: new Arena(memory, k.heap_base()) };
}

test('one job split over the pool: each worker does its slice of y += a·x in the shared memory', async () => {
  const { memory, arena } = await sharedArena();
  const n = 100_003, rng = new Random(5);
  const x = randomF32(rng, n), y = randomF32(rng, n);
  const px = arena.putF32(x), py = arena.putF32(y);
  const workers = 3, step = Math.ceil(n / workers);
  const results = await withPool({ size: workers, build: 'simd-mt', memory }, (pool) =>
    pool.runAll('kernel', Array.from({ length: workers }, (_, w) => {
      const lo = w * step, len = Math.min(step, n - lo);
      return { name: 'vec_axpy_f32', calls: [[py + 4 * lo, px + 4 * lo, len, 0.5]] };
    })));
  assert.is(results.length, workers);
  assert.ok(maxRelDiff(arena.f32(py, n), vecAxpyRef(y, x, 0.5)) < 1e-6);
});

test('workers see memory the main thread grew between jobs', async () => {
  const { memory, arena } = await sharedArena();
  await withPool({ size: 2, build: 'simd-mt', memory }, async (pool) => {
    const p = arena.alloc(8 << 20); // grows the memory past what the workers saw at start
    arena.f32(p, 4).set([1, 2, 3, 4]);
    await pool.runAll('kernel', [{ name: 'vec_scale_f32', calls: [[p, 2, 10]] }, { name: 'vec_scale_f32', calls: [[p + 8, 2, 10]] }]);
    assert.equal(Array.from(arena.f32(p, 4)), [10, 20, 30, 40]);
  });
});

test('an error thrown in a worker reaches the caller as an AquiferError naming the worker', async () => {
  const { memory } = await sharedArena();
  await withPool({ size: 2, build: 'simd-mt', memory }, async (pool) => {
    try {
      await pool.runOn(1, 'fail', { message: 'kaboom' });
      assert.unreachable();
    } catch (e) {
      assert.ok(isAquiferError(e) && e.code === 'WORKER_ERROR' && /worker 1: kaboom/.test(e.message), String(e));
    }
    // the pool still works after a task failed
    const r = await pool.runOn<{ index: number }>(0, 'echo', 7);
    assert.is(r.index, 0);
  });
});

test('an unknown task is reported, not hung on', async () => {
  const { memory } = await sharedArena();
  await withPool({ size: 1, build: 'simd-mt', memory }, async (pool) => {
    try { await pool.runOn(0, 'nope', null); assert.unreachable(); } catch (e) { assert.match(String(e), /unknown task 'nope'/); }
  });
});

test('a closed pool refuses work', async () => {
  const { memory } = await sharedArena();
  const pool = await WorkerPool.start({ size: 1, build: 'simd-mt', memory });
  await pool.close();
  try { await pool.runOn(0, 'echo', 1); assert.unreachable(); } catch (e) { assert.match(String(e), /closed/); }
});

test('a single-thread build is refused for a pool with a clear reason', async () => {
  try {
    await WorkerPool.start({ size: 2, build: 'simd-st', memory: createMemory(1 << 16, false) });
    assert.unreachable();
  } catch (e) {
    assert.ok(isAquiferError(e) && e.code === 'RUNTIME_UNSUPPORTED');
  }
});

test('a worker script that is not there: the error names its URL and says to copy dist/worker.js', async () => {
  const url = new URL('file:///nonexistent/aquifer/worker.js');
  try {
    await WorkerPool.start({ size: 2, build: 'simd-mt', memory: createMemory(1 << 16, true), workerUrl: url });
    assert.unreachable();
  } catch (e) {
    assert.ok(isAquiferError(e) && e.code === 'WORKER_ERROR', String(e));
    assert.match((e as Error).message, /could not start 2 workers from file:\/\/\/nonexistent\/aquifer\/worker\.js: .*dist\/worker\.js next to your bundle/);
  }
});

test('the message for a browser\'s bare "worker failed to load" names the script and the fix', () => {
  const e = workerStartError(2, new URL('https://example.com/assets/worker.js'), new Error('worker failed to load'));
  assert.is(e.subject, 'https://example.com/assets/worker.js');
  assert.match(e.message, /^could not start 2 workers from https:\/\/example\.com\/assets\/worker\.js: worker failed to load\. .*esbuild/);
});

test('the process exits by itself after a job: no worker is left alive', () => {
  const code = `import { withPool } from './src/parallel/pool.ts'; import { createMemory } from './src/wasm/memory.ts';
    const memory = createMemory(1 << 20, true);
    const r = await withPool({ size: 2, build: 'simd-mt', memory }, (p) => p.runAll('echo', [1, 2]));
    process.stdout.write(String(r.length));`;
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { encoding: 'utf8', timeout: 20_000 });
  assert.is(out.trim(), '2');
});

test('a parent started with V8 flags (--expose-gc, --max-old-space-size) still starts its workers', () => {
  const code = `import { withPool } from './src/parallel/pool.ts'; import { createMemory } from './src/wasm/memory.ts';
    const memory = createMemory(1 << 20, true);
    const r = await withPool({ size: 2, build: 'simd-mt', memory }, (p) => p.runAll('echo', [1, 2]));
    process.stdout.write(String(r.length) + typeof gc);`;
  const out = execFileSync(process.execPath, ['--expose-gc', '--max-old-space-size=2048', '--import', 'tsx', '--input-type=module', '-e', code], { encoding: 'utf8', timeout: 20_000 });
  assert.is(out.trim(), '2function');
});

test('dropFlags removes the named flags with their values and keeps the rest', () => {
  assert.equal(dropFlags(['--expose-gc', '--import', 'tsx', '--max-old-space-size=100', '--conditions', 'dev'], new Set(['--expose-gc', '--max-old-space-size'])),
    ['--import', 'tsx', '--conditions', 'dev']);
  assert.equal(dropFlags(['--stack-size', '2000', '--trace-warnings'], new Set(['--stack-size'])), ['--trace-warnings']);
});

test.run();
