// Per-row backward fused with the manual-rate update: W and vW are (out, in) row-major (row j =
// receiving neuron j); b, vb, delta are (out); a_prev and e_prev are (in); idx is (nnz) i32 increasing
// indices of the non-zero a_prev. vW = vb = 0 (null) when there are no momentum buffers.
//
// Per neuron j (h2o-training.md §3.5, §4.3, §4.4): e_prev += δ_j·W[j,:] from the pre-update weights
// (skipped when e_prev = 0), then with G = δ_j·a_i + l1·sign(W) + l2·W and r = rate·(1−m):
// nesterov = 1: v = m·v − G, W += r·v; nesterov = 0: Δ = −r·G, W += Δ + m·v, v = Δ; no buffers:
// W −= r·G. The bias likewise with G_b = δ_j + l1·sign(b) + l2·b; then max_w2 on the row.

import { momentum1, momentum4_contig, momentum4_gather, momentum_dense, momentum_one } from './optim_lanes';
import { gather4, has_max_w2, max_w2_row, propagate_error, reg1 } from './rowstep_lanes';

/** The sparse update of `nrows` rows (1 or 4, compile-time) at byte offsets r0..r3 with deltas d0..d3,
 *  over the nnz inputs listed in idx; organised like adadelta_sparse_rows (shared index loads and
 *  gathers of a, plain vector loads for four consecutive inputs, lane gathers otherwise). */
// @ts-ignore: decorator
@inline function momentum_sparse_rows(W: usize, V: usize, r0: usize, r1: usize, r2: usize, r3: usize,
  d0: f32, d1: f32, d2: f32, d3: f32, a: usize, idx: usize, nnz: i32,
  nr: f32, m: f32, l1: f32, l2: f32, reg: bool, mode: i32, nrows: i32): void {
  let k = 0;
  if (ASC_FEATURE_SIMD) {
    const nrv = f32x4.splat(nr), mv = f32x4.splat(m), l1v = f32x4.splat(l1), l2v = f32x4.splat(l2);
    const dv0 = f32x4.splat(d0), dv1 = f32x4.splat(d1), dv2 = f32x4.splat(d2), dv3 = f32x4.splat(d3);
    for (; k + 4 <= nnz; k += 4) {
      const ip = idx + (<usize>k << 2);
      const o0 = <usize>load<i32>(ip) << 2, o3 = <usize>load<i32>(ip, 12) << 2;
      if (o3 - o0 == 12) { // indices increase, so this means i, i+1, i+2, i+3
        const av = v128.load(a + o0);
        momentum4_contig(W + r0, V + r0, o0, av, dv0, nrv, mv, l1v, l2v, reg, mode);
        if (nrows > 1) {
          momentum4_contig(W + r1, V + r1, o0, av, dv1, nrv, mv, l1v, l2v, reg, mode);
          momentum4_contig(W + r2, V + r2, o0, av, dv2, nrv, mv, l1v, l2v, reg, mode);
          momentum4_contig(W + r3, V + r3, o0, av, dv3, nrv, mv, l1v, l2v, reg, mode);
        }
        continue;
      }
      const o1 = <usize>load<i32>(ip, 4) << 2, o2 = <usize>load<i32>(ip, 8) << 2;
      const av = gather4(a, o0, o1, o2, o3);
      momentum4_gather(W + r0, V + r0, o0, o1, o2, o3, av, dv0, nrv, mv, l1v, l2v, reg, mode);
      if (nrows > 1) {
        momentum4_gather(W + r1, V + r1, o0, o1, o2, o3, av, dv1, nrv, mv, l1v, l2v, reg, mode);
        momentum4_gather(W + r2, V + r2, o0, o1, o2, o3, av, dv2, nrv, mv, l1v, l2v, reg, mode);
        momentum4_gather(W + r3, V + r3, o0, o1, o2, o3, av, dv3, nrv, mv, l1v, l2v, reg, mode);
      }
    }
  }
  for (; k < nnz; k++) {
    const o = <usize>load<i32>(idx + (<usize>k << 2)) << 2;
    const ai = load<f32>(a + o);
    momentum_one(W + r0 + o, V + r0 + o, d0, ai, nr, m, l1, l2, reg, mode);
    if (nrows > 1) {
      momentum_one(W + r1 + o, V + r1 + o, d1, ai, nr, m, l1, l2, reg, mode);
      momentum_one(W + r2 + o, V + r2 + o, d2, ai, nr, m, l1, l2, reg, mode);
      momentum_one(W + r3 + o, V + r3 + o, d3, ai, nr, m, l1, l2, reg, mode);
    }
  }
}

/** momentum_sparse_rows specialised on `reg` (the mode is a runtime branch per group of four: it is
 *  perfectly predicted, and specialising on it too would triple the code), then max_w2. */
// @ts-ignore: decorator
@inline function sparse_rows(W: usize, V: usize, delta: usize, rowBytes: usize, inp: i32, j0: i32, j1: i32, j2: i32, j3: i32,
  a: usize, idx: usize, nnz: i32, nr: f32, m: f32, mode: i32, l1: f32, l2: f32, max_w2: f32, nrows: i32): void {
  const r0 = <usize>j0 * rowBytes, r1 = <usize>j1 * rowBytes, r2 = <usize>j2 * rowBytes, r3 = <usize>j3 * rowBytes;
  const d0 = load<f32>(delta + (<usize>j0 << 2)), d1 = load<f32>(delta + (<usize>j1 << 2));
  const d2 = load<f32>(delta + (<usize>j2 << 2)), d3 = load<f32>(delta + (<usize>j3 << 2));
  if (l1 != 0 || l2 != 0) momentum_sparse_rows(W, V, r0, r1, r2, r3, d0, d1, d2, d3, a, idx, nnz, nr, m, l1, l2, true, mode, nrows);
  else momentum_sparse_rows(W, V, r0, r1, r2, r3, d0, d1, d2, d3, a, idx, nnz, nr, m, l1, l2, false, mode, nrows);
  if (has_max_w2(max_w2)) {
    max_w2_row(W + r0, inp, max_w2);
    if (nrows > 1) { max_w2_row(W + r1, inp, max_w2); max_w2_row(W + r2, inp, max_w2); max_w2_row(W + r3, inp, max_w2); }
  }
}

