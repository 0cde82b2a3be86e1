// The per-row kernels beyond the table's one-call conformance: exact equalities the fast paths must
// keep (sparse = dense, skipped neurons and inputs untouched), a hand-computed ADADELTA step,
// max_w2's bound, and three steps in a row with the optimizer state carried, on every build.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { BUILDS, buildSupported, runtimeInfo } from '../../src/wasm/runtime';
import { createKernelContext, type KernelContext } from '../../src/wasm/instance';
import { Random } from '../../src/util/random';
import { maxRelDiff, randomF32, sparseF32 } from '../../src/kernels/check';
import * as R from '../../src/kernels/rowstep';

const info = await runtimeInfo();
const builds = BUILDS.filter((b) => buildSupported(b, info));
const RHO = Math.fround(0.99), EPS = Math.fround(1e-8);
const FLT_MAX = R.FLT_MAX;

/** A layer's arrays in the arena: W, b and two state arrays per parameter, δ, a_prev, e_prev, idx. */
function layer(ctx: KernelContext, rng: Random, out: number, inp: number, inputZeros: number, deltaZeros: number) {
  const { arena } = ctx;
  const aPrev = sparseF32(rng, inp, inputZeros, 0, 1);
  const idx = R.nonzeroIdxRef(aPrev);
  return {
    out, inp, nnz: idx.length,
    W: arena.putF32(randomF32(rng, out * inp)), b: arena.putF32(randomF32(rng, out)),
    s1: arena.putF32(randomF32(rng, out * inp, 0, 1e-4)), s2: arena.putF32(randomF32(rng, out * inp, 0, 1e-2)),
    s1b: arena.putF32(randomF32(rng, out, 0, 1e-4)), s2b: arena.putF32(randomF32(rng, out, 0, 1e-2)),
    delta: arena.putF32(sparseF32(rng, out, deltaZeros)), a: arena.putF32(aPrev), e: arena.putF32(new Float32Array(inp)),
    idx: arena.putI32(idx),
  };
}
type Layer = ReturnType<typeof layer>;

/** Copies of every array a kernel writes, to compare two runs bit for bit. */
function snapshot(ctx: KernelContext, L: Layer): Float32Array[] {
  const n = L.out * L.inp;
  return [[L.W, n], [L.b, L.out], [L.s1, n], [L.s2, n], [L.s1b, L.out], [L.s2b, L.out], [L.e, L.inp]]
    .map(([p, len]) => ctx.arena.f32(p!, len!).slice());
}

/** Copy layer `from`'s contents into `to` (same shape): two kernels can then start from one state. */
function copyLayer(ctx: KernelContext, from: Layer, to: Layer): void {
  const n = from.out * from.inp;
  for (const [k, len] of [['W', n], ['b', from.out], ['s1', n], ['s2', n], ['s1b', from.out], ['s2b', from.out], ['delta', from.out], ['a', from.inp], ['e', from.inp]] as const) {
    ctx.arena.f32(to[k], len).set(ctx.arena.f32(from[k], len));
  }
}

const adadelta = (ctx: KernelContext, L: Layer, sparse: boolean, o: { l1: number; l2: number; maxW2: number; fast: number; e?: boolean }) => (sparse
  ? ctx.k.bprop_adadelta_f32_sparse(L.out, L.inp, L.W, L.b, L.s1, L.s2, L.s1b, L.s2b, L.delta, L.a, L.idx, L.nnz, o.e === false ? 0 : L.e, RHO, EPS, o.l1, o.l2, o.maxW2)
  : ctx.k.bprop_adadelta_f32(L.out, L.inp, L.W, L.b, L.s1, L.s2, L.s1b, L.s2b, L.delta, L.a, o.e === false ? 0 : L.e, RHO, EPS, o.l1, o.l2, o.maxW2, o.fast));

const momentum = (ctx: KernelContext, L: Layer, sparse: boolean, nesterov: number, o: { l1: number; l2: number; maxW2: number; fast: number }) => (sparse
  ? ctx.k.bprop_momentum_f32_sparse(L.out, L.inp, L.W, L.b, L.s1, L.s1b, L.delta, L.a, L.idx, L.nnz, L.e, 0.05, 0.9, nesterov, o.l1, o.l2, o.maxW2)
  : ctx.k.bprop_momentum_f32(L.out, L.inp, L.W, L.b, L.s1, L.s1b, L.delta, L.a, L.e, 0.05, 0.9, nesterov, o.l1, o.l2, o.maxW2, o.fast));

