// Output layer beyond table conformance: softmax properties and stability, every gradient against
// finite differences of its loss in float64 (H2O's gradient-check oracles), weights, NaN-freedom.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { BUILDS, buildSupported, runtimeInfo } from '../../src/wasm/runtime';
import { createKernelContext, type KernelContext } from '../../src/wasm/instance';
import { REG_DIST, REG_PARAM, regDevianceRef, softmaxRef, type RegDist } from '../../src/kernels/output';
import { randomF32 } from '../../src/kernels/check';
import { Random } from '../../src/util/random';

const info = await runtimeInfo();
const builds = BUILDS.filter((b) => buildSupported(b, info));
const contexts = new Map<string, KernelContext>();
for (const b of builds) contexts.set(b, await createKernelContext(b, 4 << 20));

const relErr = (a: number, b: number) => (a === b ? 0 : (2 * Math.abs(a - b)) / (Math.abs(a) + Math.abs(b)));

/** softmax_xent / softmax_quadratic on one (rows, K) batch; returns P and D. */
function softmaxGrad({ arena, k }: KernelContext, name: string, z: ArrayLike<number>, rows: number, K: number, targets: number[], weights?: number[]) {
  const n = rows * K, pz = arena.putF32(z), pp = arena.alloc(4 * n), pd = arena.alloc(4 * n);
  k[name]!(pz, pp, pd, rows, K, arena.putI32(targets), weights ? arena.putF32(weights) : 0);
  const out = { p: arena.f32(pp, n).slice(), d: arena.f32(pd, n).slice() };
  arena.reset();
  return out;
}