/** Dense rows, one at a time, specialised on (reg, mode). */
// @ts-ignore: decorator
@inline function dense_row(w: usize, v: usize, a: usize, n: i32, d: f32, nr: f32, m: f32, l1: f32, l2: f32, mode: i32): void {
  if (l1 != 0 || l2 != 0) {
    if (mode == 0) momentum_dense(w, v, a, n, d, nr, m, l1, l2, true, 0);
    else if (mode == 1) momentum_dense(w, v, a, n, d, nr, m, l1, l2, true, 1);
    else momentum_dense(w, v, a, n, d, nr, m, l1, l2, true, 2);
  } else {
    if (mode == 0) momentum_dense(w, v, a, n, d, nr, m, l1, l2, false, 0);
    else if (mode == 1) momentum_dense(w, v, a, n, d, nr, m, l1, l2, false, 1);
    else momentum_dense(w, v, a, n, d, nr, m, l1, l2, false, 2);
  }
}

/** The bias of neuron j, same rule with G_b = δ_j + l1·sign(b) + l2·b. */
// @ts-ignore: decorator
@inline function momentum_bias(b: usize, vb: usize, j: i32, d: f32, nr: f32, m: f32, l1: f32, l2: f32, mode: i32): void {
  const o = <usize>j << 2;
  momentum1(b + o, vb + o, reg1(d, load<f32>(b + o), l1, l2), nr, m, mode);
}

/** 0: no momentum buffers, 1: Nesterov flag (velocity form), 2: classical. */
// @ts-ignore: decorator
@inline function momentum_mode(vW: usize, nesterov: i32): i32 {
  return vW == 0 ? 0 : nesterov != 0 ? 1 : 2;
}

/** Dense: every weight of every neuron is updated; fast = 1 (H2O's shortcut) skips neurons with δ_j = 0. */
export function bprop_momentum_f32(out: i32, inp: i32, W: usize, b: usize, vW: usize, vb: usize, delta: usize,
  a_prev: usize, e_prev: usize, rate: f32, m: f32, nesterov: i32, l1: f32, l2: f32, max_w2: f32, fast: i32): void {
  const skip = fast != 0;
  if (e_prev != 0) propagate_error(out, inp, W, delta, e_prev, skip);
  const rowBytes = <usize>inp << 2;
  const mode = momentum_mode(vW, nesterov), nr: f32 = -(rate * (1 - m));
  for (let j = 0; j < out; j++) {
    const d = load<f32>(delta + (<usize>j << 2));
    if (skip && d == 0) continue;
    const r = <usize>j * rowBytes;
    dense_row(W + r, vW + r, a_prev, inp, d, nr, m, l1, l2, mode);
    momentum_bias(b, vb, j, d, nr, m, l1, l2, mode);
    if (has_max_w2(max_w2)) max_w2_row(W + r, inp, max_w2);
  }
}

/** H2O's fast_mode: neurons with δ_j = 0 are skipped, and only the weights whose input is listed in
 *  idx are updated; the error still reaches every input. Active neurons go four at a time. */
export function bprop_momentum_f32_sparse(out: i32, inp: i32, W: usize, b: usize, vW: usize, vb: usize, delta: usize,
  a_prev: usize, idx: usize, nnz: i32, e_prev: usize, rate: f32, m: f32, nesterov: i32, l1: f32, l2: f32, max_w2: f32): void {
  if (e_prev != 0) propagate_error(out, inp, W, delta, e_prev, true);
  const rowBytes = <usize>inp << 2;
  const mode = momentum_mode(vW, nesterov), nr: f32 = -(rate * (1 - m));
  let c = 0, j0 = 0, j1 = 0, j2 = 0;
  for (let j = 0; j < out; j++) {
    const d = load<f32>(delta + (<usize>j << 2));
    if (d == 0) continue;
    momentum_bias(b, vb, j, d, nr, m, l1, l2, mode);
    if (c == 0) j0 = j;
    else if (c == 1) j1 = j;
    else if (c == 2) j2 = j;
    else {
      sparse_rows(W, vW, delta, rowBytes, inp, j0, j1, j2, j, a_prev, idx, nnz, nr, m, mode, l1, l2, max_w2, 4);
      c = 0;
      continue;
    }
    c++;
  }
  if (c > 0) sparse_rows(W, vW, delta, rowBytes, inp, j0, j0, j0, j0, a_prev, idx, nnz, nr, m, mode, l1, l2, max_w2, 1);
  if (c > 1) sparse_rows(W, vW, delta, rowBytes, inp, j1, j1, j1, j1, a_prev, idx, nnz, nr, m, mode, l1, l2, max_w2, 1);
  if (c > 2) sparse_rows(W, vW, delta, rowBytes, inp, j2, j2, j2, j2, a_prev, idx, nnz, nr, m, mode, l1, l2, max_w2, 1);
}
