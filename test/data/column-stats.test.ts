import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { levelCounts, numericStats, weightedStats } from '../../src/data/column-stats';
import { close } from './helpers';

test('mean, sample sd, min and max skip NAs', () => {
  // 1, 3, 5, 7: mean 4, squared deviations 9+1+1+9 = 20, sd = sqrt(20/3).
  const s = numericStats([1, 3, NaN, 5, 7], null);
  assert.equal(s, { count: 4, mean: 4, sd: Math.sqrt(20 / 3), min: 1, max: 7 });
});

test('only the rows kept count', () => {
  const s = numericStats([1, 3, NaN, 5, 100], Uint8Array.of(1, 1, 1, 1, 0));
  assert.equal(s, { count: 3, mean: 3, sd: 2, min: 1, max: 5 });
});

test('one value has sd 0, no values give zeros', () => {
  assert.equal(numericStats([NaN, 4, NaN], null), { count: 1, mean: 4, sd: 0, min: 4, max: 4 });
  assert.equal(numericStats([NaN, NaN], null), { count: 0, mean: 0, sd: 0, min: 0, max: 0 });
});

test('weighted mean and sd follow H2O: σ² = k/(k−1)·Σw(x−μ)²/Σw over rows with w > 0', () => {
  // x = 1, 3, 5 with w = 1, 2, 1 (the 4th row has w = 0, the 5th is NA):
  // μ = (1 + 6 + 5)/4 = 3; Σw(x−μ)² = 4 + 0 + 4 = 8; k = 3: σ² = 1.5·8/4 = 3.
  const s = weightedStats([1, 3, 5, 100, NaN], [1, 2, 1, 0, 7], null);
  close([s.mean, s.sd], [3, Math.sqrt(3)], 1e-12);
});

test('level counts ignore NAs and rows not kept', () => {
  assert.equal(Array.from(levelCounts(Int32Array.of(0, 2, -1, 2, 1, 2), 4, Uint8Array.of(1, 1, 1, 1, 1, 0))), [1, 1, 2, 0]);
});

test.run();
