// Top-k hit ratios of a multinomial model (h2o-lifecycle.md §3.3): hr[j] is the weighted fraction of
// rows whose actual class is among the j+1 most probable predicted classes. Classes are ranked by
// descending probability, ties by the lower class index (the tie rule aquifer's argmax uses, §4).
// Difference from H2O, on purpose: H2O adds 1 for a top-1 hit but w for a deeper hit; aquifer adds w
// at every rank, so that a weight of 2 counts exactly like a duplicated row (§3.5 weights).

/** H2O's fixed K: min(10, number of classes) (max_hit_ratio_k left H2O's API with that default). */
export const DEFAULT_MAX_HIT_RATIO_K = 10;

/** 0-based rank of class `a` in row `r` of the row-major rows×K `probs`. */
export function rankOf(probs: ArrayLike<number>, r: number, K: number, a: number): number {
  const base = r * K, pa = probs[base + a];
  let rank = 0;
  for (let j = 0; j < K; j++) {
    const pj = probs[base + j];
    if (pj > pa || (pj === pa && j < a)) rank++;
  }
  return rank;
}

/** Accumulates weighted hits per rank; `ratios` turns them into cumulative hit ratios. */
export class HitCounter {
  readonly hits: Float64Array;
  constructor(k: number) { this.hits = new Float64Array(k); }

  /** Rows whose actual class the model does not predict (a ≥ K) count in W but never hit. */
  add(probs: ArrayLike<number>, r: number, K: number, a: number, w: number): void {
    if (a >= K) return;
    const rank = rankOf(probs, r, K, a);
    if (rank < this.hits.length) this.hits[rank] += w;
  }

  ratios(W: number): number[] {
    const out: number[] = [];
    let cum = 0;
    for (const h of this.hits) { cum += h; out.push(cum / W); }
    return out;
  }
}
