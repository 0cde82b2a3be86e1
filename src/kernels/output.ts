// Output-layer kernels (assembly/output_f32.ts): float64 references and conformance.
// Gradients per h2o-training.md §3.3: softmax with CrossEntropy or Quadratic (diagonal) loss, and
// the regression distributions (linear output in link space).

import type { KernelContext } from '../wasm/instance';
import type { Random } from '../util/random';
import type { KernelCase, KernelEntry } from './table';
import { maxRelDiff, ODD_SIZES, randomF32 } from './check';

/** Row-wise softmax of a (rows, K) matrix, max subtracted first. */
export function softmaxRef(z: ArrayLike<number>, rows: number, K: number): Float64Array {
  const p = new Float64Array(rows * K);
  for (let r = 0; r < rows; r++) {
    let m = -Infinity, s = 0;
    for (let k = 0; k < K; k++) m = Math.max(m, z[r * K + k]!);
    for (let k = 0; k < K; k++) s += (p[r * K + k] = Math.exp(z[r * K + k]! - m));
    for (let k = 0; k < K; k++) p[r * K + k]! /= s;
  }
  return p;
}

export type SoftmaxLoss = 'xent' | 'quadratic';

/** δ = w_r·(p − t) (CrossEntropy) or w_r·(p − t)·p·(1 − p) (Quadratic), t the one-hot target. */
export function softmaxGradRef(p: ArrayLike<number>, rows: number, K: number, targets: ArrayLike<number>, weights: ArrayLike<number> | null, loss: SoftmaxLoss): Float64Array {
  const d = new Float64Array(rows * K);
  for (let r = 0; r < rows; r++) {
    const w = weights ? weights[r]! : 1;
    for (let k = 0; k < K; k++) {
      const pk = p[r * K + k]!, g = pk - (targets[r] === k ? 1 : 0);
      d[r * K + k] = w * (loss === 'xent' ? g : g * pk * (1 - pk));
    }
  }
  return d;
}

/** Row counts × class counts: empty, single, odd tails, MNIST's 10 classes, wide rows. */
export const SOFTMAX_SHAPES: readonly [number, number][] = [
  [0, 10], [1, 0], [1, 1], [3, 3], [5, 4], [17, 5], [64, 10], [783, 10], [7, 17], [3, 783],
];

function softmaxCases({ arena, k }: KernelContext, rng: Random, loss: SoftmaxLoss | null): KernelCase[] {
  return SOFTMAX_SHAPES.flatMap(([rows, K]) => [false, true].map((alias) => {
    const z = randomF32(rng, rows * K, -8, 8);
    const pz = arena.putF32(z), n = rows * K;
    // alias: P over Z (and for the gradient kernels also D over a fresh P, the other allowed form).
    const pp = alias ? pz : arena.alloc(4 * n);
    const pRef = softmaxRef(z, rows, K);
    if (loss === null) {
      k.softmax_rows_f32!(pz, pp, rows, K);
      return { shape: `${rows}x${K}${alias ? ' P=Z' : ''}`, maxRelDiff: maxRelDiff(arena.f32(pp, n), pRef) };
    }
    const targets = Int32Array.from({ length: rows }, () => rng.nextInt(K));
    const weights = alias ? randomF32(rng, rows, 0, 2) : null;
    const pd = arena.alloc(4 * n);
    const name = loss === 'xent' ? 'softmax_xent_rows_f32' : 'softmax_quadratic_rows_f32';
    k[name]!(pz, pp, pd, rows, K, arena.putI32(targets), weights ? arena.putF32(weights) : 0);
    const dRef = softmaxGradRef(pRef, rows, K, targets, weights, loss);
    const diff = Math.max(maxRelDiff(arena.f32(pp, n), pRef), maxRelDiff(arena.f32(pd, n), dRef));
    return { shape: `${rows}x${K}${alias ? ' P=Z weighted' : ''}`, maxRelDiff: diff };
  }));
}

/** reg_grad_f32's distribution codes (assembly/output_f32.ts). */
export const REG_DIST = { gaussian: 0, poisson: 1, gamma: 2, tweedie: 3, laplace: 4, quantile: 5, huber: 6 } as const;
export type RegDist = keyof typeof REG_DIST;

/** H2O's capped exp and floored log (DIST LogExpUtil). */
export const capExp = (x: number): number => Math.min(1e19, Math.exp(x));
export const floorLog = (x: number): number => (x <= 0 ? -19 : Math.max(-19, Math.log(x)));

