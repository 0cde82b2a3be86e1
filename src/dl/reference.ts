// The whole network in plain float64 TypeScript: forward pass, per-row objective and its exact
// gradient. It is the oracle the Wasm path is tested against (and it is tested itself against
// finite differences); never used for training.

import type { ParamLayout } from './network';
import { deviance, devianceGradient, type RegressionDistribution } from './distribution';

export interface Objective {
  /** Classification: 'CrossEntropy' | 'Quadratic' on a softmax; regression: the distribution's deviance. */
  loss: 'CrossEntropy' | 'Quadratic' | 'deviance';
  distribution?: RegressionDistribution;
  /** tweedie_power, quantile_alpha or huber Δ (1 in training). */
  distributionParam?: number;
  l1: number;
  l2: number;
}

export interface Row {
  x: ArrayLike<number>;
  /** Class index, or the (standardized) response. */
  y: number;
  weight?: number;
  offset?: number;
  /** Per hidden layer, 1 = unit kept, 0 = dropped; and for the input layer at index 0. */
  masks?: (ArrayLike<number> | undefined)[];
}

export interface ForwardTrace {
  /** a[0] = input (after input dropout), a[l] = layer l's output (softmax probabilities or f at the top). */
  a: Float64Array[];
  /** Maxout: the winning channel per unit, per layer. */
  win: (Uint8Array | undefined)[];
}

function act(kind: ParamLayout['spec']['activation'], z: number): number {
  switch (kind) {
    case 'Tanh': return 1 - 2 / (1 + Math.exp(2 * z));
    case 'Rectifier': return Math.max(0, z);
    case 'ExpRectifier': return z >= 0 ? z : Math.exp(z) - 1;
    case 'Maxout': return z;
  }
}

/** φ'(z) expressed through the stored activation a, as the backward pass sees it. */
export function activationDerivative(kind: ParamLayout['spec']['activation'], a: number): number {
  switch (kind) {
    case 'Tanh': return 1 - a * a;
    case 'Rectifier': return a > 0 ? 1 : 0;
    case 'ExpRectifier': return a >= 0 ? 1 : a + 1;
    case 'Maxout': return 1;
  }
}

export function forwardRef(layout: ParamLayout, theta: ArrayLike<number>, row: Row): ForwardTrace {
  const { spec, layers } = layout;
  const a: Float64Array[] = [Float64Array.from(row.x, (v, i) => v * (row.masks?.[0]?.[i] ?? 1))];
  const win: (Uint8Array | undefined)[] = [undefined];
  layers.forEach((ly, li) => {
    const prev = a[li]!, isOut = li === layers.length - 1;
    const z = new Float64Array(ly.rows);
    for (let r = 0; r < ly.rows; r++) {
      let s = theta[ly.b + r]!;
      for (let i = 0; i < ly.cols; i++) s += theta[ly.W + r * ly.cols + i]! * prev[i]!;
      z[r] = s;
    }
    const n = ly.rows / ly.k;
    const out = new Float64Array(n);
    let w: Uint8Array | undefined;
    if (isOut) {
      if (spec.output === 'softmax') {
        const m = Math.max(...z);
        let sum = 0;
        for (let j = 0; j < n; j++) { out[j] = Math.exp(z[j]! - m); sum += out[j]!; }
        for (let j = 0; j < n; j++) out[j]! /= sum;
      } else {
        for (let j = 0; j < n; j++) out[j] = z[j]! + (row.offset ?? 0);
      }
    } else if (ly.k === 2) {
      w = new Uint8Array(n);
      for (let j = 0; j < n; j++) { w[j] = z[2 * j + 1]! > z[2 * j]! ? 1 : 0; out[j] = z[2 * j + w[j]!]!; }
    } else {
      for (let j = 0; j < n; j++) out[j] = act(spec.activation, z[j]!);
    }
    const mask = isOut ? undefined : row.masks?.[li + 1];
    if (mask) for (let j = 0; j < n; j++) out[j]! *= mask[j]!;
    a.push(out); win.push(w);
  });
  return { a, win };
}

