import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Column } from '../../src/frame/column';
import { isAquiferError } from '../../src/util/errors';

test('at, isNA, str and toFloat64 agree on a numeric column with NA', () => {
  const c = Column.fromNumbers('x', [3, NaN, 250]);
  assert.is(c.type, 'int');
  assert.is(c.length, 3);
  assert.equal([c.at(0), c.isNA(1), c.at(2)], [3, true, 250]);
  assert.ok(Number.isNaN(c.at(1)));
  assert.equal([c.str(0), c.str(1)], ['3', null]);
  const f = c.toFloat64();
  assert.equal([f[0], f[2]], [3, 250]);
  assert.ok(Number.isNaN(f[1]));
});

test('an enum column reads its codes, NA as -1 in codes and NaN from at()', () => {
  const c = Column.fromCodes('e', Int32Array.of(1, -1, 0), ['a', 'b']);
  assert.equal(Array.from(c.codes!), [1, -1, 0]);
  assert.equal([c.at(0), c.str(0), c.str(1), c.str(2)], [1, 'b', null, 'a']);
  assert.ok(Number.isNaN(c.at(1)));
  assert.ok(c.isNA(1));
  assert.is(c.cardinality, 2);
});

test('a string column has NaN for numbers and null for NA', () => {
  const c = Column.fromStrings('s', ['x', null]);
  assert.ok(Number.isNaN(c.at(0)));
  assert.equal([c.str(0), c.str(1), c.isNA(1)], ['x', null, true]);
  assert.is(c.codes, undefined);
});

test('a time column is milliseconds and prints as an ISO date', () => {
  const c = Column.fromTimes('t', [Date.UTC(2024, 0, 2), NaN, Date.UTC(2024, 0, 2, 3, 4, 5)]);
  assert.is(c.at(0), Date.UTC(2024, 0, 2));
  assert.equal([c.str(0), c.str(1), c.str(2)], ['2024-01-02', null, '2024-01-02T03:04:05.000Z']);
});

test('asfactor sorts numeric levels numerically and keeps NA', () => {
  const c = Column.fromNumbers('n', [10, 2, NaN, 1, 2]).asfactor();
  assert.is(c.type, 'enum');
  assert.equal(c.domain, ['1', '2', '10']);
  assert.equal(Array.from(c.codes!), [2, 1, -1, 0, 1]);
});

test('asfactor names real levels by their shortest exact form', () => {
  const c = Column.fromNumbers('r', [0.1, 1.5, 0.1]).asfactor();
  assert.equal(c.domain, ['0.1', '1.5']);
});

test('asfactor on strings sorts by code unit, as H2O sorts a domain', () => {
  const c = Column.fromStrings('s', ['b', 'B', null, 'a']).asfactor();
  assert.equal(c.domain, ['B', 'a', 'b']);
  assert.equal(Array.from(c.codes!), [2, 0, -1, 1]);
});

test('asfactor on an enum is a no-op and on a time column an error', () => {
  const e = Column.fromCodes('e', Int32Array.of(0), ['z']);
  assert.is(e.asfactor(), e);
  try { Column.fromTimes('t', [0]).asfactor(); assert.unreachable(); }
  catch (err) { assert.ok(isAquiferError(err) && err.code === 'BAD_COLUMN' && err.message.includes("'t'")); }
});

test('rows keeps the storage kind, the NA marks and the domain', () => {
  const c = Column.fromNumbers('x', [1, NaN, 3, 4]).rows([3, 1, 1]);
  assert.is(c.values!.constructor.name, 'Uint8Array');
  assert.equal([c.at(0), c.isNA(1), c.isNA(2)], [4, true, true]);
  const e = Column.fromCodes('e', Int32Array.of(0, 1), ['a', 'b']).rows([1]);
  assert.equal(e.domain, ['a', 'b']);
});

test('rows rejects an index out of range', () => {
  assert.throws(() => Column.fromNumbers('x', [1]).rows([1]), /out of range/);
});

test('clone shares the arrays but asfactor on the clone leaves the original alone', () => {
  const a = Column.fromNumbers('x', [1, 2]);
  const b = a.clone();
  b.asfactor();
  assert.is(a.type, 'int');
  assert.is(b.type, 'enum');
});

test.run();
