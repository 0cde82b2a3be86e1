// The fused per-row training step as the kernel benchmark measures it (bench/rowstep.ts), and the
// worker task that runs it HOGWILD!: several workers train the same shared weights without locks,
// each on its own rows. Rectifier hidden layers, softmax with CrossEntropy, ADADELTA, H2O's
// fast_mode on sparse input: the forward pass reads only the non-zero inputs of the first layer,
// the update touches only weights whose input is non-zero and neurons whose δ is non-zero.
// Everything lives in the one Wasm memory; the network's pointers come in the job.

import type { KernelExports } from '../wasm/instance';
import { registerTask } from './tasks';

/** Byte pointers of one dense layer's parameters and ADADELTA state (W, Ex, Eg are (out, in)). */
export interface RowstepLayer { W: number; b: number; Ex: number; Eg: number; Exb: number; Egb: number }

export interface RowstepJob {
  /** Units per layer, input first: [784, 200, 200, 10]. */
  sizes: number[];
  layers: RowstepLayer[];
  /** Training rows, (rowCount, sizes[0]) float32, and their labels (rowCount) i32. */
  rows: number;
  labels: number;
  rowCount: number;
  /** Rows first, first+1, ... (wrapping) are trained on, count of them. */
  first: number;
  count: number;
  /** This worker's scratch: rowstepScratchBytes(sizes) bytes, 16-byte aligned. */
  scratch: number;
  rho: number;
  epsilon: number;
  /** Hidden layers' forward pass gathers the non-zero activations instead of streaming all. */
  sparseHidden: boolean;
}

interface Scratch {
  /** Per layer (0 = input): activations a (hidden, output: logits then probabilities), δ, e, idx. */
  a: number[]; d: number[]; e: number[]; idx: number[];
  target: number;
}

const FLT_MAX = 3.4028234663852886e38;
const align16 = (n: number) => Math.ceil(n / 16) * 16;

function scratchLayout(sizes: number[], base: number): Scratch {
  let p = base;
  const take = (n: number) => { const at = p; p += align16(4 * n); return at; };
  const s: Scratch = { a: [], d: [], e: [], idx: [], target: take(1) };
  sizes.forEach((n, l) => {
    s.a[l] = l === 0 ? 0 : take(n); // layer 0's activations are the training row itself
    s.d[l] = take(n); s.e[l] = take(n); s.idx[l] = take(n);
  });
  return s;
}

export function rowstepScratchBytes(sizes: number[]): number {
  return 16 + sizes.reduce((t, n) => t + 4 * align16(4 * n), 0);
}

/** Train on job.count rows; returns how many were trained on. */
export function runRowstep(k: KernelExports, memory: WebAssembly.Memory, job: RowstepJob): number {
  const { sizes, layers } = job;
  const L = sizes.length - 1, n0 = sizes[0]!, K = sizes[L]!;
  const s = scratchLayout(sizes, job.scratch);
  const i32 = new Int32Array(memory.buffer);
  const f32 = new Float32Array(memory.buffer);
  const nnz = new Int32Array(L + 1);
  const rho = job.rho, eps = job.epsilon;
  for (let r = 0; r < job.count; r++) {
    const row = (job.first + r) % job.rowCount;
    s.a[0] = job.rows + 4 * n0 * row;
    i32[s.target >> 2] = i32[(job.labels >> 2) + row]!;
    // Forward. Each layer's non-zero list is made once and serves its forward and backward use.
    nnz[0] = k.nonzero_idx_f32(s.a[0]!, n0, s.idx[0]!);
    for (let l = 1; l <= L; l++) {
      const p = layers[l - 1]!, out = sizes[l]!, inp = sizes[l - 1]!;
      if (l === 1 || job.sparseHidden) k.gemv_f32_sparse(out, inp, p.W, p.b, s.a[l - 1]!, s.idx[l - 1]!, nnz[l - 1]!, s.a[l]!);
      else k.gemv_f32(out, inp, p.W, p.b, s.a[l - 1]!, s.a[l]!);
      if (l < L) {
        k.act_rectifier_f32(s.a[l]!, s.a[l]!, out);
        nnz[l] = k.nonzero_idx_f32(s.a[l]!, out, s.idx[l]!);
      }
    }
    k.softmax_xent_rows_f32(s.a[L]!, s.a[L]!, s.d[L]!, 1, K, s.target, 0);
    // Backward fused with the update, output layer first; the error below uses pre-update weights.
    for (let l = L; l >= 1; l--) {
      const p = layers[l - 1]!, out = sizes[l]!, inp = sizes[l - 1]!;
      const e = l > 1 ? s.e[l - 1]! : 0;
      if (e) f32.fill(0, e >> 2, (e >> 2) + inp);
      k.bprop_adadelta_f32_sparse(out, inp, p.W, p.b, p.Ex, p.Eg, p.Exb, p.Egb, s.d[l]!, s.a[l - 1]!, s.idx[l - 1]!, nnz[l - 1]!,
        e, rho, eps, 0, 0, FLT_MAX);
      if (l > 1) k.act_rectifier_grad_f32(s.a[l - 1]!, e, s.d[l - 1]!, inp);
    }
  }
  return job.count;
}

/** One chunk of rows on this worker; returns the milliseconds it took. */
registerTask('rowstep', (ctx, job: RowstepJob) => {
  const t0 = performance.now();
  runRowstep(ctx.k, ctx.memory, job);
  return performance.now() - t0;
});
