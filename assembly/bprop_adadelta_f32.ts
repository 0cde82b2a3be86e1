// Per-row backward fused with ADADELTA: W, Ex, Eg are (out, in) row-major (row j = receiving neuron j);
// b, Exb, Egb, delta are (out); a_prev and e_prev are (in); idx is (nnz) i32 indices of non-zero a_prev.
//
// For each neuron j (h2o-training.md §3.5, §4.2): e_prev += δ_j·W[j,:] from the pre-update weights
// (e_prev = 0, the null pointer, for the input layer), then per weight
//   G = δ_j·a_i + l1·sign(W) + l2·W;  Eg = ρEg + (1−ρ)G²;  η = sqrt((Ex+ε)/(Eg+ε));
//   Ex = ρEx + (1−ρ)(ηG)²;  W −= ηG
// and the same for b_j with G_b = δ_j + l1·sign(b) + l2·b and its own (Exb, Egb) (the documented rule,
// not H2O's quirk Q8), then max_w2 on the row. Exact float32 divide and square root (H2O uses a
// bit-trick square root with up to 5 % error). Accumulators are separate arrays, not H2O's
// interleaved pairs, so that four weights load as one vector.

import { adadelta1, adadelta_dense, eg4, ex4, step4 } from './optim_lanes';
import { gather4, has_max_w2, max_w2_row, propagate_error, reg1, reg4, scatter4 } from './rowstep_lanes';

/** ADADELTA on the nnz weights of one row whose inputs are listed in idx; four at a time gathered
 *  into lanes so that the divide and the square root run four-wide. */
// @ts-ignore: decorator
@inline function adadelta_sparse(w: usize, ex: usize, eg: usize, a: usize, idx: usize, nnz: i32, d: f32,
  rho: f32, eps: f32, l1: f32, l2: f32, reg: bool): void {
  const omr: f32 = 1 - rho;
  let k = 0;
  if (ASC_FEATURE_SIMD) {
    const dv = f32x4.splat(d), rv = f32x4.splat(rho), ov = f32x4.splat(omr), ev = f32x4.splat(eps);
    const l1v = f32x4.splat(l1), l2v = f32x4.splat(l2);
    for (; k + 4 <= nnz; k += 4) {
      const ip = idx + (<usize>k << 2);
      const o0 = <usize>load<i32>(ip) << 2, o1 = <usize>load<i32>(ip, 4) << 2;
      const o2 = <usize>load<i32>(ip, 8) << 2, o3 = <usize>load<i32>(ip, 12) << 2;
      const wv = gather4(w, o0, o1, o2, o3);
      let g = f32x4.mul(dv, gather4(a, o0, o1, o2, o3));
      if (reg) g = reg4(g, wv, l1v, l2v);
      const egv = eg4(g, gather4(eg, o0, o1, o2, o3), rv, ov);
      const exv = gather4(ex, o0, o1, o2, o3);
      const dw = step4(g, exv, egv, ev);
      scatter4(eg, o0, o1, o2, o3, egv);
      scatter4(ex, o0, o1, o2, o3, ex4(dw, exv, rv, ov));
      scatter4(w, o0, o1, o2, o3, f32x4.sub(wv, dw));
    }
  }
  for (; k < nnz; k++) {
    const o = <usize>load<i32>(idx + (<usize>k << 2)) << 2;
    let g = d * load<f32>(a + o);
    if (reg) g = reg1(g, load<f32>(w + o), l1, l2);
    adadelta1(w + o, ex + o, eg + o, g, rho, omr, eps);
  }
}

/** The bias of neuron j: G_b = δ_j + l1·sign(b) + l2·b with its own accumulators. */
// @ts-ignore: decorator
@inline function adadelta_bias(b: usize, Exb: usize, Egb: usize, j: i32, d: f32, rho: f32, eps: f32, l1: f32, l2: f32): void {
  const o = <usize>j << 2;
  adadelta1(b + o, Exb + o, Egb + o, reg1(d, load<f32>(b + o), l1, l2), rho, 1 - rho, eps);
}

/** Dense: every weight of every neuron is updated; fast = 1 skips neurons with δ_j = 0 entirely. */
export function bprop_adadelta_f32(out: i32, inp: i32, W: usize, b: usize, Ex: usize, Eg: usize, Exb: usize, Egb: usize,
  delta: usize, a_prev: usize, e_prev: usize, rho: f32, eps: f32, l1: f32, l2: f32, max_w2: f32, fast: i32): void {
  const skip = fast != 0;
  if (e_prev != 0) propagate_error(out, inp, W, delta, e_prev, skip);
  const rowBytes = <usize>inp << 2;
  const reg = l1 != 0 || l2 != 0, clip = has_max_w2(max_w2);
  for (let j = 0; j < out; j++) {
    const d = load<f32>(delta + (<usize>j << 2));
    if (skip && d == 0) continue;
    const r = <usize>j * rowBytes;
    if (reg) adadelta_dense(W + r, Ex + r, Eg + r, a_prev, inp, d, rho, eps, l1, l2, true);
    else adadelta_dense(W + r, Ex + r, Eg + r, a_prev, inp, d, rho, eps, l1, l2, false);
    adadelta_bias(b, Exb, Egb, j, d, rho, eps, l1, l2);
    if (clip) max_w2_row(W + r, inp, max_w2);
  }
}

/** H2O's fast_mode: neurons with δ_j = 0 are skipped, and of the others only the weights whose input
 *  is listed in idx (the non-zero a_prev) are updated; the error still reaches every input. */
export function bprop_adadelta_f32_sparse(out: i32, inp: i32, W: usize, b: usize, Ex: usize, Eg: usize, Exb: usize, Egb: usize,
  delta: usize, a_prev: usize, idx: usize, nnz: i32, e_prev: usize, rho: f32, eps: f32, l1: f32, l2: f32, max_w2: f32): void {
  if (e_prev != 0) propagate_error(out, inp, W, delta, e_prev, true);
  const rowBytes = <usize>inp << 2;
  const reg = l1 != 0 || l2 != 0, clip = has_max_w2(max_w2);
  for (let j = 0; j < out; j++) {
    const d = load<f32>(delta + (<usize>j << 2));
    if (d == 0) continue;
    const r = <usize>j * rowBytes;
    if (reg) adadelta_sparse(W + r, Ex + r, Eg + r, a_prev, idx, nnz, d, rho, eps, l1, l2, true);
    else adadelta_sparse(W + r, Ex + r, Eg + r, a_prev, idx, nnz, d, rho, eps, l1, l2, false);
    adadelta_bias(b, Exb, Egb, j, d, rho, eps, l1, l2);
    if (clip) max_w2_row(W + r, inp, max_w2);
  }
}
