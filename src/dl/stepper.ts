// One worker's training and scoring arithmetic, composed from the Wasm kernels: the per-row step
// (H2O's mini_batch_size 1: forward, output δ, backward fused with the update, HOGWILD! on the
// shared parameters), the mini-batch step (GEMM forward/backward, then one optimizer pass) and the
// batched scoring forward pass. The same code runs in a worker and, without workers, on the caller.

import type { KernelExports } from '../wasm/instance';
import type { ParamLayout } from './network';
import { layoutScratch, type Scratch } from './scratch';
import { expandRow, type RowChunk } from '../data/training-rows';
import { correctProbabilities } from './predictions';

export interface StepConfig {
  input_dropout_ratio: number;
  /** Per hidden layer; empty or zeros without a *WithDropout activation. */
  hidden_dropout_ratios: number[];
  /** Classification: 'CrossEntropy' | 'Quadratic'; regression: 'deviance' (distCode picks the distribution). */
  loss: 'CrossEntropy' | 'Quadratic' | 'deviance';
  distCode: number;
  distParam: number;
  rho: number;
  epsilon: number;
  l1: number;
  l2: number;
  max_w2: number;
  fast_mode: boolean;
  nesterov: boolean;
  /** balance_classes: prior_k/model_k per class, applied to scored probabilities; null otherwise. */
  class_ratio: number[] | null;
}

/** What changes while training runs: the manual rate schedule (ignored by ADADELTA). */
export interface Schedule {
  /** rate / (1 + rate_annealing·N) for the first layer; layer l gets rate_decay^(l−1) times it. */
  rate: number;
  rate_decay: number;
  momentum: number;
}

const ACT = {
  Tanh: ['act_tanh_f32', 'act_tanh_grad_f32'],
  Rectifier: ['act_rectifier_f32', 'act_rectifier_grad_f32'],
  ExpRectifier: ['act_exprect_f32', 'act_exprect_grad_f32'],
  Maxout: ['act_maxout_f32', 'act_maxout_grad_f32'],
} as const;

/** The most rows a scoring forward pass takes at once (scoreBatch below). */
const SCORE_BATCH = 128;

/** Rows a scoring pass forwards at once: SCORE_BATCH, fewer for wide networks so that a worker's
 *  scoring scratch stays near 2 MB (H2O's world-record net would otherwise take 7.5 MB a worker).
 *  predict and the standalone scorer both batch by this, so their results agree bit for bit. */
export function scoreBatch(layout: ParamLayout): number {
  const units = layout.spec.units.reduce((a, b) => a + b, 0);
  return Math.max(16, Math.min(SCORE_BATCH, Math.floor((1 << 21) / (12 * units)) & ~7));
}

/** Below this fraction of non-zero inputs the first layer's forward pass gathers instead of streaming. */
const SPARSE_FORWARD = 0.5;

export class Stepper {
  readonly s: Scratch;
  private readonly L: number;
  private readonly maxout: boolean;
  /** H2O's shortcut: a neuron with δ = 0 changes nothing when no regularization or momentum acts on it (§4.1). */
  private readonly shortcut: boolean;
  private readonly offsets: Float32Array;

  constructor(
    private readonly k: KernelExports,
    private readonly memory: WebAssembly.Memory,
    private readonly layout: ParamLayout,
    /** Byte address of the parameter arena (weights, biases, optimizer state). */
    private readonly params: number,
    scratchBase: number,
    batch: number,
    private readonly cfg: StepConfig,
    /** false: a scoring-only stepper, whose scratch has no room for the backward pass. */
    training = true,
  ) {
    this.s = layoutScratch(layout, batch, scratchBase, (m, n, kk) => k.gemm_f32_scratch_bytes!(m, n, kk), training);
    this.L = layout.layers.length;
    this.maxout = layout.spec.activation === 'Maxout';
    this.offsets = new Float32Array(batch);
    this.shortcut = cfg.fast_mode || (layout.spec.optimizer === 'sgd' && cfg.l1 === 0 && cfg.l2 === 0);
  }

  static scratchBytes(k: KernelExports, layout: ParamLayout, batch: number, training = true): number {
    return layoutScratch(layout, batch, 0, (m, n, kk) => k.gemm_f32_scratch_bytes!(m, n, kk), training).bytes + 16;
  }