/** Deviance d(y, linkInv(f)) of h2o-training.md §3.3; p = tweedie_power, quantile_alpha or Δ. */
export function regDevianceRef(dist: RegDist, f: number, y: number, p: number): number {
  switch (dist) {
    case 'gaussian': return (y - f) ** 2;
    case 'poisson': { const mu = capExp(f); return 2 * (y * floorLog(y / mu) - y + mu); }
    case 'gamma': { const mu = capExp(f); return 2 * (floorLog(mu / y) + y / mu - 1); }
    case 'tweedie': return 2 * (y ** (2 - p) / ((1 - p) * (2 - p)) - y * capExp((1 - p) * f) / (1 - p) + capExp((2 - p) * f) / (2 - p));
    case 'laplace': return Math.abs(y - f);
    case 'quantile': return y > f ? p * (y - f) : (1 - p) * (f - y);
    case 'huber': { const r = Math.abs(y - f); return r <= p ? r * r : (2 * r - p) * p; }
  }
}

/** δ = ∂d/∂f, the table's closed forms. */
export function regGradRef(dist: RegDist, f: number, y: number, p: number): number {
  switch (dist) {
    case 'gaussian': return 2 * (f - y);
    case 'poisson': return 2 * (capExp(f) - y);
    case 'gamma': return 2 * (1 - y * capExp(-f));
    case 'tweedie': return 2 * (capExp((2 - p) * f) - y * capExp((1 - p) * f));
    case 'laplace': return f > y ? 1 : -1;
    case 'quantile': return y > f ? -p : 1 - p;
    case 'huber': { const r = f - y; return Math.abs(r) <= p ? 2 * r : r >= 0 ? 2 * p : -2 * p; }
  }
}

/** A parameter value for each distribution as the kernels see it (float32). */
export const REG_PARAM: Record<RegDist, number> = {
  gaussian: 0, poisson: 0, gamma: 0, tweedie: Math.fround(1.5), laplace: 0, quantile: Math.fround(0.3), huber: 1,
};

export const outputKernels: KernelEntry[] = [
  {
    op: 'softmax_rows', name: 'softmax_rows_f32', family: 'output_f32', tolerance: 2e-6,
    conformance: (ctx, rng) => softmaxCases(ctx, rng, null),
  },
  {
    op: 'softmax_xent_rows', name: 'softmax_xent_rows_f32', family: 'output_f32', tolerance: 2e-6,
    conformance: (ctx, rng) => softmaxCases(ctx, rng, 'xent'),
  },
  {
    op: 'softmax_quadratic_rows', name: 'softmax_quadratic_rows_f32', family: 'output_f32', tolerance: 1e-5,
    conformance: (ctx, rng) => softmaxCases(ctx, rng, 'quadratic'),
  },
  {
    op: 'reg_grad', name: 'reg_grad_f32', family: 'output_f32', tolerance: 1e-5, // tweedie: a difference of two exponentials
    conformance({ arena, k }, rng) {
      return (Object.keys(REG_DIST) as RegDist[]).flatMap((dist) => ODD_SIZES.map((n, s) => {
        const p = REG_PARAM[dist];
        // Responses ≥ 0 for the log-link distributions (gamma > 0), as H2O's checks require.
        const logLink = dist === 'poisson' || dist === 'gamma' || dist === 'tweedie';
        const f = randomF32(rng, n, -5, 5), y = randomF32(rng, n, logLink ? 0.01 : -5, 5);
        const weighted = s % 2 === 1, w = weighted ? randomF32(rng, n, 0, 2) : null;
        const pf = arena.putF32(f), pd = s % 3 === 0 ? pf : arena.alloc(4 * n); // D over F every third size
        k.reg_grad_f32!(pf, arena.putF32(y), w ? arena.putF32(w) : 0, pd, n, REG_DIST[dist], p);
        const ref = Float64Array.from(f, (fi, i) => (w ? w[i]! : 1) * regGradRef(dist, fi, y[i]!, p));
        return { shape: `${dist} n=${n}${weighted ? ' weighted' : ''}`, maxRelDiff: maxRelDiff(arena.f32(pd, n), ref) };
      }));
    },
  },
  {
    op: 'linkinv_log', name: 'linkinv_log_f32', family: 'output_f32', tolerance: 1e-6,
    conformance({ arena, k }, rng) {
      return ODD_SIZES.flatMap((n) => [false, true].map((inPlace) => {
        const f = randomF32(rng, n, -20, 20);
        const pf = arena.putF32(f), pm = inPlace ? pf : arena.alloc(4 * n);
        k.linkinv_log_f32!(pf, pm, n);
        // Relative error per value (exp spans 17 decades here, so no common scale applies).
        const mu = arena.f32(pm, n);
        const worst = Array.from(f).reduce((w, fi, i) => Math.max(w, Math.abs(mu[i]! - capExp(fi)) / capExp(fi)), 0);
        return { shape: `n=${n}${inPlace ? ' in place' : ''}`, maxRelDiff: worst };
      }));
    },
  },
];
