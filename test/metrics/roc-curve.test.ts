import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { indexAtThreshold, rocCurve } from '../../src/metrics/roc-curve';

const c = rocCurve(Float64Array.from([0.2, 0.7, 0.7, 0.4]), Uint8Array.from([0, 1, 0, 1]), Float64Array.from([1, 2, 1, 3]));

test('one point per distinct score, descending, with cumulative weighted counts', () => {
  assert.equal([...c.ths], [0.7, 0.4, 0.2]);
  assert.equal([...c.tps], [2, 5, 5]);
  assert.equal([...c.fps], [1, 1, 2]);
  assert.is(c.p, 5);
  assert.is(c.n, 2);
});

test('indexAtThreshold finds the point that labels p1 ≥ t positive', () => {
  assert.is(indexAtThreshold(c, 0.5), 0);  // only 0.7 ≥ 0.5
  assert.is(indexAtThreshold(c, 0.4), 1);  // exact hit
  assert.is(indexAtThreshold(c, 0), 2);
  assert.is(indexAtThreshold(c, 0.9), -1); // nothing reaches 0.9
});

test.run();
