import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { weightedQuantile } from '../../src/metrics/quantile';

const f64 = (xs: number[]) => Float64Array.from(xs);
const close = (got: number, want: number) => assert.ok(Math.abs(got - want) < 1e-12, `got ${got}, want ${want}`);

test('unweighted quantiles interpolate between rows ⌊α(n−1)⌋ and the next', () => {
  const v = f64([5, 1, 4, 2, 3]);
  close(weightedQuantile(v, null, 0.5), 3);   // position 2
  close(weightedQuantile(v, null, 0.9), 4.6); // position 3.6: 4 + 0.6·1
  close(weightedQuantile(v, null, 0), 1);
  close(weightedQuantile(v, null, 1), 5);
});

test('an integer weight acts as a duplicated row', () => {
  // [1, 2, 2, 3]: α = 0.25 → position 0.75 → 1 + 0.75·(2 − 1) = 1.75;  α = 0.5 → position 1.5 → 2.
  const v = f64([1, 2, 3]), w = f64([1, 2, 1]);
  close(weightedQuantile(v, w, 0.25), 1.75);
  close(weightedQuantile(v, w, 0.5), 2);
  close(weightedQuantile(v, w, 0.25), weightedQuantile(f64([1, 2, 2, 3]), null, 0.25));
});

test('zero-weight values take no position', () => {
  close(weightedQuantile(f64([1, 100, 2]), f64([1, 0, 1]), 1), 2);
});

test('ties and a single value', () => {
  close(weightedQuantile(f64([7, 7, 7]), null, 0.3), 7);
  close(weightedQuantile(f64([4]), null, 0.9), 4);
  assert.ok(Number.isNaN(weightedQuantile(f64([]), null, 0.5)));
});

test.run();
