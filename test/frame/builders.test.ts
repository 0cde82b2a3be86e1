import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { EnumBuilder, NumericBuilder, TimeBuilder } from '../../src/frame/builders';

/** Writes `values` (NaN = NA) through a builder in blocks of the given sizes, as the parser does. */
function build(values: number[], sizes: number[]): NumericBuilder {
  const b = new NumericBuilder();
  let block = 0, base = 0;
  b.startBlock(0, sizes[0]!);
  values.forEach((v, i) => {
    if (i - base === sizes[block]) { base += sizes[block]!; block++; b.startBlock(block, sizes[block]!); }
    b.set(i - base, v);
  });
  return b;
}

const read = (values: number[], sizes: number[]) => {
  const c = build(values, sizes).finish('x', values.length);
  return { c, got: Array.from({ length: values.length }, (_, i) => c.at(i)) };
};

test('a column that nearly fills its first block is finished without a copy, else copied', () => {
  const fill = (cap: number, n: number) => {
    const b = new NumericBuilder();
    b.startBlock(0, cap);
    for (let i = 0; i < n; i++) b.set(i, i % 200);
    return b.finish('x', n).values!;
  };
  assert.equal([fill(100, 99).length, fill(100, 99).buffer.byteLength], [99, 100]);   // 1 % unused: kept
  assert.equal([fill(100, 50).length, fill(100, 50).buffer.byteLength], [50, 50]);    // half unused: copied
});

test('widening to Int16 and Int32 keeps earlier blocks and their NA marks', () => {
  const vals = [1, NaN, 3, 400, NaN, -5, 100000, 7];
  const { c, got } = read(vals, [3, 2, 4]);
  assert.is(c.values!.constructor.name, 'Int32Array');
  assert.equal(got.map((v) => (Number.isNaN(v) ? 'NA' : v)), [1, 'NA', 3, 400, 'NA', -5, 100000, 7]);
});

test('widening to Float64 turns NA marks into NaN, and exact reals end as Float32', () => {
  const { c, got } = read([1, NaN, 2, 2.5], [2, 2]);
  assert.is(c.type, 'real');
  assert.is(c.values!.constructor.name, 'Float32Array');
  assert.ok(Number.isNaN(got[1]!));
  assert.equal([got[0], got[2], got[3]], [1, 2, 2.5]);
});

test('storage narrows at the end: Int8 and Uint16 when the whole column allows', () => {
  assert.is(read([-3, 100, NaN], [3]).c.values!.constructor.name, 'Int8Array');
  assert.is(read([40000, 1], [1, 1]).c.values!.constructor.name, 'Uint16Array');
  assert.is(read([0.1, 1e300], [2]).c.values!.constructor.name, 'Float64Array');
});

test('clear() forgets an NA mark of a row that is parsed again', () => {
  const b = new NumericBuilder();
  b.startBlock(0, 2);
  b.setNA(1);
  b.clear(1);
  b.set(1, 9);
  const c = b.finish('x', 2);
  assert.is(c.at(1), 9);
  assert.not.ok(c.isNA(1));
});

test('an enum builder sorts its domain and remaps codes, across blocks', () => {
  const e = new EnumBuilder();
  e.startBlock(0, 2);
  e.cur[0] = e.code('pear'); e.cur[1] = -1;
  e.startBlock(1, 2);
  e.cur[0] = e.code('apple'); e.cur[1] = e.code('pear');
  const c = e.finish('f', 4);
  assert.equal(c.domain, ['apple', 'pear']);
  assert.equal(Array.from(c.codes!), [1, -1, 0, 1]);
});

test('a time builder concatenates its blocks', () => {
  const t = new TimeBuilder();
  t.startBlock(0, 1); t.cur[0] = 5;
  t.startBlock(1, 3); t.cur[0] = NaN; t.cur[1] = 7;
  const c = t.finish('t', 3);
  assert.equal([c.at(0), c.isNA(1), c.at(2)], [5, true, 7]);
});

test.run();
