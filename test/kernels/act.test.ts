// Activations beyond table conformance: accuracy of the in-kernel exp/expm1/tanh, saturation and
// special values, and every derivative kernel against finite differences of its activation.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { BUILDS, buildSupported, runtimeInfo } from '../../src/wasm/runtime';
import { createKernelContext, type KernelContext } from '../../src/wasm/instance';
import { exprectRef, rectifierRef, tanhRef } from '../../src/kernels/act';

const info = await runtimeInfo();
const builds = BUILDS.filter((b) => buildSupported(b, info));
const contexts = new Map<string, KernelContext>();
for (const b of builds) contexts.set(b, await createKernelContext(b, 8 << 20));

/** Run a one-input kernel k(x, y, n) on float32 inputs; returns y. */
function unary({ arena, k }: KernelContext, name: string, x: ArrayLike<number>): Float32Array {
  const px = arena.putF32(x), py = arena.alloc(4 * x.length);
  k[name]!(px, py, x.length);
  const y = arena.f32(py, x.length).slice();
  arena.reset();
  return y;
}

/** Max relative error per point (no common scale: exp spans many decades). */
function maxPointRel(x: Float32Array, y: Float32Array, ref: (v: number) => number): { err: number; at: number } {
  let err = 0, at = NaN;
  for (let i = 0; i < x.length; i++) {
    const r = ref(x[i]!);
    if (r === 0) { if (y[i] !== 0) return { err: Infinity, at: x[i]! }; continue; }
    const e = Math.abs(y[i]! - r) / Math.abs(r);
    if (!(e <= err)) { err = e; at = x[i]!; }
  }
  return { err, at };
}

const grid = (lo: number, hi: number, n: number) => Float32Array.from({ length: n }, (_, i) => lo + ((hi - lo) * i) / (n - 1));
const dense = grid(-20, 20, 400_001);
/** Arguments from 1e-38 to 1 of both signs, where 1 − 2/(1 + e^{2z}) or e^x − 1 would cancel. */
const tiny = Float32Array.from({ length: 2000 }, (_, i) => (i % 2 ? -1 : 1) * 10 ** (-38 + (38 * i) / 2000));

// Bounds: the measured worst cases (math_f32.ts header) plus a margin of about half an ulp.
for (const build of builds) {
  const ctx = contexts.get(build)!;

  test(`exp (via linkinv_log_f32) is within 1.2e-7 relative of float64 on [-20, 20] on ${build}`, () => {
    const { err, at } = maxPointRel(dense, unary(ctx, 'linkinv_log_f32', dense), Math.exp);
    assert.ok(err < 1.2e-7, `max rel error ${err} at ${at}`);
  });

  test(`tanh is within 1.6e-7 relative of float64 on [-20, 20] and near 0 on ${build}`, () => {
    const a = maxPointRel(dense, unary(ctx, 'act_tanh_f32', dense), Math.tanh);
    const b = maxPointRel(tiny, unary(ctx, 'act_tanh_f32', tiny), Math.tanh);
    assert.ok(a.err < 1.6e-7, `max rel error ${a.err} at ${a.at}`);
    assert.ok(b.err < 1.2e-7, `max rel error ${b.err} at ${b.at}`);
  });

  test(`ExpRectifier's e^x − 1 is within 1.2e-7 relative of expm1 on [-20, 0] and near 0 on ${build}`, () => {
    const neg = dense.filter((v) => v <= 0), tinyNeg = tiny.filter((v) => v < 0);
    const a = maxPointRel(neg, unary(ctx, 'act_exprect_f32', neg), Math.expm1);
    const b = maxPointRel(tinyNeg, unary(ctx, 'act_exprect_f32', tinyNeg), Math.expm1);
    assert.ok(a.err < 1.2e-7, `max rel error ${a.err} at ${a.at}`);
    assert.ok(b.err < 1.2e-7, `max rel error ${b.err} at ${b.at}`);
  });

  test(`tanh saturates to exactly ±1, keeps -0 and passes NaN through on ${build}`, () => {
    const y = unary(ctx, 'act_tanh_f32', [50, -50, 9.05, -9.05, Infinity, -Infinity, 1e30, -0, NaN]);
    assert.equal(Array.from(y.subarray(0, 7)), [1, -1, 1, -1, 1, -1, 1]);
    assert.ok(Object.is(y[7], -0), `tanh(-0) = ${y[7]}`);
    assert.ok(Number.isNaN(y[8]));
  });

  test(`exp: e^-100 = 0 and e^100 = 1e19 after H2O's cap, never NaN, on ${build}`, () => {
    const mu = unary(ctx, 'linkinv_log_f32', [-100, 100, -Infinity, Infinity, 88.7, -87.3, 0]);
    assert.equal(Array.from(mu.subarray(0, 4)), [0, Math.fround(1e19), 0, Math.fround(1e19)]);
    assert.is(mu[4], Math.fround(1e19));
    assert.ok(Math.abs(mu[5]! / Math.exp(Math.fround(-87.3)) - 1) < 2e-7, `e^-87.3 = ${mu[5]}`);
    assert.is(mu[6], 1);
  });

  test(`activations of huge and infinite inputs are finite or exact, never NaN, on ${build}`, () => {
    const x = [1e30, -1e30, Infinity, -Infinity, 3e38, -3e38];
    for (const name of ['act_tanh_f32', 'act_rectifier_f32', 'act_exprect_f32']) {
      const y = unary(ctx, name, x);
      assert.ok(y.every((v) => !Number.isNaN(v)), `${name}: ${Array.from(y)}`);
    }
    assert.equal(Array.from(unary(ctx, 'act_exprect_f32', [-100, -Infinity, -1e30])), [-1, -1, -1]);
    assert.equal(Array.from(unary(ctx, 'act_rectifier_f32', [-Infinity, Infinity, -0])), [0, Infinity, 0]);
  });
}

