import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { binomialMetrics } from '../../src/metrics/binomial';
import { multinomialMetrics, type MultinomialMetricsInput } from '../../src/metrics/multinomial';
import { isAquiferError } from '../../src/util/errors';
import { Random } from '../../src/util/random';

const close = (got: number, want: number, tol = 1e-12) =>
  assert.ok(Math.abs(got - want) <= tol * Math.max(1, Math.abs(want)), `got ${got}, want ${want}`);

// Three classes, eight rows, with ties and weights:
//   row  y   p0   p1   p2   w
//   r0   0   0.6  0.3  0.1  1
//   r1   0   0.4  0.4  0.2  2
//   r2   0   0.2  0.5  0.3  1
//   r3   1   0.4  0.5  0.1  1     (p0 ties r1; p1 ties r2)
//   r4   1   0.1  0.7  0.2  1
//   r5   2   0.3  0.3  0.4  1
//   r6   2   0.1  0.2  0.7  2
//   r7   2   0.5  0.2  0.3  1     (p2 ties r2)
// Class weights W0 = 4, W1 = 2, W2 = 4. Each AUC below is the weighted Mann–Whitney count
// Σ w_pos·w_neg·[s_pos > s_neg, ½ on a tie] over P·N.
const y = Int32Array.from([0, 0, 0, 1, 1, 2, 2, 2]);
const probs = Float64Array.from([
  0.6, 0.3, 0.1, 0.4, 0.4, 0.2, 0.2, 0.5, 0.3, 0.4, 0.5, 0.1,
  0.1, 0.7, 0.2, 0.3, 0.3, 0.4, 0.1, 0.2, 0.7, 0.5, 0.2, 0.3,
]);
const weights = Float64Array.from([1, 2, 1, 1, 1, 1, 2, 1]);
const base: MultinomialMetricsInput = { y, probs, K: 3, weights };
const withType = (auc_type: MultinomialMetricsInput['auc_type']) => multinomialMetrics({ ...base, auc_type });

// One-vs-rest:
//   class 0 on p0, P = 4, N = 6: r0 beats all 6; r1 (w 2) 4.5 (½ for the tie with r3) → 9; r2 3.
//     18/24 = 0.75
//   class 1 on p1, P = 2, N = 8: r3 7.5 (½ for the tie with r2); r4 8. 15.5/16 = 0.96875
//   class 2 on p2, P = 4, N = 6: r5 6; r6 (w 2) 12; r7 5.5 (½ for the tie with r2). 23.5/24 = 47/48
const ovr = [0.75, 0.96875, 47 / 48];

test('MACRO_OVR is the plain mean of the one-vs-rest AUCs', () => {
  close(withType('MACRO_OVR').auc, (ovr[0] + ovr[1] + ovr[2]) / 3);
});

test('WEIGHTED_OVR weights each class by its weight sum', () => {
  close(withType('WEIGHTED_OVR').auc, (4 * ovr[0] + 2 * ovr[1] + 4 * ovr[2]) / 10); // 85/96
});

// One-vs-one, each pair the mean of its two curves (rows of the two classes only):
//   (0,1): A(1|0) on p1, P = 2, N = 4: r3 3.5, r4 4 → 7.5/8;  A(0|1) on p0, P = 4, N = 2:
//          r0 2, r1 1.5·2, r2 1 → 6/8.  Pair 0.84375, weight 6.
//   (0,2): A(2|0) on p2: r5 4, r6 8, r7 3.5 → 15.5/16;  A(0|2) on p0: r0 4, r1 3·2, r2 2 → 12/16.
//          Pair 0.859375, weight 8.
//   (1,2): both curves separate the classes: 1 and 1.  Pair 1, weight 6.
const ovo = [0.84375, 0.859375, 1];

test('MACRO_OVO is the plain mean over pairs of the mean of A(j|k) and A(k|j)', () => {
  close(withType('MACRO_OVO').auc, (ovo[0] + ovo[1] + ovo[2]) / 3);
});

test('WEIGHTED_OVO weights each pair by the two classes\' weight sum', () => {
  close(withType('WEIGHTED_OVO').auc, (6 * ovo[0] + 8 * ovo[1] + 6 * ovo[2]) / 20); // 0.896875
});

test('AUCPR: one-vs-rest averages the binomial AUCPR of each class', () => {
  // Class 1 by hand (as in binomial.test.ts): points (tp, fp) = (1, 0), (2, 1), then fp only grows:
  // recall 0 → ½ at precision 1, then precision 2r/(4r − 1) up to recall 1: ¾ + ln 3/8.
  const perClass = [0, 1, 2].map((k) =>
    binomialMetrics({ y: Int32Array.from(y, (a) => (a === k ? 1 : 0)), p1: probs.filter((_, j) => j % 3 === k), weights }).pr_auc);
  close(perClass[1], 0.75 + Math.log(3) / 8);
  close(withType('MACRO_OVR').pr_auc, (perClass[0] + perClass[1] + perClass[2]) / 3);
  close(withType('WEIGHTED_OVR').pr_auc, (4 * perClass[0] + 2 * perClass[1] + 4 * perClass[2]) / 10);
});

