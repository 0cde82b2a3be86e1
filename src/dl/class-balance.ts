// balance_classes (h2o-training.md §7): before training, the training rows are resampled by class,
// each row of class k kept floor(s_k) times plus once more with probability frac(s_k), so that by
// default every class has about as many rows as the largest one (capped at max_after_balance_size ×
// the frame's rows). The preprocessing statistics stay those of the original frame. Predictions are
// corrected back to the original class priors: p_k ← p_k · prior_k/model_k, renormalized
// (correctProbabilities in predictions.ts).

import { AquiferError } from '../util/errors';
import { Random } from '../util/random';

import type { ClassDistribution } from './predictions';

export interface BalanceOptions {
  /** User factors per class (class_sampling_factors), or null for majority / c_k. */
  factors: readonly number[] | null;
  max_after_balance_size: number;
  seed: bigint;
}

/**
 * The frame rows to train on, resampled: `codes` holds each row's class (-1 for a missing
 * response, such rows are left out), `weights` the observation weights (null: all 1). Returns the
 * rows (with repeats, shuffled) and the class distributions before and after.
 */
export function balanceRows(codes: Int32Array, weights: ArrayLike<number> | null, K: number, o: BalanceOptions): { rows: Int32Array; dist: ClassDistribution } {
  const n = codes.length;
  const counts = new Float64Array(K);
  for (let r = 0; r < n; r++) if (codes[r]! >= 0) counts[codes[r]!] += weights ? weights[r]! : 1;
  const present = Array.from(counts, (c) => c > 0);
  let s: number[];
  if (o.factors) s = [...o.factors];
  else {
    // H2O's (nrows/K)/c_k divided by its smallest value, i.e. c_max/c_k: the largest class keeps its rows.
    const raw = Array.from(counts, (c) => (c > 0 ? 1 / c : 0));
    const min = Math.min(...raw.filter((v, k) => present[k]));
    s = raw.map((v) => v / min);
  }
  const R = s.reduce((acc, f, k) => acc + f * counts[k]!, 0);
  const cap = Math.min(o.max_after_balance_size * n, Math.round(R));
  if (R > 0 && cap !== R) s = s.map((f) => (f * cap) / R);
  for (let attempt = 0; attempt < 10; attempt++) {
    const rng = new Random(o.seed + BigInt(attempt));
    const rows: number[] = [];
    const got = new Float64Array(K);
    for (let r = 0; r < n; r++) {
      const k = codes[r]!;
      if (k < 0) continue;
      const f = s[k]!, times = Math.floor(f) + (rng.nextDouble() < f - Math.floor(f) ? 1 : 0);
      for (let t = 0; t < times; t++) rows.push(r);
      got[k] += times * (weights ? weights[r]! : 1);
    }
    if (present.some((p, k) => p && got[k] === 0)) continue;  // a class lost every row: try another draw
    for (let i = rows.length - 1; i > 0; i--) { const j = rng.nextInt(i + 1); [rows[i], rows[j]] = [rows[j]!, rows[i]!]; }
    const share = (c: Float64Array) => { const t = c.reduce((a, b) => a + b, 0); return Array.from(c, (v) => (t > 0 ? v / t : 0)); };
    return { rows: Int32Array.from(rows), dist: { prior: share(counts), model: share(got) } };
  }
  throw new AquiferError('BAD_PARAMETER', 'balance_classes: after 10 tries a class still had no rows in the resampled frame; raise max_after_balance_size or give larger class_sampling_factors', { subject: 'balance_classes' });
}