// Derivative kernels take the activation a = φ(z); d/dz φ by central differences in float64 must
// match e·φ'(a) within H2O's gradient-check tolerance (relative error 2|a−b|/(|a|+|b|) < 2e-2).
const relErr = (a: number, b: number) => (a === b ? 0 : (2 * Math.abs(a - b)) / (Math.abs(a) + Math.abs(b)));
/** z on (−6, 6), kept 1e-3 away from 0 (the kink of Rectifier and ExpRectifier). */
const zs = Float32Array.from(grid(-6, 6, 1201)).filter((z) => Math.abs(z) > 1e-3);

function fdCheck(ctx: KernelContext, forward: string, grad: string, phi: (z: number) => number): number {
  const { arena, k } = ctx, n = zs.length;
  const e = Float32Array.from(zs, (_, i) => 0.5 + (i % 7) / 7); // error values from the layer above
  const pz = arena.putF32(zs), pa = arena.alloc(4 * n), pe = arena.putF32(e), pd = arena.alloc(4 * n);
  k[forward]!(pz, pa, n);
  k[grad]!(pa, pe, pd, n);
  const d = arena.f32(pd, n);
  let worst = 0;
  for (let i = 0; i < n; i++) {
    const z = zs[i]!, h = 1e-4 * Math.max(1, Math.abs(z));
    const fd = (e[i]! * (phi(z + h) - phi(z - h))) / (2 * h);
    if (Math.abs(fd) < 1e-7 && Math.abs(d[i]!) < 1e-7) continue; // both ≈ 0 (H2O skips these too)
    worst = Math.max(worst, relErr(d[i]!, fd));
  }
  arena.reset();
  return worst;
}

for (const build of builds) {
  const ctx = contexts.get(build)!;
  // A tighter bound too: tanh's stored a is float32, so 1 − a near |z| = 6 keeps only ~12 bits.
  const tight = { tanh: 5e-3, rectifier: 1e-6, exprect: 1e-4 };
  for (const [act, phi] of [['tanh', tanhRef], ['rectifier', rectifierRef], ['exprect', exprectRef]] as const) {
    test(`act_${act}_grad_f32 matches finite differences of ${act} on ${build}`, () => {
      const worst = fdCheck(ctx, `act_${act}_f32`, `act_${act}_grad_f32`, phi);
      assert.ok(worst < 2e-2, `max rel error ${worst}`);
      assert.ok(worst < tight[act], `max rel error ${worst} > ${tight[act]}`);
    });
  }

  test(`ExpRectifier's derivative is the true one, a + 1 (not H2O's e^a, quirk Q5) on ${build}`, () => {
    const { arena, k } = ctx;
    const pa = arena.putF32([-0.5, 0, 2]), pe = arena.putF32([1, 1, 1]), pd = arena.alloc(12);
    k.act_exprect_grad_f32!(pa, pe, pd, 3);
    assert.equal(Array.from(arena.f32(pd, 3)), [0.5, 1, 1]);
    arena.reset();
  });

  test(`act_maxout_grad_f32 matches finite differences of max(z0, z1) per channel on ${build}`, () => {
    const { arena, k } = ctx, n = 257;
    const z = Float32Array.from({ length: 2 * n }, (_, i) => Math.sin(i * 1.7) * 3);
    const e = Float32Array.from({ length: n }, (_, j) => 1 + (j % 5));
    const pz = arena.putF32(z), py = arena.alloc(4 * n), pw = arena.alloc(4 * n), pdz = arena.alloc(8 * n);
    k.act_maxout_f32!(pz, py, pw, n);
    k.act_maxout_grad_f32!(arena.putF32(e), pw, pdz, n);
    const dz = arena.f32(pdz, 2 * n);
    let worst = 0;
    for (let j = 0; j < n; j++) {
      for (let c = 0; c < 2; c++) {
        const h = 1e-4, up = Float64Array.from(z.subarray(2 * j, 2 * j + 2)), dn = up.slice();
        up[c]! += h; dn[c]! -= h;
        const fd = (e[j]! * (Math.max(up[0]!, up[1]!) - Math.max(dn[0]!, dn[1]!))) / (2 * h);
        worst = Math.max(worst, Math.abs(fd) < 1e-7 && dz[2 * j + c] === 0 ? 0 : relErr(dz[2 * j + c]!, fd));
      }
    }
    assert.ok(worst < 2e-2, `max rel error ${worst}`);
    arena.reset();
  });

  test(`maxout ties go to channel 0, and y may overwrite z in place, on ${build}`, () => {
    const { arena, k } = ctx;
    const pz = arena.putF32([1, 1, 2, 3, 5, -4, -0, 0, 7, 8]), pw = arena.alloc(20);
    k.act_maxout_f32!(pz, pz, pw, 5);
    assert.equal(Array.from(arena.i32(pw, 5)), [0, 1, 0, 0, 1]);
    assert.equal(Array.from(arena.f32(pz, 5)), [1, 3, 5, -0, 8]);
    arena.reset();
  });
}

test.run();
