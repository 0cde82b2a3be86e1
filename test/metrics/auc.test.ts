import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { prAuc, rocAuc } from '../../src/metrics/auc';
import { rocCurve } from '../../src/metrics/roc-curve';
import { Random } from '../../src/util/random';

// Random weighted data with many ties (scores on a grid of 1/q).
function sample(seed: number, n: number, q: number) {
  const rnd = new Random(seed);
  const s = new Float64Array(n), y = new Uint8Array(n), w = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    y[i] = rnd.nextDouble() < 0.35 ? 1 : 0;
    s[i] = Math.floor(Math.min(0.999, 0.6 * rnd.nextDouble() + 0.4 * y[i] * rnd.nextDouble()) * q) / q;
    w[i] = 0.25 + 2 * rnd.nextDouble();
  }
  return { s, y, w };
}

test('weighted AUC equals the pairwise (Mann–Whitney) definition, ties counting ½', () => {
  for (const [seed, q] of [[1, 10], [2, 100], [3, 1e9]]) {
    const { s, y, w } = sample(seed, 700, q);
    let num = 0, wp = 0, wn = 0;
    for (let i = 0; i < s.length; i++) {
      if (y[i] === 1) wp += w[i]; else wn += w[i];
      if (y[i] !== 1) continue;
      for (let j = 0; j < s.length; j++) {
        if (y[j] !== 0) continue;
        num += w[i] * w[j] * (s[i] > s[j] ? 1 : s[i] === s[j] ? 0.5 : 0);
      }
    }
    const auc = rocAuc(rocCurve(s, y, w));
    assert.ok(Math.abs(auc - num / (wp * wn)) < 1e-12, `seed ${seed}: ${auc} vs ${num / (wp * wn)}`);
  }
});

test('AUCPR equals the numerical integral of the interpolated precision over recall', () => {
  // Between curve points fp grows linearly in tp; precision = tp/(tp + fp). Integrate it over recall with
  // Simpson's rule (2000 panels per segment) as an independent check of the closed form.
  const { s, y, w } = sample(4, 300, 20);
  const c = rocCurve(s, y, w);
  let area = 0, tp0 = 0, fp0 = 0;
  for (let i = 0; i < c.ths.length; i++) {
    const tp1 = c.tps[i], fp1 = c.fps[i];
    if (tp1 !== tp0) {
      const prec = (t: number) => {
        const tp = tp0 + t * (tp1 - tp0), fp = fp0 + t * (fp1 - fp0);
        return tp + fp === 0 ? 1 : tp / (tp + fp);
      };
      const k = 2000;
      let sum = prec(0) + prec(1);
      for (let j = 1; j < k; j++) sum += (j % 2 ? 4 : 2) * prec(j / k);
      area += ((tp1 - tp0) / c.p) * (sum / (3 * k));
    }
    tp0 = tp1; fp0 = fp1;
  }
  assert.ok(Math.abs(prAuc(c) - area) < 1e-9, `${prAuc(c)} vs ${area}`);
});

test('the curve is cumulative with descending distinct thresholds; -0 and 0 are one score', () => {
  const c = rocCurve(Float64Array.from([0, -0, 0.5, 0.5]), Uint8Array.from([1, 0, 0, 1]), null);
  assert.equal([...c.ths], [0.5, 0]);
  assert.equal([...c.tps], [1, 2]);
  assert.equal([...c.fps], [1, 2]);
  assert.is(rocAuc(c), 0.5);
});

test.run();