  /** Seeds the dropout generator (four u32 words). */
  seed(state: Uint32Array): void {
    new Uint32Array(this.memory.buffer, this.s.rng, 4).set(state);
  }

  private f32(ptr: number, n: number) { return new Float32Array(this.memory.buffer, ptr, n); }
  private W(l: number) { return this.params + 4 * this.layout.layers[l]!.W; }
  private b(l: number) { return this.params + 4 * this.layout.layers[l]!.b; }

  /** Train on rows[from..to) of `chunk`, one row at a time. Returns the rows trained on. */
  trainRows(chunk: RowChunk, rows: Int32Array, from: number, to: number, sched: Schedule): number {
    const { k, s, cfg, layout } = this;
    const units = layout.spec.units, n0 = units[0]!;
    const x = this.f32(s.layers[0]!.a, n0);
    const target = new Int32Array(this.memory.buffer, s.target, 1);
    const response = this.f32(s.response, 1), weight = this.f32(s.weight, 1);
    const top = s.layers[this.L]!;
    const softmax = layout.spec.output === 'softmax';
    let trained = 0;
    for (let q = from; q < to; q++) {
      const r = rows[q]!;
      const w = chunk.weight[r]!, y = chunk.response[r]!;
      if (!(w > 0) || Number.isNaN(y)) continue; // weight 0 and NA response rows carry no signal
      expandRow(chunk, r, x);
      const nnz0 = this.inputDropout();
      this.forwardRow(true, nnz0);
      weight[0] = w;
      if (softmax) {
        target[0] = y;
        (cfg.loss === 'Quadratic' ? k.softmax_quadratic_rows_f32! : k.softmax_xent_rows_f32!)(top.z, top.a, top.d, 1, units[this.L]!, s.target, s.weight);
      } else {
        const f = this.f32(top.z, 1);
        f[0] += chunk.offset[r]!;
        response[0] = y;
        k.reg_grad_f32!(top.z, s.response, s.weight, top.d, 1, cfg.distCode, cfg.distParam);
      }
      this.backwardRow(sched, nnz0);
      trained++;
    }
    return trained;
  }

  /** Input dropout of the training row in layer 0 (dropout_f32's masks, applied to the listed
   *  non-zeros only); leaves the surviving non-zeros listed in layer 0's idx and returns their count. */
  private inputDropout(): number {
    const { k, s, cfg } = this;
    const in0 = s.layers[0]!, n0 = this.layout.spec.units[0]!;
    const nnz = k.nonzero_idx_f32!(in0.a, n0, in0.idx);
    return cfg.input_dropout_ratio > 0 ? k.dropout_listed_f32!(in0.a, in0.idx, nnz, n0, cfg.input_dropout_ratio, s.rng, in0.mask) : nnz;
  }

  /** Forward one row already in layer 0's activations; `train` applies dropout masks, else the
   *  scoring compensation (hidden activations × (1 − p), h2o-training.md §3.2). `nnz0`: the count
   *  of non-zero inputs when layer 0's idx already lists them. */
  forwardRow(train: boolean, nnz0?: number): void {
    const { k, s, cfg, layout } = this;
    const units = layout.spec.units;
    const in0 = s.layers[0]!;
    nnz0 ??= k.nonzero_idx_f32!(in0.a, units[0]!, in0.idx);
    for (let l = 1; l <= this.L; l++) {
      const ly = layout.layers[l - 1]!, prev = s.layers[l - 1]!, cur = s.layers[l]!;
      if (l === 1 && nnz0 < SPARSE_FORWARD * units[0]!) k.gemv_f32_sparse!(ly.rows, ly.cols, this.W(l - 1), this.b(l - 1), prev.a, in0.idx, nnz0, cur.z);
      else k.gemv_f32!(ly.rows, ly.cols, this.W(l - 1), this.b(l - 1), prev.a, cur.z);
      if (l < this.L) this.activate(cur.z, cur.a, cur.win, units[l]!, cfg.hidden_dropout_ratios[l - 1] ?? 0, cur.mask, train);
    }
  }

