import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { from as aqFrom } from 'arquero';
import { Frame } from '../../src/frame/frame';
import { Column } from '../../src/frame/column';
import { isAquiferError } from '../../src/util/errors';

// Five rows with NA, an empty string, a constant column and a numeric factor.
const fixture = () => Frame.fromArrays({
  x: [1.5, null, 3, -2, 0],
  n: [1, 2, 10, 2, undefined],
  color: ['red', 'blue', null, '', 'red'],
  k: [7, 7, 7, 7, 7],
  when: [new Date(Date.UTC(2020, 0, 1)), null, new Date(Date.UTC(2021, 5, 6)), new Date(0), new Date(Date.UTC(1999, 11, 31))],
});

function throwsCode(fn: () => unknown, code: string, text: RegExp): void {
  try { fn(); } catch (e) {
    assert.ok(isAquiferError(e), `not an AquiferError: ${e}`);
    assert.is((e as { code: string }).code, code);
    assert.match((e as Error).message, text);
    return;
  }
  assert.unreachable('did not throw');
}

test('fromArrays infers real, int, enum and time and keeps the order of the keys', () => {
  const f = fixture();
  assert.equal(f.names, ['x', 'n', 'color', 'k', 'when']);
  assert.equal(f.types, ['real', 'int', 'enum', 'int', 'time']);
  assert.is(f.nrow, 5);
  assert.is(f.ncol, 5);
});

test('an empty string is a level, null is NA', () => {
  const c = fixture().col('color');
  assert.equal(c.domain, ['', 'blue', 'red']);
  assert.equal(Array.from(c.codes!), [2, 1, -1, 0, 2]);
});

test('col names the missing column and suggests a close one', () => {
  throwsCode(() => fixture().col('colour'), 'BAD_COLUMN', /'colour'.*did you mean 'color'/);
});

test('asfactor converts in place and sorts numeric levels numerically', () => {
  const f = fixture();
  assert.is(f.asfactor('n'), f);
  assert.is(f.types[1], 'enum');
  assert.equal(f.col('n').domain, ['1', '2', '10']);
  assert.equal(Array.from(f.col('n').codes!), [0, 1, 2, 1, -1]);
});

test('asfactor through col() changes the frame, and frames derived earlier keep their type', () => {
  const f = fixture();
  const g = f.drop('x');
  f.col('k').asfactor();
  assert.is(f.col('k').type, 'enum');
  assert.is(g.col('k').type, 'int');
});

test('describe gives H2O summary statistics with NA and zero counts', () => {
  const [x, , color, k] = fixture().describe();
  assert.equal({ min: x!.min, max: x!.max, missing: x!.missing, zeros: x!.zeros }, { min: -2, max: 3, missing: 1, zeros: 1 });
  assert.is(x!.mean, 0.625);
  const sd = Math.sqrt([1.5, 3, -2, 0].reduce((s, v) => s + (v - 0.625) ** 2, 0) / 3);
  assert.ok(Math.abs(x!.sd - sd) < 1e-12);
  assert.is(color!.cardinality, 3);
  assert.is(color!.missing, 1);
  assert.is(k!.sd, 0);
  assert.is(x!.cardinality, null);
});

test('head and rows subset every column', () => {
  const f = fixture();
  assert.is(f.head(2).nrow, 2);
  assert.is(f.head(99).nrow, 5);
  const r = f.rows(Int32Array.of(4, 0));
  assert.equal([r.col('x').at(0), r.col('x').at(1), r.col('color').str(0)], [0, 1.5, 'red']);
  assert.equal(r.col('color').domain, ['', 'blue', 'red']);
});

test('splitFrame is reproducible for a seed and partitions the rows', () => {
  const big = Frame.fromArrays({ i: Array.from({ length: 10000 }, (_, i) => i) });
  const [a, b] = big.splitFrame([0.75], { seed: 1234 });
  const [a2] = big.splitFrame([0.75], { seed: 1234 });
  assert.is(a!.nrow + b!.nrow, 10000);
  assert.equal(Array.from(a!.col('i').toFloat64()), Array.from(a2!.col('i').toFloat64()));
  assert.ok(Math.abs(a!.nrow / 10000 - 0.75) < 0.02, `${a!.nrow}`);
  const seen = new Set([...a!.col('i').toFloat64(), ...b!.col('i').toFloat64()]);
  assert.is(seen.size, 10000);
});

test('splitFrame with two ratios gives three parts and another seed another split', () => {
  const big = Frame.fromArrays({ i: Array.from({ length: 1000 }, (_, i) => i) });
  const parts = big.splitFrame([0.6, 0.2], { seed: 1 });
  assert.is(parts.length, 3);
  assert.is(parts.reduce((s, p) => s + p.nrow, 0), 1000);
  const other = big.splitFrame([0.6, 0.2], { seed: 2 });
  assert.not.equal(Array.from(parts[0]!.col('i').toFloat64()), Array.from(other[0]!.col('i').toFloat64()));
});

test('splitFrame rejects ratios that do not leave a last part', () => {
  throwsCode(() => fixture().splitFrame([0.5, 0.5]), 'BAD_PARAMETER', /less than 1/);
  throwsCode(() => fixture().splitFrame([0]), 'BAD_PARAMETER', /between 0 and 1/);
});