for (const build of builds) {
  test(`${build}: with no zero input, the sparse kernels equal the dense ones in fast mode bit for bit`, async () => {
    const ctx = await createKernelContext(build, 8 << 20);
    const rng = new Random(11);
    for (const [out, inp] of [[10, 783], [3, 17], [200, 5]] as const) {
      for (const o of [{ l1: 0, l2: 0, maxW2: FLT_MAX, fast: 1 }, { l1: 1e-3, l2: 1e-2, maxW2: 0.2 * inp, fast: 1 }]) {
        const A = layer(ctx, rng, out, inp, 0, 0.3), B = layer(ctx, rng, out, inp, 0, 0.3);
        copyLayer(ctx, A, B);
        adadelta(ctx, A, false, o); adadelta(ctx, B, true, o);
        assert.equal(snapshot(ctx, B), snapshot(ctx, A), `adadelta ${out}x${inp}`);
        for (const nesterov of [0, 1]) {
          const C = layer(ctx, rng, out, inp, 0, 0.3), D = layer(ctx, rng, out, inp, 0, 0.3);
          copyLayer(ctx, C, D);
          momentum(ctx, C, false, nesterov, o); momentum(ctx, D, true, nesterov, o);
          assert.equal(snapshot(ctx, D), snapshot(ctx, C), `momentum nesterov=${nesterov} ${out}x${inp}`);
        }
      }
    }
  });

  test(`${build}: fast mode leaves a neuron with δ = 0 untouched; exact mode still regularizes and decays it`, async () => {
    const ctx = await createKernelContext(build);
    const L = layer(ctx, new Random(12), 5, 17, 0.5, 0);
    ctx.arena.f32(L.delta, 5)[2] = 0;
    const before = snapshot(ctx, L);
    const row = (s: Float32Array[], a: number) => Array.from(s[a]!.subarray(2 * 17, 3 * 17));
    adadelta(ctx, L, false, { l1: 1e-3, l2: 1e-3, maxW2: FLT_MAX, fast: 1 });
    const fast = snapshot(ctx, L);
    for (const a of [0, 2, 3]) assert.equal(row(fast, a), row(before, a), `array ${a}, row 2`);
    assert.is(fast[1]![2], before[1]![2], 'bias 2');
    adadelta(ctx, L, false, { l1: 1e-3, l2: 1e-3, maxW2: FLT_MAX, fast: 0 });
    const exact = snapshot(ctx, L);
    assert.ok(row(exact, 0).every((w, i) => w !== row(fast, 0)[i]), 'exact mode moves every weight of row 2 (L1/L2)');
  });

  test(`${build}: the sparse kernel leaves weights of zero inputs untouched but sends the error to every input`, async () => {
    const ctx = await createKernelContext(build);
    const out = 4, inp = 23;
    const S = layer(ctx, new Random(13), out, inp, 0.6, 0), D = layer(ctx, new Random(13), out, inp, 0.6, 0);
    const before = snapshot(ctx, S);
    adadelta(ctx, S, true, { l1: 1e-2, l2: 1e-2, maxW2: FLT_MAX, fast: 1 });
    adadelta(ctx, D, false, { l1: 1e-2, l2: 1e-2, maxW2: FLT_MAX, fast: 1 });
    const after = snapshot(ctx, S), dense = snapshot(ctx, D), a = ctx.arena.f32(S.a, inp);
    for (let j = 0; j < out; j++) for (let i = 0; i < inp; i++) {
      const k = j * inp + i;
      for (const arr of [0, 2, 3]) {
        if (a[i] === 0) assert.is(after[arr]![k], before[arr]![k], `array ${arr} [${j},${i}] has a zero input and must not move`);
        else assert.ok(after[arr]![k] !== before[arr]![k], `array ${arr} [${j},${i}] has input ${a[i]} and must move`);
      }
    }
    assert.equal(after[6], dense[6], 'e_prev is the same as the dense kernel\'s, zero inputs included');
  });

  test(`${build}: one ADADELTA step by hand (W=0.5, a=1, δ=0.2, fresh accumulators)`, async () => {
    const ctx = await createKernelContext(build);
    const { arena } = ctx;
    const W = arena.putF32([0.5]), b = arena.putF32([0]), z = () => arena.putF32([0]);
    const Ex = z(), Eg = z(), Exb = z(), Egb = z();
    ctx.k.bprop_adadelta_f32(1, 1, W, b, Ex, Eg, Exb, Egb, arena.putF32([0.2]), arena.putF32([1]), 0, RHO, EPS, 0, 0, FLT_MAX, 1);
    // With the float32 constants 1−ρ = 0.0099999905 and ε = 9.99999994e-9 (float64 arithmetic):
    // G = 0.2; Eg = (1−ρ)G² = 3.999996e-4; η = sqrt(ε/(Eg + ε)) = 4.99993980e-3; ΔW = ηG = 9.9998797e-4;
    // Ex = (1−ρ)ΔW² = 9.9997499e-9; W = 0.5 − ΔW = 0.49900001203. The bias (input 1) takes the same step.
    // Float32 gets each within a few roundings: 1e-6 relative.
    const near = (p: number, v: number) => assert.ok(Math.abs(arena.f32(p, 1)[0]! - v) <= 1e-6 * Math.abs(v), `${arena.f32(p, 1)[0]} vs ${v}`);
    near(Eg, 3.999996e-4); near(Ex, 9.9997499e-9); near(W, 0.49900001203); near(b, -9.9998797e-4); near(Egb, 3.999996e-4); near(Exb, 9.9997499e-9);
  });

  test(`${build}: max_w2 bounds every updated row's squared norm and leaves the others as without it`, async () => {
    const ctx = await createKernelContext(build, 4 << 20);
    const out = 50, inp = 37, maxW2 = 10;
    const A = layer(ctx, new Random(14), out, inp, 0.5, 0.2), B = layer(ctx, new Random(14), out, inp, 0.5, 0.2);
    adadelta(ctx, A, true, { l1: 0, l2: 0, maxW2, fast: 1 });
    adadelta(ctx, B, true, { l1: 0, l2: 0, maxW2: FLT_MAX, fast: 1 });
    const wa = ctx.arena.f32(A.W, out * inp), wb = ctx.arena.f32(B.W, out * inp), d = ctx.arena.f32(A.delta, out);
    let bound = 0;
    for (let j = 0; j < out; j++) {
      const rowA = wa.subarray(j * inp, (j + 1) * inp), rowB = wb.subarray(j * inp, (j + 1) * inp);
      const sA = rowA.reduce((s, w) => s + w * w, 0), sB = rowB.reduce((s, w) => s + w * w, 0);
      if (d[j] !== 0 && sB > maxW2) { bound++; assert.ok(Math.abs(sA - maxW2) <= 1e-5 * maxW2, `row ${j}: ${sA}`); }
      else assert.equal(Array.from(rowA), Array.from(rowB), `row ${j} is within the bound or skipped`);
    }
    assert.ok(bound > 5 && bound < out - 5, `the bound binds on some rows only (${bound})`);
  });

  test(`${build}: three steps in a row with the optimizer state carried match the float64 reference`, async () => {
    const ctx = await createKernelContext(build, 8 << 20);
    const rng = new Random(15), out = 30, inp = 101;
    for (const kind of ['adadelta', 'nesterov', 'classical'] as const) {
      for (const sparse of [false, true]) {
        const L = layer(ctx, rng, out, inp, 0.8, 0.3);
        const { arena } = ctx, n = out * inp;
        for (const [p, len] of [[L.s1, n], [L.s2, n], [L.s1b, out], [L.s2b, out]] as const) arena.f32(p, len).fill(0);
        const W = Float64Array.from(arena.f32(L.W, n)), b = Float64Array.from(arena.f32(L.b, out));
        const st = { W, b, Ex: new Float64Array(n), Eg: new Float64Array(n), Exb: new Float64Array(out), Egb: new Float64Array(out), vW: new Float64Array(n), vb: new Float64Array(out) };
        const o = { l1: 1e-3, l2: 1e-3, maxW2: 0.25 * inp, fast: 1 };
        const update = kind === 'adadelta' ? R.adadeltaUpdater(st, RHO, EPS) : R.momentumUpdater(st, Math.fround(0.05), Math.fround(0.9), kind === 'nesterov');
        for (let step = 0; step < 3; step++) {
          const delta = sparseF32(rng, out, 0.3), a = sparseF32(rng, inp, 0.8, 0, 1), idx = R.nonzeroIdxRef(a);
          arena.f32(L.delta, out).set(delta); arena.f32(L.a, inp).set(a); arena.f32(L.e, inp).fill(0);
          arena.i32(L.idx, idx.length).set(idx);
          const Ls = { ...L, nnz: idx.length };
          if (kind === 'adadelta') adadelta(ctx, Ls, sparse, o); else momentum(ctx, Ls, sparse, kind === 'nesterov' ? 1 : 0, o);
          const e = new Float64Array(inp);
          R.bpropRef(out, inp, W, b, delta, a, e, { ...o, skipZeroDelta: true, skipZeroInput: sparse }, update);
        }
        const tol = kind === 'adadelta' ? 2e-5 : 1e-4; // as in the kernel table (src/kernels/rowstep-table.ts)
        const pairs: [number, Float64Array][] = kind === 'adadelta'
          ? [[L.W, W], [L.b, b], [L.s1, st.Ex], [L.s2, st.Eg], [L.s1b, st.Exb], [L.s2b, st.Egb]]
          : [[L.W, W], [L.b, b], [L.s1, st.vW], [L.s1b, st.vb]];
        for (const [p, ref] of pairs) {
          const d = maxRelDiff(arena.f32(p, ref.length), ref);
          assert.ok(d <= tol, `${kind} sparse=${sparse}: max rel diff ${d} > ${tol}`);
        }
      }
    }
  });
}

test('nonzero_idx_f32 lists the non-zero pixels of an MNIST-like row in order', async () => {
  const ctx = await createKernelContext('simd-st');
  const x = new Float32Array(784);
  for (let r = 8; r < 20; r++) for (let c = 10; c < 15; c++) x[r * 28 + c] = (r + c) / 50;
  const idx = ctx.arena.alloc(784 * 4);
  const nnz = ctx.k.nonzero_idx_f32(ctx.arena.putF32(x), 784, idx);
  assert.equal(Array.from(ctx.arena.i32(idx, nnz)), R.nonzeroIdxRef(x));
});

test.run();