  private activate(z: number, a: number, win: number, n: number, p: number, mask: number, train: boolean): void {
    const { k } = this;
    const [fwd] = ACT[this.layout.spec.activation];
    if (this.maxout) k[fwd]!(z, a, win, n);
    else k[fwd]!(z, a, n);
    if (p > 0) {
      if (train) k.dropout_f32!(a, mask, n, p, this.s.rng);
      else k.vec_scale_f32!(a, n, 1 - p);
    }
  }

  /** δ for `n` units of layer l from its error e: δ = e·φ'(a), masked where dropout removed the unit. */
  private deltaFromError(l: number, n: number): void {
    const { k, s, cfg } = this;
    const cur = s.layers[l]!;
    const p = cfg.hidden_dropout_ratios[l - 1] ?? 0;
    const [, grad] = ACT[this.layout.spec.activation];
    if (p > 0) k.vec_mul_f32!(cur.e, cur.mask, cur.e, n);
    if (this.maxout) k[grad]!(cur.e, cur.win, cur.d, n);
    else k[grad]!(cur.a, cur.e, cur.d, n);
  }

  /** `nnz0`: the row's non-zero inputs, still listed in layer 0's idx from the forward pass. */
  private backwardRow(sched: Schedule, nnz0: number): void {
    const { k, s, cfg, layout } = this;
    const units = layout.spec.units;
    const adadelta = layout.spec.optimizer === 'adadelta';
    // The kernels apply H2O's (1 − m) factor themselves (step α·(1 − m), §4.3): pass α alone.
    const rate = sched.rate;
    for (let l = this.L; l >= 1; l--) {
      const ly = layout.layers[l - 1]!, prev = s.layers[l - 1]!, cur = s.layers[l]!;
      const nPrev = units[l - 1]!;
      const ePrev = l > 1 ? prev.e : 0;
      if (l > 1) this.f32(prev.e, nPrev).fill(0);
      const st = ly.state;
      const layerRate = rate * Math.pow(sched.rate_decay, l - 1);
      if (cfg.fast_mode) {
        const nnz = l === 1 ? nnz0 : k.nonzero_idx_f32!(prev.a, nPrev, prev.idx);
        if (adadelta) {
          k.bprop_adadelta_f32_sparse!(ly.rows, ly.cols, this.W(l - 1), this.b(l - 1), this.params + 4 * st.W[0]!, this.params + 4 * st.W[1]!, this.params + 4 * st.b[0]!, this.params + 4 * st.b[1]!,
            cur.d, prev.a, prev.idx, nnz, ePrev, cfg.rho, cfg.epsilon, cfg.l1, cfg.l2, cfg.max_w2);
        } else {
          k.bprop_momentum_f32_sparse!(ly.rows, ly.cols, this.W(l - 1), this.b(l - 1), st.W.length ? this.params + 4 * st.W[0]! : 0, st.b.length ? this.params + 4 * st.b[0]! : 0,
            cur.d, prev.a, prev.idx, nnz, ePrev, layerRate, sched.momentum, cfg.nesterov ? 1 : 0, cfg.l1, cfg.l2, cfg.max_w2);
        }
      } else if (adadelta) {
        k.bprop_adadelta_f32!(ly.rows, ly.cols, this.W(l - 1), this.b(l - 1), this.params + 4 * st.W[0]!, this.params + 4 * st.W[1]!, this.params + 4 * st.b[0]!, this.params + 4 * st.b[1]!,
          cur.d, prev.a, ePrev, cfg.rho, cfg.epsilon, cfg.l1, cfg.l2, cfg.max_w2, this.shortcut ? 1 : 0);
      } else {
        k.bprop_momentum_f32!(ly.rows, ly.cols, this.W(l - 1), this.b(l - 1), st.W.length ? this.params + 4 * st.W[0]! : 0, st.b.length ? this.params + 4 * st.b[0]! : 0,
          cur.d, prev.a, ePrev, layerRate, sched.momentum, cfg.nesterov ? 1 : 0, cfg.l1, cfg.l2, cfg.max_w2, this.shortcut ? 1 : 0);
      }
      if (l > 1) this.deltaFromError(l - 1, nPrev);
    }
  }

