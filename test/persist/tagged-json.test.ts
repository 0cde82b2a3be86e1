import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseTagged, stringifyTagged } from '../../src/persist/tagged-json';
import { isAquiferError } from '../../src/util/errors';

test('NaN, ±Infinity, −0 and bigints survive a round trip', () => {
  const v = { a: NaN, b: Infinity, c: -Infinity, d: -0, e: 0, f: 1.5e-300, seed: -8070450532247928833n, list: [NaN, 2n, 3] };
  const back = parseTagged(stringifyTagged(v)) as typeof v;
  assert.ok(Number.isNaN(back.a));
  assert.is(back.b, Infinity);
  assert.is(back.c, -Infinity);
  assert.ok(Object.is(back.d, -0));
  assert.ok(Object.is(back.e, 0));
  assert.is(back.f, 1.5e-300);
  assert.is(back.seed, -8070450532247928833n);
  assert.ok(Number.isNaN(back.list[0] as number));
  assert.is(back.list[1], 2n);
});

test('doubles keep every bit', () => {
  const xs = [0.1, 1 / 3, Math.PI, 2 ** -1074, Number.MAX_VALUE, 3.4028235e38];
  assert.equal(parseTagged(stringifyTagged(xs)), xs);
});

test('objects that only look like tags stay objects', () => {
  const v = { x: { '@number': 'one' }, y: { '@bigint': '1e3' }, z: { '@number': 'NaN', other: 1 } };
  assert.equal(parseTagged(stringifyTagged(v)), v);
});

test('functions, typed arrays and class instances are refused, not written as something else', () => {
  for (const bad of [{ f: () => 1 }, { t: new Float64Array(2) }, { m: new Map() }]) {
    assert.throws(() => stringifyTagged(bad), (e: Error) => isAquiferError(e) && e.code === 'INTERNAL');
  }
});

test.run();