/** E(row) = weight·d(y, f) + l1·Σ|θ| + (l2/2)·Σθ² over all weights and biases (§3.5). */
export function objectiveRef(layout: ParamLayout, theta: ArrayLike<number>, row: Row, obj: Objective): number {
  const { a } = forwardRef(layout, theta, row);
  const top = a[a.length - 1]!;
  let d: number;
  if (obj.loss === 'CrossEntropy') d = -Math.log(Math.max(1e-15, top[row.y]!));
  else if (obj.loss === 'Quadratic') d = top.reduce((s, p, k) => s + (p - (k === row.y ? 1 : 0)) ** 2, 0) / 2;
  else d = deviance(obj.distribution!, row.y, top[0]!, obj.distributionParam);
  let reg = 0;
  for (const ly of layout.layers) {
    for (let i = 0; i < ly.rows * ly.cols; i++) { const t = theta[ly.W + i]!; reg += obj.l1 * Math.abs(t) + (obj.l2 / 2) * t * t; }
    for (let i = 0; i < ly.rows; i++) { const t = theta[ly.b + i]!; reg += obj.l1 * Math.abs(t) + (obj.l2 / 2) * t * t; }
  }
  return (row.weight ?? 1) * d + reg;
}

/** Output-layer δ (§3.3), already multiplied by the observation weight. */
export function outputDeltaRef(top: Float64Array, row: Row, obj: Objective): Float64Array {
  const w = row.weight ?? 1;
  if (obj.loss === 'deviance') return Float64Array.of(w * devianceGradient(obj.distribution!, row.y, top[0]!, obj.distributionParam));
  return top.map((p, k) => {
    const t = k === row.y ? 1 : 0;
    return w * (obj.loss === 'CrossEntropy' ? p - t : (p - t) * p * (1 - p));
  });
}

/** ∂E/∂θ for every parameter, in arena order (optimizer-state slots stay 0). Also returns the
 *  per-layer δ, which the Wasm path is compared against. */
export function gradientRef(layout: ParamLayout, theta: ArrayLike<number>, row: Row, obj: Objective): { grad: Float64Array; deltas: Float64Array[] } {
  const { spec, layers } = layout;
  const { a, win } = forwardRef(layout, theta, row);
  const grad = new Float64Array(layout.totalFloats);
  const deltas: Float64Array[] = [];
  let delta = outputDeltaRef(a[a.length - 1]!, row, obj);
  for (let li = layers.length - 1; li >= 0; li--) {
    const ly = layers[li]!, prev = a[li]!;
    // δ per row of W: Maxout routes each unit's δ to its winning channel only.
    const rowDelta = new Float64Array(ly.rows);
    if (ly.k === 2) for (let j = 0; j < delta.length; j++) rowDelta[2 * j + win[li + 1]![j]!] = delta[j]!;
    else rowDelta.set(delta);
    deltas[li] = rowDelta;
    const e = new Float64Array(ly.cols);
    for (let r = 0; r < ly.rows; r++) {
      const d = rowDelta[r]!;
      for (let i = 0; i < ly.cols; i++) {
        const wi = theta[ly.W + r * ly.cols + i]!;
        e[i]! += d * wi;
        grad[ly.W + r * ly.cols + i] = d * prev[i]! + obj.l1 * Math.sign(wi) + obj.l2 * wi;
      }
      const b = theta[ly.b + r]!;
      grad[ly.b + r] = d + obj.l1 * Math.sign(b) + obj.l2 * b;
    }
    if (li === 0) break;
    const mask = row.masks?.[li];
    delta = e.map((ei, i) => ei * activationDerivative(spec.activation, prev[i]!) * (mask ? mask[i]! : 1));
  }
  return { grad, deltas };
}