for (const build of builds) {
  const ctx = contexts.get(build)!;

  test(`softmax rows sum to 1 and lie in [0, 1] on ${build}`, () => {
    const { arena, k } = ctx, rng = new Random(1);
    for (const K of [1, 2, 3, 10, 17, 100]) {
      const rows = 37, z = randomF32(rng, rows * K, -30, 30), pz = arena.putF32(z), pp = arena.alloc(4 * rows * K);
      k.softmax_rows_f32!(pz, pp, rows, K);
      const p = arena.f32(pp, rows * K);
      for (let r = 0; r < rows; r++) {
        let s = 0;
        for (let j = 0; j < K; j++) { const v = p[r * K + j]!; assert.ok(v >= 0 && v <= 1, `p = ${v}`); s += v; }
        assert.ok(Math.abs(s - 1) < 2e-6, `K=${K} row ${r} sums to ${s}`);
      }
      arena.reset();
    }
  });

  test(`softmax is stable for large z (1000) and exact for equal z, never NaN, on ${build}`, () => {
    const rows = [[1000, 999, 0, -1000], [1000, 1000, 1000, 1000], [-1000, -1001, -1002, -3e38], [3e38, 0, -3e38, 1]];
    const { p, d } = softmaxGrad(ctx, 'softmax_xent_rows_f32', rows.flat(), 4, 4, [0, 1, 2, 3]);
    assert.ok(p.every(Number.isFinite) && d.every(Number.isFinite), `${Array.from(p)} / ${Array.from(d)}`);
    const ref = softmaxRef(Float32Array.from(rows.flat()), 4, 4);
    for (let i = 0; i < 16; i++) assert.ok(Math.abs(p[i]! - ref[i]!) <= 1e-7 * Math.max(1, ref[i]!), `p[${i}] ${p[i]} vs ${ref[i]}`);
    assert.equal(Array.from(p.subarray(4, 8)), [0.25, 0.25, 0.25, 0.25]);
    assert.equal(Array.from(p.subarray(12, 16)), [1, 0, 0, 0]);
  });

  test(`a NaN logit makes its row NaN (not a plausible distribution) and leaves other rows alone on ${build}`, () => {
    const { p } = softmaxGrad(ctx, 'softmax_xent_rows_f32', [0, NaN, 1, 0, 1, 2], 2, 3, [0, 0]);
    assert.ok(p.subarray(0, 3).every(Number.isNaN));
    assert.ok(p.subarray(3).every(Number.isFinite));
  });

  test(`CrossEntropy gradient rows sum to 0 and match finite differences of −ln p_target on ${build}`, () => {
    const rng = new Random(2), rows = 50, K = 7;
    const z = randomF32(rng, rows * K, -4, 4), t = Array.from({ length: rows }, () => rng.nextInt(K));
    const { d } = softmaxGrad(ctx, 'softmax_xent_rows_f32', z, rows, K, t);
    const loss = (zr: Float64Array, target: number) => -Math.log(Math.max(1e-15, softmaxRef(zr, 1, K)[target]!));
    let worst = 0;
    for (let r = 0; r < rows; r++) {
      let sum = 0;
      for (let j = 0; j < K; j++) {
        sum += d[r * K + j]!;
        const up = Float64Array.from(z.subarray(r * K, r * K + K)), dn = up.slice(), h = 1e-4;
        up[j]! += h; dn[j]! -= h;
        worst = Math.max(worst, relErr(d[r * K + j]!, (loss(up, t[r]!) - loss(dn, t[r]!)) / (2 * h)));
      }
      assert.ok(Math.abs(sum) < 1e-6, `row ${r} sums to ${sum}`);
    }
    assert.ok(worst < 2e-2, `max rel error ${worst}`);
    assert.ok(worst < 1e-4, `max rel error ${worst}`);
  });

  test(`Quadratic gradient matches finite differences of ½(p_k − t_k)² in z_k (H2O's diagonal form) on ${build}`, () => {
    const rng = new Random(3), rows = 50, K = 5;
    const z = randomF32(rng, rows * K, -4, 4), t = Array.from({ length: rows }, () => rng.nextInt(K));
    const { d } = softmaxGrad(ctx, 'softmax_quadratic_rows_f32', z, rows, K, t);
    let worst = 0;
    for (let r = 0; r < rows; r++) {
      for (let j = 0; j < K; j++) {
        const half = (zr: Float64Array) => 0.5 * (softmaxRef(zr, 1, K)[j]! - (t[r] === j ? 1 : 0)) ** 2;
        const up = Float64Array.from(z.subarray(r * K, r * K + K)), dn = up.slice(), h = 1e-4;
        up[j]! += h; dn[j]! -= h;
        const fd = (half(up) - half(dn)) / (2 * h);
        if (Math.abs(fd) < 1e-7 && Math.abs(d[r * K + j]!) < 1e-7) continue;
        worst = Math.max(worst, relErr(d[r * K + j]!, fd));
      }
    }
    assert.ok(worst < 2e-2, `max rel error ${worst}`);
  });

  test(`softmax gradients scale with the row weight, and weights = 0 (no pointer) means 1, on ${build}`, () => {
    const rng = new Random(4), rows = 9, K = 6, z = randomF32(rng, rows * K, -3, 3), t = Array.from({ length: rows }, (_, r) => r % K);
    const w = Array.from({ length: rows }, (_, r) => r * 0.25);
    for (const name of ['softmax_xent_rows_f32', 'softmax_quadratic_rows_f32']) {
      const plain = softmaxGrad(ctx, name, z, rows, K, t).d;
      const ones = softmaxGrad(ctx, name, z, rows, K, t, Array(rows).fill(1)).d;
      const weighted = softmaxGrad(ctx, name, z, rows, K, t, w).d;
      assert.equal(Array.from(ones), Array.from(plain));
      for (let i = 0; i < rows * K; i++) {
        const expected = w[Math.floor(i / K)]! * plain[i]!; // equal up to the float32 rounding order
        assert.ok(Math.abs(weighted[i]! - expected) <= 2.5e-7 * Math.abs(expected), `${name} ${i}: ${weighted[i]} vs ${expected}`);
      }
    }
  });

  test(`near-certain predictions keep the gradient's relative accuracy (1 − p is not formed by cancellation) on ${build}`, () => {
    // p_target = 1 − ~4.5e-5: p − 1 in float32 would carry a relative error near 1e-3.
    const z = [10, 0, 0], { d } = softmaxGrad(ctx, 'softmax_xent_rows_f32', z, 1, 3, [0]);
    const q = softmaxRef(z, 1, 3), exact = q[1]! + q[2]!;
    assert.ok(Math.abs(-d[0]! / exact - 1) < 1e-6, `${d[0]} vs ${-exact}`);
    const dq = softmaxGrad(ctx, 'softmax_quadratic_rows_f32', z, 1, 3, [1]).d; // top class is not the target
    const expected = q[0]! * q[0]! * exact;
    assert.ok(Math.abs(dq[0]! / expected - 1) < 1e-6, `${dq[0]} vs ${expected}`);
  });
}

// Regression: δ against central differences of the deviance (H2O's distribution gradient check):
// f on a grid in (−5, 5), y ∈ {0, 1} (gamma: {0.5, 1}), ε = 1e-4, away from the kinks.
const dists = Object.keys(REG_DIST) as RegDist[];

