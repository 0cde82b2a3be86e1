import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ascendingOrder, distinctAscending } from '../../src/metrics/distinct';
import { Random } from '../../src/util/random';

test('the radix order matches a comparator sort, stably, across signs, zeros, infinities and ties', () => {
  const rnd = new Random(5);
  const pool = [0, -0, 1, -1, Infinity, -Infinity, 1e-300, -1e-300, 5e-324, Number.MAX_VALUE, -Number.MAX_VALUE];
  const n = 3001;
  const v = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const r = rnd.nextDouble();
    v[i] = r < 0.3 ? pool[rnd.nextInt(pool.length)] : r < 0.6 ? rnd.nextInt(7) - 3 : (rnd.nextDouble() - 0.5) * 1e6;
  }
  const want = Array.from({ length: n }, (_, i) => i).sort((a, b) => (v[a] < v[b] ? -1 : v[a] > v[b] ? 1 : a - b));
  assert.equal(Array.from(ascendingOrder(v)), want);
});

test('works on a subarray view and on empty input', () => {
  const buf = Float64Array.from([9, 3, 1, 2, 9]);
  assert.equal(Array.from(ascendingOrder(buf.subarray(1, 4))), [1, 2, 0]);
  assert.is(ascendingOrder(new Float64Array(0)).length, 0);
});

test('distinct values are ascending, merge -0 with 0, and index every row', () => {
  const v = Float64Array.from([0.5, -0, 2, 0, 0.5, -3]);
  const d = distinctAscending(v);
  assert.equal(Array.from(d.values), [-3, 0, 0.5, 2]);
  assert.ok(Object.is(d.values[1], 0));
  assert.equal(Array.from(d.index), [2, 1, 3, 1, 2, 0]);
});

test('the radix sort (large inputs) and the comparison sort (small ones) give the same stable order', () => {
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
  const special = [0, -0, Infinity, -Infinity, 1e-300, -1e-300];
  for (const n of [5000, 2047]) {
    const v = Float64Array.from({ length: n }, (_, i) => (i % 50 === 0 ? special[i % special.length]! : Math.round((next() - 0.5) * 200) / 8));
    const want = Array.from({ length: n }, (_, i) => i).sort((a, b) => (v[a]! < v[b]! ? -1 : v[a]! > v[b]! ? 1 : a - b));
    assert.equal(Array.from(ascendingOrder(v)), want, `n=${n}`);
  }
});

test.run();