  /** Forward B rows already in layer 0's activations, B at most the scratch's batch. */
  forwardBatch(B: number, train: boolean): void {
    const { k, s, cfg, layout } = this;
    const units = layout.spec.units;
    for (let l = 1; l <= this.L; l++) {
      const ly = layout.layers[l - 1]!, prev = s.layers[l - 1]!, cur = s.layers[l]!;
      k.bias_rows_f32!(cur.z, ly.rows, B, ly.rows, this.b(l - 1));
      k.gemm_f32_nt!(B, ly.rows, ly.cols, prev.a, ly.cols, this.W(l - 1), ly.cols, cur.z, ly.rows, s.gemm);
      if (l < this.L) this.activate(cur.z, cur.a, cur.win, B * units[l]!, cfg.hidden_dropout_ratios[l - 1] ?? 0, cur.mask, train);
    }
  }

  /** Copy rows into layer 0 (dense), returning how many were usable (training skips weight-0 and
   *  NA-response rows); targets, responses, weights go to scratch, offsets to `this.offsets`. */
  private loadRows(chunk: RowChunk, rows: ArrayLike<number>, from: number, to: number, train: boolean): number {
    const { s, layout } = this;
    const n0 = layout.spec.units[0]!;
    const x = this.f32(s.layers[0]!.a, s.batch * n0);
    const target = new Int32Array(this.memory.buffer, s.target, s.batch);
    const response = this.f32(s.response, s.batch), weight = this.f32(s.weight, s.batch);
    let B = 0;
    for (let q = from; q < to; q++) {
      const r = rows[q]!;
      const w = chunk.weight[r]!, y = chunk.response[r]!;
      if (train && (!(w > 0) || Number.isNaN(y))) continue;
      expandRow(chunk, r, x, B * n0);
      target[B] = Number.isNaN(y) ? -1 : y; response[B] = y; weight[B] = w; this.offsets[B] = chunk.offset[r]!;
      B++;
    }
    return B;
  }

  /** Mini-batch SGD over rows[from..to): GEMM forward and backward, gradients averaged over the
   *  batch, then one optimizer pass per parameter block. Returns the rows trained on. */
  trainBatches(chunk: RowChunk, rows: Int32Array, from: number, to: number, sched: Schedule): number {
    const { k, s, cfg, layout } = this;
    const units = layout.spec.units, n0 = units[0]!, K = units[this.L]!;
    const top = s.layers[this.L]!;
    const adadelta = layout.spec.optimizer === 'adadelta';
    this.f32(s.ones, s.batch).fill(1);
    let trained = 0;
    for (let q = from; q < to; ) {
      const end = Math.min(to, q + s.batch);
      const B = this.loadRows(chunk, rows, q, end, true);
      q = end;
      if (B === 0) continue;
      if (cfg.input_dropout_ratio > 0) k.dropout_f32!(s.layers[0]!.a, s.layers[0]!.mask, B * n0, cfg.input_dropout_ratio, s.rng);
      this.forwardBatch(B, true);
      if (layout.spec.output === 'softmax') {
        (cfg.loss === 'Quadratic' ? k.softmax_quadratic_rows_f32! : k.softmax_xent_rows_f32!)(top.z, top.a, top.d, B, K, s.target, s.weight);
      } else {
        const f = this.f32(top.z, B);
        for (let i = 0; i < B; i++) f[i] += this.offsets[i]!;
        k.reg_grad_f32!(top.z, s.response, s.weight, top.d, B, cfg.distCode, cfg.distParam);
      }
      k.vec_scale_f32!(top.d, B * K, 1 / B);
      for (let l = this.L; l >= 1; l--) {
        const ly = layout.layers[l - 1]!, prev = s.layers[l - 1]!, cur = s.layers[l]!;
        const gW = s.grad + 4 * ly.W, gb = s.grad + 4 * ly.b;
        this.f32(gW, ly.rows * ly.cols).fill(0);
        this.f32(gb, ly.rows).fill(0);
        k.gemm_f32_tn!(ly.rows, ly.cols, B, cur.d, ly.rows, prev.a, ly.cols, gW, ly.cols, s.gemm);
        k.gemm_f32_tn!(ly.rows, 1, B, cur.d, ly.rows, s.ones, 1, gb, 1, s.gemm);
        if (l > 1) {
          this.f32(prev.e, B * ly.cols).fill(0);
          k.gemm_f32_nn!(B, ly.cols, ly.rows, cur.d, ly.rows, this.W(l - 1), ly.cols, prev.e, ly.cols, s.gemm);
        }
        const st = ly.state, nW = ly.rows * ly.cols;
        const P = (f: number) => this.params + 4 * f;
        if (adadelta) {
          k.adadelta_update_f32!(nW, this.W(l - 1), gW, P(st.W[0]!), P(st.W[1]!), cfg.rho, cfg.epsilon, cfg.l1, cfg.l2);
          k.adadelta_update_f32!(ly.rows, this.b(l - 1), gb, P(st.b[0]!), P(st.b[1]!), cfg.rho, cfg.epsilon, cfg.l1, cfg.l2);
        } else {
          const rate = sched.rate * Math.pow(sched.rate_decay, l - 1); // the kernel applies (1 − m)
          k.momentum_update_f32!(nW, this.W(l - 1), gW, st.W.length ? P(st.W[0]!) : 0, rate, sched.momentum, cfg.nesterov ? 1 : 0, cfg.l1, cfg.l2);
          k.momentum_update_f32!(ly.rows, this.b(l - 1), gb, st.b.length ? P(st.b[0]!) : 0, rate, sched.momentum, cfg.nesterov ? 1 : 0, cfg.l1, cfg.l2);
        }
        if (cfg.max_w2 < 3.4e38) k.max_w2_rows_f32!(ly.rows, ly.cols, this.W(l - 1), cfg.max_w2);
        if (l > 1) this.deltaFromError(l - 1, B * units[l - 1]!);
      }
      trained += B;
    }
    return trained;
  }

