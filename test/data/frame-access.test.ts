import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Frame } from '../../src/frame';
import { codesInDomain } from '../../src/data/frame-access';

test('enum codes are translated onto the training domain by level name', () => {
  const c = Frame.fromArrays({ c: ['b', 'a', null, 'c', 'b'] }).col('c');
  assert.equal(c.domain, ['a', 'b', 'c']);
  const r = codesInDomain(c, ['c', 'b', 'a']);
  assert.equal(Array.from(r.codes), [1, 2, -1, 0, 1]);
  assert.equal(r.unseen, []);
});

test('levels outside the domain become NA and are listed once, in first-seen order', () => {
  const c = Frame.fromArrays({ c: ['z', 'a', 'y', 'z', ''] }).col('c');
  const r = codesInDomain(c, ['a', 'b']);
  assert.equal(Array.from(r.codes), [-1, 0, -1, -1, -1]);
  assert.equal(r.unseen, ['z', 'y', '']);
});

test('string and numeric columns are matched by their text', () => {
  const s = Frame.fromArrays({ s: ['2', null, 'x', '1.5', '2'] }, { types: { s: 'string' } }).col('s');
  const rs = codesInDomain(s, ['1.5', '2']);
  assert.equal(Array.from(rs.codes), [1, -1, -1, 0, 1]);
  assert.equal(rs.unseen, ['x']);
  const n = Frame.fromArrays({ n: [2, null, 1.5, 3, 2] }).col('n');
  const rn = codesInDomain(n, ['1.5', '2']);
  assert.equal(Array.from(rn.codes), [1, -1, 0, -1, 1]);
  assert.equal(rn.unseen, ['3']);
});

test.run();
