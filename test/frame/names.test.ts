import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { didYouMean, uniqueNames } from '../../src/frame/names';

test('later duplicates get _2, _3 and a warning each; the first keeps its name', () => {
  const { names, warnings } = uniqueNames(['a', 'a', 'b', 'a']);
  assert.equal(names, ['a', 'a_2', 'b', 'a_3']);
  assert.is(warnings.length, 2);
});

test('a suffix never collides with a column that already has that name', () => {
  assert.equal(uniqueNames(['x', 'x', 'x_2']).names, ['x', 'x_3', 'x_2']);
});

test('empty names become C<position>', () => {
  assert.equal(uniqueNames(['', 'b', '']).names, ['C1', 'b', 'C3']);
});

test('didYouMean finds typos and case slips, not unrelated names', () => {
  assert.is(didYouMean('Specis', ['species', 'petal']), 'species');
  assert.is(didYouMean('C785', ['C1', 'C785']), 'C785');
  assert.is(didYouMean('weight', ['alpha', 'beta']), undefined);
});

test.run();
