// Float64 references for the per-row path (assembly/gemv_f32.ts, bprop_*_f32.ts, update_f32.ts),
// written the way h2o-training.md §3.5 states the step (one loop over the weights of a neuron:
// error first, then the update), not the way the kernels are organised, so that the two agree only
// if the kernels' reordering (error pass first, gathered lanes) is right.
// W is (out, in) row-major, row j = receiving neuron j.

export const FLT_MAX = 3.4028234663852886e38;

export function gemvRef(out: number, inp: number, W: ArrayLike<number>, b: ArrayLike<number>, x: ArrayLike<number>): Float64Array {
  const y = new Float64Array(out);
  for (let j = 0; j < out; j++) {
    let s = b[j]!;
    for (let i = 0; i < inp; i++) s += W[j * inp + i]! * x[i]!;
    y[j] = s;
  }
  return y;
}

export function nonzeroIdxRef(x: ArrayLike<number>): number[] {
  const idx: number[] = [];
  for (let i = 0; i < x.length; i++) if (x[i] !== 0) idx.push(i);
  return idx;
}

/** G + l1·sign(θ) + l2·θ (§4.4). */
export function regularize(g: number, theta: number, l1: number, l2: number): number {
  return g + l1 * Math.sign(theta) + l2 * theta;
}

/** ADADELTA on element k of p with gradient g (§4.2, exact square root). */
export function adadeltaStepRef(p: Float64Array, Ex: Float64Array, Eg: Float64Array, k: number, g: number, rho: number, eps: number): void {
  Eg[k] = rho * Eg[k]! + (1 - rho) * g * g;
  const eta = Math.sqrt((Ex[k]! + eps) / (Eg[k]! + eps));
  const dw = eta * g;
  Ex[k] = rho * Ex[k]! + (1 - rho) * dw * dw;
  p[k] = p[k]! - dw;
}

/** Manual rate (§4.3): r = rate·(1−m); v null means no momentum buffer. */
export function momentumStepRef(p: Float64Array, v: Float64Array | null, k: number, g: number, rate: number, m: number, nesterov: boolean): void {
  const r = rate * (1 - m);
  if (!v) {
    p[k] = p[k]! - r * g;
  } else if (nesterov) {
    v[k] = m * v[k]! - g;
    p[k] = p[k]! + r * v[k]!;
  } else {
    const step = -r * g;
    p[k] = p[k]! + step + m * v[k]!;
    v[k] = step;
  }
}

/** max_w2 on row j (§4.4); FLT_MAX and +∞ mean none. */
export function maxW2RowRef(W: Float64Array, inp: number, j: number, maxW2: number): void {
  if (!(maxW2 < FLT_MAX)) return;
  let s = 0;
  for (let i = 0; i < inp; i++) s += W[j * inp + i]! ** 2;
  if (s > maxW2) {
    const f = Math.sqrt(maxW2 / s);
    for (let i = 0; i < inp; i++) W[j * inp + i]! *= f;
  }
}

export interface BpropOptions {
  l1: number;
  l2: number;
  maxW2: number;
  /** Skip neurons with δ_j = 0 entirely (H2O's shortcut). */
  skipZeroDelta: boolean;
  /** fast_mode on sparse input: do not update weights whose input a_prev[i] is 0. */
  skipZeroInput: boolean;
}

/** Which parameter an update touches: a weight (flat index k = j·in + i) or bias j. */
export type Updater = (bias: boolean, k: number, g: number) => void;

/** One layer of the backward pass fused with the update, as §3.5 states it. ePrev may be null
 *  (input layer). W and b are updated in place through `update` (which owns the optimizer state). */
export function bpropRef(out: number, inp: number, W: Float64Array, b: Float64Array, delta: ArrayLike<number>,
  aPrev: ArrayLike<number>, ePrev: Float64Array | null, o: BpropOptions, update: Updater): void {
  for (let j = 0; j < out; j++) {
    const d = delta[j]!;
    if (o.skipZeroDelta && d === 0) continue;
    for (let i = 0; i < inp; i++) {
      const k = j * inp + i;
      if (ePrev) ePrev[i]! += d * W[k]!;
      if (o.skipZeroInput && aPrev[i] === 0) continue;
      update(false, k, regularize(d * aPrev[i]!, W[k]!, o.l1, o.l2));
    }
    maxW2RowRef(W, inp, j, o.maxW2);
    update(true, j, regularize(d, b[j]!, o.l1, o.l2));
  }
}

export interface AdadeltaLayerRef { W: Float64Array; b: Float64Array; Ex: Float64Array; Eg: Float64Array; Exb: Float64Array; Egb: Float64Array }

export function adadeltaUpdater(s: AdadeltaLayerRef, rho: number, eps: number): Updater {
  return (bias, k, g) => (bias ? adadeltaStepRef(s.b, s.Exb, s.Egb, k, g, rho, eps) : adadeltaStepRef(s.W, s.Ex, s.Eg, k, g, rho, eps));
}

export interface MomentumLayerRef { W: Float64Array; b: Float64Array; vW: Float64Array | null; vb: Float64Array | null }

export function momentumUpdater(s: MomentumLayerRef, rate: number, m: number, nesterov: boolean): Updater {
  return (bias, k, g) => (bias ? momentumStepRef(s.b, s.vb, k, g, rate, m, nesterov) : momentumStepRef(s.W, s.vW, k, g, rate, m, nesterov));
}

/** Mini-batch ADADELTA pass: every element, G' = G + l1·sign(W) + l2·W. */
export function adadeltaUpdateRef(W: Float64Array, G: ArrayLike<number>, Ex: Float64Array, Eg: Float64Array, rho: number, eps: number, l1: number, l2: number): void {
  for (let k = 0; k < W.length; k++) adadeltaStepRef(W, Ex, Eg, k, regularize(G[k]!, W[k]!, l1, l2), rho, eps);
}

/** Mini-batch manual-rate pass. */
export function momentumUpdateRef(W: Float64Array, G: ArrayLike<number>, v: Float64Array | null, rate: number, m: number, nesterov: boolean, l1: number, l2: number): void {
  for (let k = 0; k < W.length; k++) momentumStepRef(W, v, k, regularize(G[k]!, W[k]!, l1, l2), rate, m, nesterov);
}
