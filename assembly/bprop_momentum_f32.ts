// Per-row backward fused with the manual-rate update: W and vW are (out, in) row-major (row j =
// receiving neuron j); b, vb, delta are (out); a_prev and e_prev are (in); idx is (nnz) i32 indices
// of the non-zero a_prev. vW = vb = 0 (null) when there are no momentum buffers.
//
// Per neuron j (h2o-training.md §3.5, §4.3, §4.4): e_prev += δ_j·W[j,:] from the pre-update weights
// (skipped when e_prev = 0), then with G = δ_j·a_i + l1·sign(W) + l2·W and r = rate·(1−m):
// nesterov = 1: v = m·v − G, W += r·v; nesterov = 0: Δ = −r·G, W += Δ + m·v, v = Δ; no buffers:
// W −= r·G. The bias likewise with G_b = δ_j + l1·sign(b) + l2·b; then max_w2 on the row.

import { madd4 } from './common';
import { momentum1, momentum_dense } from './optim_lanes';
import { gather4, has_max_w2, max_w2_row, propagate_error, reg1, reg4, scatter4 } from './rowstep_lanes';

/** The manual-rate update on the nnz weights of one row whose inputs are listed in idx. */
// @ts-ignore: decorator
@inline function momentum_sparse(w: usize, v: usize, a: usize, idx: usize, nnz: i32, d: f32, nr: f32, m: f32,
  l1: f32, l2: f32, reg: bool, mode: i32): void {
  let k = 0;
  if (ASC_FEATURE_SIMD) {
    const dv = f32x4.splat(d), nrv = f32x4.splat(nr), mv = f32x4.splat(m);
    const l1v = f32x4.splat(l1), l2v = f32x4.splat(l2);
    for (; k + 4 <= nnz; k += 4) {
      const ip = idx + (<usize>k << 2);
      const o0 = <usize>load<i32>(ip) << 2, o1 = <usize>load<i32>(ip, 4) << 2;
      const o2 = <usize>load<i32>(ip, 8) << 2, o3 = <usize>load<i32>(ip, 12) << 2;
      const wv = gather4(w, o0, o1, o2, o3);
      let g = f32x4.mul(dv, gather4(a, o0, o1, o2, o3));
      if (reg) g = reg4(g, wv, l1v, l2v);
      if (mode == 0) {
        scatter4(w, o0, o1, o2, o3, madd4(nrv, g, wv));
      } else if (mode == 1) {
        const vn = madd4(mv, gather4(v, o0, o1, o2, o3), f32x4.neg(g));
        scatter4(v, o0, o1, o2, o3, vn);
        scatter4(w, o0, o1, o2, o3, f32x4.sub(wv, f32x4.mul(nrv, vn)));
      } else {
        const step = f32x4.mul(nrv, g);
        scatter4(w, o0, o1, o2, o3, madd4(mv, gather4(v, o0, o1, o2, o3), f32x4.add(wv, step)));
        scatter4(v, o0, o1, o2, o3, step);
      }
    }
  }
  for (; k < nnz; k++) {
    const o = <usize>load<i32>(idx + (<usize>k << 2)) << 2;
    let g = d * load<f32>(a + o);
    if (reg) g = reg1(g, load<f32>(w + o), l1, l2);
    momentum1(w + o, v + o, g, nr, m, mode);
  }
}

/** One row of the update, specialised on (reg, mode) so that neither is tested per weight. */
// @ts-ignore: decorator
@inline function momentum_row(w: usize, v: usize, a: usize, idx: usize, nnz: i32, n: i32, sparse: bool,
  d: f32, nr: f32, m: f32, l1: f32, l2: f32, reg: bool, mode: i32): void {
  if (sparse) momentum_sparse(w, v, a, idx, nnz, d, nr, m, l1, l2, reg, mode);
  else momentum_dense(w, v, a, n, d, nr, m, l1, l2, reg, mode);
}

// @ts-ignore: decorator
@inline function bprop_momentum(out: i32, inp: i32, W: usize, b: usize, vW: usize, vb: usize, delta: usize,
  a_prev: usize, idx: usize, nnz: i32, sparse: bool, e_prev: usize, rate: f32, m: f32, nesterov: i32,
  l1: f32, l2: f32, max_w2: f32, skip: bool): void {
  if (e_prev != 0) propagate_error(out, inp, W, delta, e_prev, skip);
  const rowBytes = <usize>inp << 2;
  const reg = l1 != 0 || l2 != 0, clip = has_max_w2(max_w2);
  const mode = vW == 0 ? 0 : nesterov != 0 ? 1 : 2;
  const nr: f32 = -(rate * (1 - m));
  for (let j = 0; j < out; j++) {
    const d = load<f32>(delta + (<usize>j << 2));
    if (skip && d == 0) continue;
    const r = <usize>j * rowBytes;
    const w = W + r, v = vW + r;
    if (reg) {
      if (mode == 0) momentum_row(w, v, a_prev, idx, nnz, inp, sparse, d, nr, m, l1, l2, true, 0);
      else if (mode == 1) momentum_row(w, v, a_prev, idx, nnz, inp, sparse, d, nr, m, l1, l2, true, 1);
      else momentum_row(w, v, a_prev, idx, nnz, inp, sparse, d, nr, m, l1, l2, true, 2);
    } else {
      if (mode == 0) momentum_row(w, v, a_prev, idx, nnz, inp, sparse, d, nr, m, l1, l2, false, 0);
      else if (mode == 1) momentum_row(w, v, a_prev, idx, nnz, inp, sparse, d, nr, m, l1, l2, false, 1);
      else momentum_row(w, v, a_prev, idx, nnz, inp, sparse, d, nr, m, l1, l2, false, 2);
    }
    const o = <usize>j << 2;
    momentum1(b + o, vb + o, reg1(d, load<f32>(b + o), l1, l2), nr, m, mode);
    if (clip) max_w2_row(w, inp, max_w2);
  }
}

/** Dense: every weight of every neuron is updated; fast = 1 (H2O's shortcut) skips neurons with δ_j = 0. */
export function bprop_momentum_f32(out: i32, inp: i32, W: usize, b: usize, vW: usize, vb: usize, delta: usize,
  a_prev: usize, e_prev: usize, rate: f32, m: f32, nesterov: i32, l1: f32, l2: f32, max_w2: f32, fast: i32): void {
  bprop_momentum(out, inp, W, b, vW, vb, delta, a_prev, 0, 0, false, e_prev, rate, m, nesterov, l1, l2, max_w2, fast != 0);
}

/** H2O's fast_mode: neurons with δ_j = 0 are skipped, and only the weights whose input is listed in
 *  idx are updated; the error still reaches every input. */
export function bprop_momentum_f32_sparse(out: i32, inp: i32, W: usize, b: usize, vW: usize, vb: usize, delta: usize,
  a_prev: usize, idx: usize, nnz: i32, e_prev: usize, rate: f32, m: f32, nesterov: i32, l1: f32, l2: f32, max_w2: f32): void {
  bprop_momentum(out, inp, W, b, vW, vb, delta, a_prev, idx, nnz, true, e_prev, rate, m, nesterov, l1, l2, max_w2, true);
}
