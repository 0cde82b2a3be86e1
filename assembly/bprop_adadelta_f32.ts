// Per-row backward fused with ADADELTA: W, Ex, Eg are (out, in) row-major (row j = receiving neuron j);
// b, Exb, Egb, delta are (out); a_prev and e_prev are (in); idx is (nnz) i32 increasing indices of the
// non-zero a_prev (nonzero_idx_f32).
//
// For each neuron j (h2o-training.md §3.5, §4.2): e_prev += δ_j·W[j,:] from the pre-update weights
// (e_prev = 0, the null pointer, for the input layer), then per weight
//   G = δ_j·a_i + l1·sign(W) + l2·W;  Eg = ρEg + (1−ρ)G²;  η = sqrt((Ex+ε)/(Eg+ε));
//   Ex = ρEx + (1−ρ)(ηG)²;  W −= ηG
// and the same for b_j with G_b = δ_j + l1·sign(b) + l2·b and its own (Exb, Egb) (the documented rule,
// not H2O's quirk Q8), then max_w2 on the row. Exact float32 divide and square root (H2O uses a
// bit-trick square root with up to 5 % error). Accumulators are separate arrays, not H2O's
// interleaved pairs, so that four weights load as one vector.

import { adadelta1, adadelta4_contig, adadelta4_gather, adadelta_dense, adadelta_one } from './optim_lanes';
import { gather4, has_max_w2, max_w2_row, propagate_error, reg1 } from './rowstep_lanes';

/** The sparse update of `nrows` rows (1 or 4, a compile-time constant) at byte offsets r0..r3 with
 *  deltas d0..d3: only the nnz inputs listed in idx. The rows share each index load and each gather
 *  of a. A group of four listed inputs that are consecutive (image strokes: about half of MNIST's
 *  groups) takes plain vector loads and stores; the others are gathered into lanes, so the divide
 *  and square root run four-wide either way. The last nnz mod 4 inputs go one at a time. */
// @ts-ignore: decorator
@inline function adadelta_sparse_rows(W: usize, Ex: usize, Eg: usize, r0: usize, r1: usize, r2: usize, r3: usize,
  d0: f32, d1: f32, d2: f32, d3: f32, a: usize, idx: usize, nnz: i32,
  rho: f32, eps: f32, l1: f32, l2: f32, reg: bool, nrows: i32): void {
  const omr: f32 = 1 - rho;
  let k = 0;
  if (ASC_FEATURE_SIMD) {
    const rv = f32x4.splat(rho), ov = f32x4.splat(omr), ev = f32x4.splat(eps);
    const l1v = f32x4.splat(l1), l2v = f32x4.splat(l2);
    const dv0 = f32x4.splat(d0), dv1 = f32x4.splat(d1), dv2 = f32x4.splat(d2), dv3 = f32x4.splat(d3);
    for (; k + 4 <= nnz; k += 4) {
      const ip = idx + (<usize>k << 2);
      const o0 = <usize>load<i32>(ip) << 2, o3 = <usize>load<i32>(ip, 12) << 2;
      if (o3 - o0 == 12) { // indices increase, so this means i, i+1, i+2, i+3
        const av = v128.load(a + o0);
        adadelta4_contig(W + r0, Ex + r0, Eg + r0, o0, av, dv0, rv, ov, ev, l1v, l2v, reg);
        if (nrows > 1) {
          adadelta4_contig(W + r1, Ex + r1, Eg + r1, o0, av, dv1, rv, ov, ev, l1v, l2v, reg);
          adadelta4_contig(W + r2, Ex + r2, Eg + r2, o0, av, dv2, rv, ov, ev, l1v, l2v, reg);
          adadelta4_contig(W + r3, Ex + r3, Eg + r3, o0, av, dv3, rv, ov, ev, l1v, l2v, reg);
        }
        continue;
      }
      const o1 = <usize>load<i32>(ip, 4) << 2, o2 = <usize>load<i32>(ip, 8) << 2;
      const av = gather4(a, o0, o1, o2, o3);
      adadelta4_gather(W + r0, Ex + r0, Eg + r0, o0, o1, o2, o3, av, dv0, rv, ov, ev, l1v, l2v, reg);
      if (nrows > 1) {
        adadelta4_gather(W + r1, Ex + r1, Eg + r1, o0, o1, o2, o3, av, dv1, rv, ov, ev, l1v, l2v, reg);
        adadelta4_gather(W + r2, Ex + r2, Eg + r2, o0, o1, o2, o3, av, dv2, rv, ov, ev, l1v, l2v, reg);
        adadelta4_gather(W + r3, Ex + r3, Eg + r3, o0, o1, o2, o3, av, dv3, rv, ov, ev, l1v, l2v, reg);
      }
    }
  }
  for (; k < nnz; k++) {
    const o = <usize>load<i32>(idx + (<usize>k << 2)) << 2;
    const ai = load<f32>(a + o);
    adadelta_one(W + r0 + o, Ex + r0 + o, Eg + r0 + o, d0, ai, rho, omr, eps, l1, l2, reg);
    if (nrows > 1) {
      adadelta_one(W + r1 + o, Ex + r1 + o, Eg + r1 + o, d1, ai, rho, omr, eps, l1, l2, reg);
      adadelta_one(W + r2 + o, Ex + r2 + o, Eg + r2 + o, d2, ai, rho, omr, eps, l1, l2, reg);
      adadelta_one(W + r3 + o, Ex + r3 + o, Eg + r3 + o, d3, ai, rho, omr, eps, l1, l2, reg);
    }
  }
}