test('fromArrays honours explicit types and rejects values that do not fit', () => {
  const f = Frame.fromArrays({ a: ['1', '2', null], b: [1, 2, 3], t: ['2020-01-01', null, '2020-01-02 10:00'] }, { types: { a: 'int', b: 'real', t: 'time' } });
  assert.equal(f.types, ['int', 'real', 'time']);
  assert.is(f.col('t').at(2), Date.UTC(2020, 0, 2, 10));
  throwsCode(() => Frame.fromArrays({ a: [1.5] }, { types: { a: 'int' } }), 'BAD_COLUMN', /'a'.*1\.5/);
  throwsCode(() => Frame.fromArrays({ a: ['x'] }, { types: { a: 'real' } }), 'BAD_COLUMN', /"x"/);
  throwsCode(() => Frame.fromArrays({ a: [1] }, { types: { b: 'real' } }), 'BAD_COLUMN', /'b'/);
});

test('fromArrays rejects columns of different lengths and unsupported values', () => {
  throwsCode(() => Frame.fromArrays({ a: [1, 2], b: [1] }), 'BAD_FRAME', /'b' has 1 rows/);
  throwsCode(() => Frame.fromArrays({ a: [{}] as never }), 'BAD_COLUMN', /'a' row 0/);
});

test('fromArrays rejects a non-object, and a column that is not an array, naming what it got', () => {
  for (const [bad, got] of [[null, /not null/], ['a,b', /not a string/], [[[1, 2]], /not an array.*fromObjects/], [new Float64Array(2), /not a Float64Array/]] as const)
    throwsCode(() => Frame.fromArrays(bad as never), 'BAD_PARAMETER', got);
  throwsCode(() => Frame.fromArrays({ a: [1], b: 5 as never }), 'BAD_COLUMN', /column 'b' is a number/);
  throwsCode(() => Frame.fromArrays({ a: 'xyz' as never }), 'BAD_COLUMN', /column 'a' is a string/);
});

test('fromArrays takes typed arrays and Columns without re-inferring', () => {
  const f = Frame.fromArrays({ u: new Float64Array([1, 2]), c: Column.fromCodes('old', Int32Array.of(0, 0), ['z']) });
  assert.equal(f.types, ['int', 'enum']);
  assert.is(f.col('c').name, 'c');
});

test('fromObjects takes the union of keys, absent keys as NA', () => {
  const f = Frame.fromObjects([{ a: 1, b: 'x' }, { a: 2 }, { c: true }]);
  assert.equal(f.names, ['a', 'b', 'c']);
  assert.ok(f.col('b').isNA(1));
  assert.equal(f.col('c').domain, ['true']);
});

test('fromObjects rejects a non-array, and rows that are not objects, naming what it got', () => {
  for (const [bad, got] of [[{ a: 1 }, /array of row objects.*not an object/], ['a,b\n1,2', /not a string/], [null, /not null/]] as const)
    throwsCode(() => Frame.fromObjects(bad as never), 'BAD_PARAMETER', got);
  throwsCode(() => Frame.fromObjects([{ a: 1 }, null] as never), 'BAD_PARAMETER', /row 1 is null/);
});

test('Frame to arquero and back keeps types, values and NA', () => {
  const f = fixture();
  f.asfactor('n');
  const t = f.toArquero();
  assert.equal(t.columnNames(), f.names);
  assert.is(t.get('color', 2), null);
  assert.ok(t.get('when', 0) instanceof Date);
  const g = Frame.fromArquero(t);
  assert.equal(g.types, f.types);
  for (const name of f.names) for (let i = 0; i < f.nrow; i++) assert.is(g.col(name).str(i), f.col(name).str(i), `${name}[${i}]`);
});

test('fromArquero reads a filtered arquero table', () => {
  const t = aqFrom([{ a: 1, s: 'p' }, { a: 5, s: 'q' }, { a: null, s: null }]).filter((d: { a: number }) => d.a !== 1);
  const f = Frame.fromArquero(t);
  assert.is(f.nrow, 2);
  assert.equal(f.types, ['int', 'enum']);
  assert.ok(f.col('a').isNA(1));
});

test('select, drop, rename and withColumns make new frames', () => {
  const f = fixture();
  assert.equal(f.select(['k', 'x']).names, ['k', 'x']);
  assert.equal(f.drop(['x', 'when']).names, ['n', 'color', 'k']);
  assert.equal(f.rename({ x: 'y' }).names[0], 'y');
  const g = f.withColumns({ x: [0, 0, 0, 0, 0], z: ['a', 'b', 'a', 'b', 'a'] });
  assert.equal(g.names, ['x', 'n', 'color', 'k', 'when', 'z']);
  assert.is(g.col('x').at(0), 0);
  assert.is(f.col('x').at(0), 1.5);
  throwsCode(() => f.drop('nope'), 'BAD_COLUMN', /'nope'/);
});

test('a frame rejects duplicate column names', () => {
  throwsCode(() => new Frame([Column.fromNumbers('a', [1]), Column.fromNumbers('a', [2])]), 'BAD_FRAME', /'a' appears twice/);
});

test.run();