test('AUCPR: a pair the scores separate has AUCPR 1', () => {
  const rows = [3, 4, 5, 6, 7];
  const pair = {
    y: Int32Array.from(rows, (r) => y[r] - 1), probs: Float64Array.from(rows.flatMap((r) => [probs[3 * r + 1], probs[3 * r + 2]])),
    K: 2, weights: Float64Array.from(rows, (r) => weights[r]), auc_type: 'MACRO_OVO' as const,
  };
  const m = multinomialMetrics(pair);
  close(m.auc, 1);
  close(m.pr_auc, 1);
});

test('AUTO (the default) and NONE give no multinomial AUC', () => {
  for (const m of [multinomialMetrics(base), withType('AUTO'), withType('NONE')]) {
    assert.ok(Number.isNaN(m.auc) && Number.isNaN(m.pr_auc));
  }
});

test('more than 50 classes give no AUC; exactly 50 do', () => {
  const rows = 200, r = new Random(3);
  for (const K of [50, 51]) {
    const ys = Int32Array.from({ length: rows }, (_, i) => i % K);
    const ps = Float64Array.from({ length: rows * K }, () => r.nextDouble());
    const m = multinomialMetrics({ y: ys, probs: ps, K, auc_type: 'MACRO_OVO' });
    assert.is(Number.isFinite(m.auc), K === 50, `K = ${K}: ${m.auc}`);
  }
});

test('a weight of 2 counts like a duplicated row in every AUC type', () => {
  const dup = [0, 1, 1, 2, 3, 4, 5, 6, 6, 7];
  const plain = { y: Int32Array.from(dup, (r) => y[r]), probs: Float64Array.from(dup.flatMap((r) => [...probs.subarray(3 * r, 3 * r + 3)])), K: 3 };
  for (const t of ['MACRO_OVR', 'WEIGHTED_OVR', 'MACRO_OVO', 'WEIGHTED_OVO'] as const) {
    const a = withType(t), b = multinomialMetrics({ ...plain, auc_type: t });
    close(a.auc, b.auc);
    close(a.pr_auc, b.pr_auc);
  }
});

test('rows with a missing label, a NaN probability or weight 0 are left out', () => {
  const extra = {
    y: Float64Array.from([...y, NaN, 0, 1]),
    probs: Float64Array.from([...probs, 0.9, 0.05, 0.05, NaN, 0.5, 0.5, 0.01, 0.01, 0.98]),
    K: 3, weights: Float64Array.from([...weights, 1, 1, 0]),
  };
  for (const t of ['MACRO_OVR', 'WEIGHTED_OVO'] as const) close(multinomialMetrics({ ...extra, auc_type: t }).auc, withType(t).auc);
});

test('a row of a level the model never saw is a negative one-vs-rest and in no pair', () => {
  // A fourth level (y = 3) with p = (0.9, 0.9, 0.9): it outscores every row of every class.
  const unseen = { ...base, y: Int32Array.from([...y, 3]), probs: Float64Array.from([...probs, 0.9, 0.9, 0.9]),
    weights: Float64Array.from([...weights, 1]), domain: ['a', 'b', 'c', 'd'] };
  close(multinomialMetrics({ ...unseen, auc_type: 'MACRO_OVO' }).auc, withType('MACRO_OVO').auc);
  // One-vs-rest: each class gains a negative that beats all its positives: AUC_k·P·N / (P·(N + 1)).
  const N = [6, 8, 6];
  close(multinomialMetrics({ ...unseen, auc_type: 'MACRO_OVR' }).auc, ovr.reduce((s, a, k) => s + (a * N[k]) / (N[k] + 1), 0) / 3);
});

test('with a class absent, MACRO_OVO is NaN (a pair with no rows) and WEIGHTED_OVO leaves that pair out', () => {
  // Only classes 0 and 1 of K = 4: pairs (0,2), (0,3), (1,2), (1,3) have one class, (2,3) none.
  const rows = [0, 1, 2, 3, 4];
  const two = { y: Int32Array.from(rows, (r) => y[r]), probs: Float64Array.from(rows.flatMap((r) => [...probs.subarray(3 * r, 3 * r + 3), 0])),
    K: 4, weights: Float64Array.from(rows, (r) => weights[r]) };
  assert.ok(Number.isNaN(multinomialMetrics({ ...two, auc_type: 'MACRO_OVO' }).auc));
  // A pair with one class present: one curve has no negatives (1), the other no positives (0): ½.
  // Weights: (0,1) 6, (0,2) 4, (0,3) 4, (1,2) 2, (1,3) 2.
  close(multinomialMetrics({ ...two, auc_type: 'WEIGHTED_OVO' }).auc, (6 * ovo[0] + 12 * 0.5) / 18);
});

test('an unknown auc_type throws BAD_PARAMETER naming auc_type', () => {
  try {
    multinomialMetrics({ ...base, auc_type: 'MICRO' as never });
    assert.unreachable('expected an error');
  } catch (e) {
    assert.ok(isAquiferError(e), String(e));
    assert.is(e.code, 'BAD_PARAMETER');
    assert.is(e.subject, 'auc_type');
  }
});

test.run();
