// Divergence detection (h2o-training.md §4.6): a model whose weights or biases blew up is never
// returned; the error says where and what to try.

import { AquiferError } from '../util/errors';
import type { ParamLayout } from './network';

function stats(a: Float32Array, from: number, n: number): { mean: number; rms: number; finite: boolean } {
  let s = 0, s2 = 0, finite = true;
  for (let i = from; i < from + n; i++) { const v = a[i]!; if (!Number.isFinite(v)) finite = false; s += v; }
  const mean = s / Math.max(1, n);
  for (let i = from; i < from + n; i++) { const d = a[i]! - mean; s2 += d * d; }
  return { mean, rms: Math.sqrt(s2 / Math.max(1, n)), finite };
}

const REMEDY = 'try adaptive_rate (the default ADADELTA), a smaller rate, l1/l2 regularization, a finite max_w2 (e.g. 10), or standardize: true';

export function checkStability(layout: ParamLayout, theta: Float32Array): void {
  layout.layers.forEach((ly, i) => {
    const w = stats(theta, ly.W, ly.rows * ly.cols), b = stats(theta, ly.b, ly.rows);
    const where = `layer ${i + 1} (${ly.cols} → ${ly.rows / ly.k})`;
    if (!w.finite || Math.abs(w.mean) > 1e10 || w.rms > 1e10) {
      throw new AquiferError('DIVERGED', `training diverged: the weights of ${where} ${w.finite ? `grew to RMS ${w.rms.toExponential(2)}` : 'became NaN or infinite'}; ${REMEDY}`);
    }
    if (!b.finite || Math.abs(b.mean) > 1e5 || b.rms > 1e5) {
      throw new AquiferError('DIVERGED', `training diverged: the biases of ${where} ${b.finite ? `grew to RMS ${b.rms.toExponential(2)}` : 'became NaN or infinite'}; ${REMEDY}`);
    }
  });
}