/** adadelta_sparse_rows on four rows, or one (j1..j3 unused), specialised on `reg`; then max_w2. */
// @ts-ignore: decorator
@inline function sparse_rows(W: usize, Ex: usize, Eg: usize, delta: usize, rowBytes: usize, inp: i32, j0: i32, j1: i32, j2: i32, j3: i32,
  a: usize, idx: usize, nnz: i32, rho: f32, eps: f32, l1: f32, l2: f32, max_w2: f32, nrows: i32): void {
  const r0 = <usize>j0 * rowBytes, r1 = <usize>j1 * rowBytes, r2 = <usize>j2 * rowBytes, r3 = <usize>j3 * rowBytes;
  const d0 = load<f32>(delta + (<usize>j0 << 2)), d1 = load<f32>(delta + (<usize>j1 << 2));
  const d2 = load<f32>(delta + (<usize>j2 << 2)), d3 = load<f32>(delta + (<usize>j3 << 2));
  if (l1 != 0 || l2 != 0) adadelta_sparse_rows(W, Ex, Eg, r0, r1, r2, r3, d0, d1, d2, d3, a, idx, nnz, rho, eps, l1, l2, true, nrows);
  else adadelta_sparse_rows(W, Ex, Eg, r0, r1, r2, r3, d0, d1, d2, d3, a, idx, nnz, rho, eps, l1, l2, false, nrows);
  if (has_max_w2(max_w2)) {
    max_w2_row(W + r0, inp, max_w2);
    if (nrows > 1) { max_w2_row(W + r1, inp, max_w2); max_w2_row(W + r2, inp, max_w2); max_w2_row(W + r3, inp, max_w2); }
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
 *  is listed in idx (the non-zero a_prev) are updated; the error still reaches every input. Active
 *  neurons go four at a time (see adadelta_sparse_rows). */
export function bprop_adadelta_f32_sparse(out: i32, inp: i32, W: usize, b: usize, Ex: usize, Eg: usize, Exb: usize, Egb: usize,
  delta: usize, a_prev: usize, idx: usize, nnz: i32, e_prev: usize, rho: f32, eps: f32, l1: f32, l2: f32, max_w2: f32): void {
  if (e_prev != 0) propagate_error(out, inp, W, delta, e_prev, true);
  const rowBytes = <usize>inp << 2;
  let c = 0, j0 = 0, j1 = 0, j2 = 0;
  for (let j = 0; j < out; j++) {
    const d = load<f32>(delta + (<usize>j << 2));
    if (d == 0) continue;
    adadelta_bias(b, Exb, Egb, j, d, rho, eps, l1, l2);
    if (c == 0) j0 = j;
    else if (c == 1) j1 = j;
    else if (c == 2) j2 = j;
    else {
      sparse_rows(W, Ex, Eg, delta, rowBytes, inp, j0, j1, j2, j, a_prev, idx, nnz, rho, eps, l1, l2, max_w2, 4);
      c = 0;
      continue;
    }
    c++;
  }
  if (c > 0) sparse_rows(W, Ex, Eg, delta, rowBytes, inp, j0, j0, j0, j0, a_prev, idx, nnz, rho, eps, l1, l2, max_w2, 1);
  if (c > 1) sparse_rows(W, Ex, Eg, delta, rowBytes, inp, j1, j1, j1, j1, a_prev, idx, nnz, rho, eps, l1, l2, max_w2, 1);
  if (c > 2) sparse_rows(W, Ex, Eg, delta, rowBytes, inp, j2, j2, j2, j2, a_prev, idx, nnz, rho, eps, l1, l2, max_w2, 1);
}
