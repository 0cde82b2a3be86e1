import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { liftTopGroup, topGroupLevel } from '../../src/metrics/gains-lift';
import { rocCurve } from '../../src/metrics/roc-curve';

test('the top group starts at the 0.99 quantile by default, at (g − 1)/g with g groups', () => {
  assert.is(topGroupLevel(-1), 0.99);
  assert.is(topGroupLevel(10), 0.9);
  assert.is(topGroupLevel(1), 0);
  assert.ok(Number.isNaN(topGroupLevel(0)));
  assert.throws(() => topGroupLevel(-3));
  assert.throws(() => topGroupLevel(2.5));
});

test('with one group everything is in it: lift 1', () => {
  const c = rocCurve(Float64Array.from([0.1, 0.5, 0.9]), Uint8Array.from([0, 1, 1]), null);
  assert.is(liftTopGroup(c, 1), 1);
});

test('weights move the quantile: a heavy top row makes the top group just that row', () => {
  // Scores 0.1, 0.5, 0.9 with weights 1, 1, 98: W = 100, position 0.99·99 = 98.01 lies inside the
  // 0.9 row (positions 2..99) → boundary 0.9; the top group is the positive 0.9 row: rate 1.
  // Overall rate = (98 + 1)/100 (0.5 is positive too) → lift 100/99.
  const c = rocCurve(Float64Array.from([0.1, 0.5, 0.9]), Uint8Array.from([0, 1, 1]), Float64Array.from([1, 1, 98]));
  assert.ok(Math.abs(liftTopGroup(c) - 100 / 99) < 1e-12);
});

test('an empty curve has no lift', () => {
  const c = rocCurve(new Float64Array(0), new Uint8Array(0), null);
  assert.ok(Number.isNaN(liftTopGroup(c)));
});

test.run();
