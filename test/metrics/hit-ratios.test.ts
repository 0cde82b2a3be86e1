import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { HitCounter, rankOf } from '../../src/metrics/hit-ratios';

test('rank counts strictly more probable classes, and equal ones with a lower index', () => {
  const p = [0.3, 0.1, 0.3, 0.3];
  assert.is(rankOf(p, 0, 4, 0), 0);
  assert.is(rankOf(p, 0, 4, 2), 1);
  assert.is(rankOf(p, 0, 4, 3), 2);
  assert.is(rankOf(p, 0, 4, 1), 3);
});

test('ranks are read from the right row of a row-major matrix', () => {
  const p = [0.9, 0.1, 0.2, 0.8];
  assert.is(rankOf(p, 1, 2, 1), 0);
  assert.is(rankOf(p, 1, 2, 0), 1);
});

test('every rank adds the row weight (top-1 included), and ratios are cumulative', () => {
  const h = new HitCounter(2);
  h.add([0.6, 0.4], 0, 2, 0, 2); // top-1 hit, weight 2
  h.add([0.6, 0.4], 0, 2, 1, 1); // rank 1
  h.add([0.6, 0.4], 0, 2, 2, 1); // a level the model does not predict: no hit
  assert.equal(Array.from(h.hits), [2, 1]);
  assert.equal(h.ratios(4), [0.5, 0.75]);
});

test.run();