function regGrad({ arena, k }: KernelContext, dist: RegDist, f: ArrayLike<number>, y: ArrayLike<number>, w: ArrayLike<number> | null, p = REG_PARAM[dist]): Float32Array {
  const n = f.length, pd = arena.alloc(4 * n);
  k.reg_grad_f32!(arena.putF32(f), arena.putF32(y), w ? arena.putF32(w) : 0, pd, n, REG_DIST[dist], p);
  const d = arena.f32(pd, n).slice();
  arena.reset();
  return d;
}

for (const build of builds) {
  const ctx = contexts.get(build)!;
  for (const dist of dists) {
    test(`reg_grad_f32 ${dist} matches finite differences of its deviance on ${build}`, () => {
      const p = REG_PARAM[dist], ys = dist === 'gamma' ? [0.5, 1] : [0, 1];
      const f: number[] = [], y: number[] = [];
      for (const yv of ys) {
        for (let i = 1; i < 200; i++) {
          const fv = Math.fround(-5 + i * 0.05 + 0.0123);
          // Skip the kinks: f = y (laplace, quantile) and |f − y| = Δ (huber).
          if (Math.abs(fv - yv) < 1e-3 || Math.abs(Math.abs(fv - yv) - p) < 1e-3) continue;
          f.push(fv); y.push(yv);
        }
      }
      const d = regGrad(ctx, dist, f, y, null);
      let worst = 0, worstAbs = 0;
      for (let i = 0; i < f.length; i++) {
        const h = 1e-4, fd = (regDevianceRef(dist, f[i]! + h, y[i]!, p) - regDevianceRef(dist, f[i]! - h, y[i]!, p)) / (2 * h);
        worst = Math.max(worst, relErr(d[i]!, fd));
        worstAbs = Math.max(worstAbs, Math.abs(d[i]! - fd) / Math.max(1, Math.abs(fd)));
      }
      assert.ok(worst < 2e-2, `max rel error ${worst}`);
      assert.ok(worstAbs < 1e-4, `max error ${worstAbs} (H2O's distribution check allows 1e-4)`);
    });
  }

  test(`reg_grad_f32 multiplies by the row weight, W = 0 meaning all ones, on ${build}`, () => {
    const rng = new Random(5), n = 23, f = randomF32(rng, n, -3, 3), y = randomF32(rng, n, 0.1, 3), w = randomF32(rng, n, 0, 2);
    for (const dist of dists) {
      const plain = regGrad(ctx, dist, f, y, null), weighted = regGrad(ctx, dist, f, y, w);
      assert.equal(Array.from(regGrad(ctx, dist, f, y, new Float32Array(n).fill(1))), Array.from(plain));
      for (let i = 0; i < n; i++) assert.is(weighted[i], Math.fround(plain[i]! * w[i]!), `${dist} ${i}`);
    }
  });

  test(`log-link gradients stay finite for f = ±100 thanks to E(x) = min(1e19, e^x) on ${build}`, () => {
    const f = [100, -100, 60, -60, 0], y = [1, 1, 2, 0.5, 0];
    for (const dist of ['poisson', 'gamma', 'tweedie'] as const) {
      const d = regGrad(ctx, dist, f, y, null);
      assert.ok(d.every(Number.isFinite), `${dist}: ${Array.from(d)}`);
    }
    assert.is(regGrad(ctx, 'poisson', [100], [1], null)[0], Math.fround(2 * (Math.fround(1e19) - 1)));
  });

  test(`sign-based gradients at the tie f = y follow H2O (laplace −1, quantile 1 − α, huber 0) on ${build}`, () => {
    assert.is(regGrad(ctx, 'laplace', [2], [2], null)[0], -1);
    assert.is(regGrad(ctx, 'quantile', [2], [2], null)[0], Math.fround(1 - REG_PARAM.quantile));
    assert.is(regGrad(ctx, 'huber', [2, 5, -5], [2, 0, 0], null).join(), [0, 2, -2].join());
  });
}

test('the debug build runs reg_grad_f32 with its assertions on, and rejects an unknown distribution code', async () => {
  const ctx = await createKernelContext('debug');
  assert.equal(Array.from(regGrad(ctx, 'gaussian', [3], [1], null)), [4]);
  const { arena, k } = ctx, p = arena.putF32([0]);
  assert.throws(() => k.reg_grad_f32!(p, p, 0, p, 1, 7, 0), /unknown distribution code/);
});

test.run();
