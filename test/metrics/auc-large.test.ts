import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { binomialMetrics } from '../../src/metrics/binomial';
import { Random } from '../../src/util/random';

// One million rows, exact AUC. References are O(n) or O(n log n) and independent of the curve code.

const n = 1_000_000;

test('1e6 rows with heavy ties (1001 distinct scores): AUC equals the counting Mann–Whitney statistic', () => {
  const rnd = new Random(2024);
  const q = 1000;
  const y = new Int32Array(n), p = new Float64Array(n);
  const pos = new Float64Array(q + 1), neg = new Float64Array(q + 1);
  for (let i = 0; i < n; i++) {
    y[i] = rnd.nextDouble() < 0.3 ? 1 : 0;
    const k = Math.min(q, Math.floor((0.7 * rnd.nextDouble() + 0.3 * y[i] * rnd.nextDouble()) * q));
    p[i] = k / q;
    if (y[i] === 1) pos[k]++; else neg[k]++;
  }
  // AUC = Σ_k pos[k]·(negatives below k + ½·negatives at k) / (P·N).
  let below = 0, num = 0, P = 0, N = 0;
  for (let k = 0; k <= q; k++) { num += pos[k] * (below + neg[k] / 2); below += neg[k]; P += pos[k]; N += neg[k]; }
  const t0 = performance.now();
  const m = binomialMetrics({ y, p1: p });
  const ms = performance.now() - t0;
  assert.ok(Math.abs(m.auc - num / (P * N)) < 1e-12, `${m.auc} vs ${num / (P * N)}`);
  assert.is(m.nobs, n);
  assert.ok(ms < 5000, `took ${ms.toFixed(0)} ms`);
});

test('1e6 rows with distinct scores: AUC equals the merge-count Mann–Whitney statistic', () => {
  const rnd = new Random(77);
  const y = new Int32Array(n), p = new Float64Array(n);
  let P = 0;
  for (let i = 0; i < n; i++) {
    y[i] = rnd.nextDouble() < 0.5 ? 1 : 0;
    p[i] = 0.8 * rnd.nextDouble() + 0.2 * y[i] * rnd.nextDouble();
    P += y[i];
  }
  // Sort positives and negatives separately, then count for each positive the negatives below it.
  const ps = new Float64Array(P), ns = new Float64Array(n - P);
  for (let i = 0, a = 0, b = 0; i < n; i++) if (y[i] === 1) ps[a++] = p[i]; else ns[b++] = p[i];
  ps.sort(); ns.sort();
  let num = 0;
  for (let a = 0, b = 0; a < ps.length; a++) {
    while (b < ns.length && ns[b] < ps[a]) b++;
    let t = b;
    while (t < ns.length && ns[t] === ps[a]) t++; // ties (rare) count ½
    num += b + (t - b) / 2;
  }
  const t0 = performance.now();
  const m = binomialMetrics({ y, p1: p });
  const ms = performance.now() - t0;
  assert.ok(Math.abs(m.auc - num / (P * (n - P))) < 1e-12, `${m.auc} vs ${num / (P * (n - P))}`);
  assert.is(m.thresholds_and_metric_scores.length, 400);
  assert.ok(ms < 5000, `took ${ms.toFixed(0)} ms`);
});

test.run();
