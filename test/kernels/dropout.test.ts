// Dropout: the in-memory generator reproduces util/random's Random stream, the mask rates match
// H2O's DropoutTest oracle, and dropped units are exactly 0 without rescaling.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { BUILDS, buildSupported, runtimeInfo } from '../../src/wasm/runtime';
import { createKernelContext, type KernelContext } from '../../src/wasm/instance';
import { uniformRef } from '../../src/kernels/dropout';
import { Random } from '../../src/util/random';

const info = await runtimeInfo();
const builds = BUILDS.filter((b) => buildSupported(b, info));
const contexts = new Map<string, KernelContext>();
for (const b of builds) contexts.set(b, await createKernelContext(b, 4 << 20));

/** A worker's generator: 4 state words in memory, seeded like util/random. */
function stateAt({ arena }: KernelContext, seed: number): number {
  const ps = arena.alloc(16);
  arena.u32(ps, 4).set(new Random(seed).state());
  return ps;
}

for (const build of builds) {
  const ctx = contexts.get(build)!;

  test(`rng_uniform_f32 continues Random's xoshiro128** stream across calls, state included, on ${build}`, () => {
    const { arena, k } = ctx, ps = stateAt(ctx, 20240607), po = arena.alloc(4 * 1000);
    k.rng_uniform_f32!(ps, po, 333);
    k.rng_uniform_f32!(ps, po + 4 * 333, 667);
    const ref = new Random(20240607);
    assert.equal(Array.from(arena.f32(po, 1000)), Array.from(uniformRef(ref, 1000)));
    assert.equal(Array.from(arena.u32(ps, 4)), Array.from(ref.state()));
    arena.reset();
  });

  test(`uniform draws lie in [0, 1) with mean 1/2 and variance 1/12 on ${build}`, () => {
    const { arena, k } = ctx, n = 100_000, ps = stateAt(ctx, 7), po = arena.alloc(4 * n);
    k.rng_uniform_f32!(ps, po, n);
    const u = arena.f32(po, n);
    let s = 0, s2 = 0;
    for (const v of u) { assert.ok(v >= 0 && v < 1); s += v; s2 += v * v; }
    const mean = s / n, variance = s2 / n - mean * mean;
    assert.ok(Math.abs(mean - 0.5) < 0.005, `mean ${mean}`); // 5.5σ
    assert.ok(Math.abs(variance - 1 / 12) < 0.002, `variance ${variance}`);
    arena.reset();
  });

  test(`the mask drops a fraction ≈ ratio of 100k units on ${build}`, () => {
    const { arena, k } = ctx, n = 100_000;
    for (const ratio of [0.1, 0.3, 0.5, 0.9]) {
      const ps = stateAt(ctx, Math.round(99 + ratio * 10)), pa = arena.putF32(new Float32Array(n).fill(1)), pm = arena.alloc(4 * n);
      k.dropout_f32!(pa, pm, n, ratio, ps);
      const dropped = arena.f32(pm, n).reduce((c, m) => c + (m === 0 ? 1 : 0), 0) / n;
      const sigma = Math.sqrt((ratio * (1 - ratio)) / n);
      assert.ok(Math.abs(dropped - ratio) < 5 * sigma, `ratio ${ratio}: dropped ${dropped}`);
      arena.reset();
    }
  });

  test(`H2O's DropoutTest: 1000 units × 10000 rows keep 700±1 at 0.3 and 686±1 at 0.314, all at 0, none at 1, on ${build}`, () => {
    const { arena, k } = ctx, units = 1000, trials = 10_000;
    const pa = arena.alloc(4 * units), pm = arena.alloc(4 * units), ps = stateAt(ctx, 1234);
    const a = arena.f32(pa, units), m = arena.f32(pm, units);
    const meanKept = (ratio: number, trials: number) => {
      let kept = 0;
      for (let t = 0; t < trials; t++) {
        a.fill(1);
        k.dropout_f32!(pa, pm, units, ratio, ps);
        for (let i = 0; i < units; i++) kept += a[i]!;
      }
      return kept / trials;
    };
    const m30 = meanKept(0.3, trials), m314 = meanKept(0.314, trials);
    assert.ok(Math.abs(m30 - 700) <= 1, `kept ${m30}`);
    assert.ok(Math.abs(m314 - 686) <= 1, `kept ${m314}`);
    assert.is(meanKept(0, 100), 1000);
    assert.is(meanKept(1, 100), 0);
    assert.ok(m.every((v) => v === 0));
    arena.reset();
  });

  test(`dropped units become exactly 0 (even inf and NaN), kept units are not rescaled, on ${build}`, () => {
    const { arena, k } = ctx, n = 4001, rng = new Random(3);
    const a = Float32Array.from({ length: n }, (_, i) => (i % 3 === 0 ? Infinity : i % 3 === 1 ? NaN : rng.nextDouble() * 10 - 5));
    const pa = arena.putF32(a), pm = arena.alloc(4 * n);
    k.dropout_f32!(pa, pm, n, 0.5, stateAt(ctx, 5));
    const out = arena.f32(pa, n), mask = arena.f32(pm, n);
    for (let i = 0; i < n; i++) {
      if (mask[i] === 0) assert.ok(Object.is(out[i], 0), `unit ${i}: ${out[i]}`);
      else assert.ok(mask[i] === 1 && Object.is(out[i], a[i]), `unit ${i}: ${out[i]} vs ${a[i]}`);
    }
    arena.reset();
  });

  test(`the same state words give the same mask; another worker's state gives another on ${build}`, () => {
    const { arena, k } = ctx, n = 512;
    const mask = (seed: number) => {
      const pa = arena.putF32(new Float32Array(n).fill(1)), pm = arena.alloc(4 * n);
      k.dropout_f32!(pa, pm, n, 0.5, stateAt(ctx, seed));
      return Array.from(arena.f32(pm, n));
    };
    const a = mask(11), b = mask(11), c = mask(12);
    assert.equal(a, b);
    assert.ok(a.filter((v, i) => v !== c[i]).length > n / 4);
    arena.reset();
  });

  test(`vec_mul_f32 applies a mask to the backpropagated error in place on ${build}`, () => {
    const { arena, k } = ctx;
    const pe = arena.putF32([0.5, -2, 3, 4, -5]), pm = arena.putF32([1, 0, 1, 0, 1]);
    k.vec_mul_f32!(pe, pm, pe, 5);
    assert.equal(Array.from(arena.f32(pe, 5)), [0.5, -0, 3, 0, -5]);
    arena.reset();
  });
}

test.run();
