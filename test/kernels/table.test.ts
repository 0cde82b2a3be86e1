// Conformance: every kernel in the table, on every build this runtime loads, against its float64
// reference on random inputs of odd and empty sizes. Prints the worst difference per kernel and build.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { KERNELS } from '../../src/kernels/table';
import { BUILDS, buildSupported, kernelModule, runtimeInfo } from '../../src/wasm/runtime';
import { createKernelContext } from '../../src/wasm/instance';
import { Random } from '../../src/util/random';

const info = await runtimeInfo();
const builds = BUILDS.filter((b) => buildSupported(b, info));

test('this runtime loads the SIMD builds (the test command enables relaxed SIMD on Node 20)', () => {
  assert.ok(builds.includes('simd-mt') && builds.includes('simd-st') && builds.includes('scalar-st'), builds.join(','));
  assert.ok(builds.includes('relaxed-mt'), 'relaxed-mt not loadable: run tests through `npm test`');
});

test('every kernel export is in the kernel table, and every table entry is exported', async () => {
  const exports = WebAssembly.Module.exports(await kernelModule('simd-mt'))
    .filter((e) => e.kind === 'function' && e.name !== 'heap_base').map((e) => e.name).sort();
  const listed = KERNELS.map((k) => k.name).sort();
  assert.equal(listed, exports);
});

test('kernel op names are unique', () => {
  assert.is(new Set(KERNELS.map((k) => k.op)).size, KERNELS.length);
});

for (const build of builds) {
  for (const entry of KERNELS) {
    test(`${entry.name} matches its float64 reference on ${build}`, async () => {
      const ctx = await createKernelContext(build);
      const cases = entry.conformance(ctx, new Random(0xA91F3 ^ entry.name.length));
      assert.ok(cases.length > 0, 'no conformance cases');
      const worst = cases.reduce((w, c) => (c.maxRelDiff > w.maxRelDiff ? c : w));
      if (process.env.AQUIFER_VERBOSE) console.log(`  ${build.padEnd(10)} ${entry.name.padEnd(32)} max rel diff ${worst.maxRelDiff.toExponential(2)} (${worst.shape})`);
      for (const c of cases) {
        assert.ok(c.maxRelDiff <= entry.tolerance, `${entry.name} ${build} ${c.shape}: max rel diff ${c.maxRelDiff} > ${entry.tolerance}`);
      }
    });
  }
}

test.run();
