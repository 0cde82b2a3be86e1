// A worker's private region of the Wasm memory: the row (or mini-batch) it is working on and every
// intermediate of the forward and backward pass. Byte offsets, 16-byte aligned; sized once per job.

import type { ParamLayout } from './network';

export interface LayerScratch {
  /** Pre-activations, one per row of W (k·n_l). */
  z: number;
  /** Activations (n_l). Layer 0 is the input. */
  a: number;
  /** Error arriving from the layer above (n_l), accumulated by the backward kernel. */
  e: number;
  /** δ per row of W (k·n_l). */
  d: number;
  /** Dropout mask, float 1/0 (n_l). */
  mask: number;
  /** Maxout winners, i32 (n_l). */
  win: number;
  /** Indices of the non-zero activations (n_l i32), for the sparse kernels. */
  idx: number;
}

export interface Scratch {
  batch: number;
  layers: LayerScratch[];
  /** Targets (i32 class index) and f32 responses, weights, offsets: one per row of the batch. */
  target: number;
  response: number;
  weight: number;
  /** Four u32 words of the worker's dropout generator. */
  rng: number;
  /** Mini-batch only: parameter-shaped gradient buffer, a column of ones, and the GEMM's packing space. */
  grad: number;
  ones: number;
  gemm: number;
  bytes: number;
}

const a16 = (n: number) => (n + 15) & ~15;

/** Lays out scratch for `batch` rows at `base`; `gemmBytes(M, N, K)` sizes the GEMM packing space.
 *  Scoring needs no errors, deltas or masks: `training: false` leaves them out (0). */
export function layoutScratch(layout: ParamLayout, batch: number, base: number, gemmBytes: (m: number, n: number, k: number) => number, training = true): Scratch {
  let at = a16(base);
  const take = (floats: number) => { const p = at; at += a16(4 * floats); return p; };
  const trainOnly = (floats: number) => (training ? take(floats) : 0);
  const units = layout.spec.units;
  const layers: LayerScratch[] = units.map((n, l) => {
    const rows = l === 0 ? n : layout.layers[l - 1]!.rows;
    return { z: take(batch * rows), a: take(batch * n), e: trainOnly(batch * n), d: trainOnly(batch * rows), mask: trainOnly(batch * n), win: take(batch * n), idx: take(n) };
  });
  const target = take(batch), response = take(batch), weight = take(batch), rng = take(4);
  let grad = 0, ones = 0, gemm = 0;
  if (batch > 1 && training) {
    grad = take(layout.paramFloats);
    ones = take(batch);
  }
  if (batch > 1) {
    let most = 0;
    for (const ly of layout.layers) {
      most = Math.max(most, gemmBytes(batch, ly.rows, ly.cols), gemmBytes(ly.rows, ly.cols, batch), gemmBytes(batch, ly.cols, ly.rows), gemmBytes(ly.rows, 1, batch));
    }
    gemm = take(Math.ceil(most / 4));
  }
  return { batch, layers, target, response, weight, rng, grad, ones, gemm, bytes: at - base };
}
