import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { runtimeInfo, buildSupported, BUILDS } from '../../src/wasm/runtime';
import { SIMD_PROBE, RELAXED_SIMD_PROBE, THREADS_PROBE, validates } from '../../src/wasm/probes';
import { createKernelContext } from '../../src/wasm/instance';
import { createMemory } from '../../src/wasm/memory';
import { isAquiferError } from '../../src/util/errors';

test('the probes are valid Wasm on Node 20 with SIMD and threads', () => {
  assert.ok(validates(SIMD_PROBE));
  assert.ok(validates(THREADS_PROBE));
});

test('a corrupted probe does not validate (the probes test what they claim)', () => {
  const broken = SIMD_PROBE.slice();
  broken[broken.length - 4] = 0xff; // the f32x4.add opcode
  assert.not.ok(validates(broken));
});

test('runtimeInfo reports the features and picks the best loadable build with a reason', async () => {
  const info = await runtimeInfo();
  assert.ok(info.simd && info.threads && info.workers && info.sharedArrayBuffer);
  assert.is(info.crossOriginIsolated, null);
  assert.ok(info.cores >= 1);
  assert.is(info.relaxedSimd, validates(RELAXED_SIMD_PROBE));
  assert.is(info.build, info.relaxedSimd ? 'relaxed-mt' : 'simd-mt');
  assert.ok(info.reason.length > 10);
  for (const b of BUILDS) if (b !== info.build && BUILDS.indexOf(b) < BUILDS.indexOf(info.build)) assert.not.ok(buildSupported(b, info));
});

test('the kernel option forces a build, and an unknown build names the parameter', async () => {
  assert.is((await runtimeInfo({ kernel: 'scalar-st' })).build, 'scalar-st');
  try {
    await runtimeInfo({ kernel: 'avx512' as never });
    assert.unreachable();
  } catch (e) {
    assert.ok(isAquiferError(e) && e.subject === 'kernel' && /avx512/.test(e.message));
  }
});

function nodeEval(code: string, env: Record<string, string> = {}): string {
  return execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { env: { ...withoutColor(process.env), ...env }, encoding: 'utf8' }).trim();
}

test('plain Node 20 has no relaxed SIMD; AQUIFER_RELAXED_SIMD=1 turns on the V8 flag and the relaxed build', () => {
  const code = `import { runtimeInfo } from './src/wasm/runtime.ts'; const i = await runtimeInfo(); console.log(JSON.stringify([i.relaxedSimd, i.relaxedSimdSource, i.build]));`;
  const major = Number(process.versions.node.split('.')[0]);
  const plain = JSON.parse(nodeEval(code));
  if (major < 22) assert.equal(plain, [false, 'off', 'simd-mt']);
  const flagged = JSON.parse(nodeEval(code, { AQUIFER_RELAXED_SIMD: '1' }));
  assert.equal(flagged, [true, major < 22 ? 'v8-flag' : 'native', 'relaxed-mt']);
});

test('a shared build cannot be linked to a non-shared memory (LinkError surfaces as an AquiferError)', async () => {
  const { kernelModule } = await import('../../src/wasm/runtime');
  const { instantiateKernels } = await import('../../src/wasm/instance');
  try {
    await instantiateKernels(await kernelModule('simd-mt'), createMemory(1 << 16, false), 'simd-mt');
    assert.unreachable();
  } catch (e) {
    assert.ok(isAquiferError(e) && e.code === 'WASM_ERROR', String(e));
  }
});

test('heap_base is above the reserved low memory in release builds', async () => {
  const ctx = await createKernelContext('simd-mt');
  assert.ok(ctx.k.heap_base() >= 1024);
  assert.ok(ctx.arena.alloc(4) >= ctx.k.heap_base());
});


function withoutColor(e: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { NO_COLOR: _n, FORCE_COLOR: _f, ...rest } = e;
  return rest;
}

test.run();