  /** Scoring forward pass over `rows` of `chunk` (dropout compensated); writes rows.length × n_out
   *  floats (probabilities, or f in link space plus offset) to `out` from float `outAt` on. `predict`
   *  scores through here, the standalone scorer through scoreLoaded (it packs rows into layer 0
   *  itself); both batch by `batch`, so their results agree bit for bit. */
  scoreRows(chunk: RowChunk, rows: ArrayLike<number>, out: Float32Array, outAt = 0): void {
    const { s } = this;
    const K = this.layout.spec.units[this.L]!;
    for (let q = 0; q < rows.length; q += s.batch) {
      const B = Math.min(s.batch, rows.length - q);
      this.loadRows(chunk, rows, q, q + B, false);
      this.scoreLoaded(B, out, outAt + q * K);
    }
  }

  /** Layer 0 of the scoring batch (`batch` rows of n0 inputs) and the rows' offsets: where a caller
   *  that packs its rows itself writes them before scoreLoaded. Views of the memory as it is now. */
  scoringInput(): { x: Float32Array; offsets: Float32Array } {
    return { x: this.f32(this.s.layers[0]!.a, this.s.batch * this.layout.spec.units[0]!), offsets: this.offsets };
  }

  /** The scoring forward pass of rows 0..B−1 already in layer 0 (B <= batch) and its output:
   *  B × n_out floats to `out` from `outAt`. A batch of one row takes the per-row kernels (gemv,
   *  sparse first layer): 1.7-2.5x faster than a one-row GEMM on MNIST. */
  scoreLoaded(B: number, out: Float32Array, outAt = 0): void {
    const { k, s, layout } = this;
    const K = layout.spec.units[this.L]!;
    const top = s.layers[this.L]!;
    if (B === 1) this.forwardRow(false);
    else this.forwardBatch(B, false);
    if (layout.spec.output === 'softmax') {
      k.softmax_rows_f32!(top.z, top.a, B, K);
      out.set(this.f32(top.a, B * K), outAt);
      if (this.cfg.class_ratio) correctProbabilities(out, B, K, this.cfg.class_ratio, outAt);
    } else {
      const f = this.f32(top.z, B);
      for (let i = 0; i < B; i++) out[outAt + i] = f[i]! + this.offsets[i]!;
    }
  }
}
