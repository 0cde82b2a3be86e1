// Mini-batch optimizer passes: W, G and the optimizer state (Ex, Eg or v) are (n) float32, one element
// per parameter (a weight matrix or a bias vector); max_w2_rows_f32 takes W as (out, in) row-major.
// G is the loss gradient of the batch (the GEMM kernels compute it); L1/L2 are added here.

import { adadelta_dense, momentum_dense } from './optim_lanes';
import { has_max_w2, max_w2_row } from './rowstep_lanes';

/** ADADELTA (h2o-training.md §4.2) with G' = G + l1·sign(W) + l2·W, exact divide and square root. */
export function adadelta_update_f32(n: i32, W: usize, G: usize, Ex: usize, Eg: usize, rho: f32, eps: f32, l1: f32, l2: f32): void {
  if (l1 != 0 || l2 != 0) adadelta_dense(W, Ex, Eg, G, n, 1, rho, eps, l1, l2, true);
  else adadelta_dense(W, Ex, Eg, G, n, 1, rho, eps, l1, l2, false);
}

/** Manual rate (§4.3) with step r = rate·(1−m): nesterov = 1: v = m·v − G', W += r·v;
 *  nesterov = 0: Δ = −r·G', W += Δ + m·v, v = Δ; v = 0 (null): plain SGD, W −= r·G'. */
export function momentum_update_f32(n: i32, W: usize, G: usize, v: usize, rate: f32, m: f32, nesterov: i32, l1: f32, l2: f32): void {
  const nr: f32 = -(rate * (1 - m));
  const reg = l1 != 0 || l2 != 0;
  if (v == 0) {
    if (reg) momentum_dense(W, v, G, n, 1, nr, m, l1, l2, true, 0);
    else momentum_dense(W, v, G, n, 1, nr, m, l1, l2, false, 0);
  } else if (nesterov != 0) {
    if (reg) momentum_dense(W, v, G, n, 1, nr, m, l1, l2, true, 1);
    else momentum_dense(W, v, G, n, 1, nr, m, l1, l2, false, 1);
  } else {
    if (reg) momentum_dense(W, v, G, n, 1, nr, m, l1, l2, true, 2);
    else momentum_dense(W, v, G, n, 1, nr, m, l1, l2, false, 2);
  }
}

/** max_w2 (§4.4) on every row: if Σ_i W[j,i]² > max_w2, W[j,:] *= sqrt(max_w2 / Σ). FLT_MAX and +∞
 *  mean no constraint (nothing is read). */
export function max_w2_rows_f32(out: i32, inp: i32, W: usize, max_w2: f32): void {
  if (!has_max_w2(max_w2)) return;
  const rowBytes = <usize>inp << 2;
  for (let j = 0; j < out; j++) max_w2_row(W + <usize>j * rowBytes, inp, max_w2);
}
