import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Frame } from '../../src/frame';
import { DataInfo, type DataInfoJSON } from '../../src/data/data-info';
import { hashedUnit } from '../../src/data/murmur-hash';
import { denseRows, throwsAquifer } from './helpers';

// size has 3 levels, color 3 (with '' and an NA), flag 2: adapted order size, color (ties keep
// their pass order), flag, then the numerics x, z in frame order.
const frame = () => Frame.fromArrays({
  x: [1, 3, null, 5, 7],
  flag: ['no', 'yes', 'no', 'no', 'yes'],
  color: ['red', 'blue', null, 'red', ''],
  z: [0, 0, 1, 0, 2],
  size: ['S', 'M', 'L', 'M', 'M'],
  y: [10, 20, 30, 40, 50],
});

test('categoricals come first by decreasing cardinality, then the numerics in frame order', () => {
  const di = DataInfo.fit(frame(), { y: 'y' });
  assert.equal(di.names, ['color', 'size', 'flag', 'x', 'z', 'y']);
});

test('every categorical block ends with its NA bucket, named col.missing(NA)', () => {
  const di = DataInfo.fit(frame(), { y: 'y' });
  assert.equal(di.coefNames, [
    'color.', 'color.blue', 'color.red', 'color.missing(NA)',
    'size.L', 'size.M', 'size.S', 'size.missing(NA)',
    'flag.no', 'flag.yes', 'flag.missing(NA)', 'x', 'z',
  ]);
  assert.equal(Array.from(di.catOffsets), [0, 4, 8, 11]);
  assert.is(di.numStart, 11);
  assert.is(di.n0, 13);
  assert.equal(di.inputNames, di.coefNames);
});

test('level v lights unit catOffsets[i] + v and an NA lights the bucket', () => {
  const di = DataInfo.fit(frame(), { y: 'y' });
  const hot = denseRows(di, frame()).map((r) => r.slice(0, 11).flatMap((v, k) => (v === 1 ? [k] : [])));
  assert.equal(hot, [[2, 6, 8], [1, 5, 9], [3, 4, 8], [2, 5, 8], [0, 5, 9]]);
});

test('use_all_factor_levels false drops the first level\'s unit; it lights nothing, an NA still lights the bucket', () => {
  const di = DataInfo.fit(frame(), { y: 'y', use_all_factor_levels: false });
  assert.equal(di.coefNames, [
    'color.blue', 'color.red', 'color.missing(NA)', 'size.M', 'size.S', 'size.missing(NA)',
    'flag.yes', 'flag.missing(NA)', 'x', 'z',
  ]);
  const hot = (f: Frame, training: boolean) =>
    denseRows(di, f, { training }).map((r) => r.slice(0, 8).flatMap((v, k) => (v === 1 ? [k] : [])));
  const expected = [[1, 4], [0, 3, 6], [2], [1, 3], [3, 6]];
  assert.equal(hot(frame(), true), expected);
  assert.equal(hot(frame(), false), expected);
});

test('names end with the weights, offset and response columns', () => {
  const f = Frame.fromArrays({ o: [0, 1, 0, 1, 0], x: [1, 2, 3, 4, 5], w: [1, 1, 2, 2, 1], y: [1, 2, 3, 4, 6] });
  assert.equal(DataInfo.fit(f, { y: 'y', weights_column: 'w', offset_column: 'o' }).names, ['x', 'w', 'o', 'y']);
});

test('regression has one output, an autoencoder none', () => {
  assert.is(DataInfo.fit(frame(), { y: 'y' }).nclasses, 1);
  assert.is(DataInfo.fit(frame(), { y: 'y' }).responseDomain, null);
  assert.is(DataInfo.fit(frame(), { autoencoder: true }).nclasses, 0);
});

test('hashing starts when max_categorical_features is below the one-hot width', () => {
  assert.not.ok(DataInfo.fit(frame(), { y: 'y', max_categorical_features: 11 }).hashing);
  const di = DataInfo.fit(frame(), { y: 'y', max_categorical_features: 10 });
  assert.ok(di.hashing);
  assert.is(di.n0, 12);
  assert.equal(di.inputNames, ['hash.0', 'hash.1', 'hash.2', 'hash.3', 'hash.4', 'hash.5', 'hash.6', 'hash.7', 'hash.8', 'hash.9', 'x', 'z']);
});

test('hashed rows add 1 at |murmur(unit) rem M| and put the numerics after the M hashed units', () => {
  const M = 3, seed = 1234;
  const di = DataInfo.fit(frame(), { y: 'y', max_categorical_features: M, seed, standardize: false });
  const oneHot = [[2, 6, 8], [1, 5, 9], [3, 4, 8], [2, 5, 8], [0, 5, 9]];
  const xs = [1, 3, 4, 5, 7], zs = [0, 0, 1, 0, 2];
  const expected = oneHot.map((units, i) => {
    const v = new Array<number>(M + 2).fill(0);
    for (const u of units) v[hashedUnit(u, seed, M)] += 1;
    v[M] = xs[i]!; v[M + 1] = zs[i]!;
    return v;
  });
  assert.equal(denseRows(di, frame()), expected);
});

test('toJSON is plain data that survives JSON, and the restored DataInfo packs identical rows', () => {
  const f = frame();
  for (const p of [{ y: 'y' }, { y: 'y', categorical_encoding: 'eigen', sparse: true }, { y: 'size', use_all_factor_levels: false },
    { autoencoder: true, categorical_encoding: 'binary' }, { y: 'y', max_categorical_features: 4, seed: 7 }]) {
    const di = DataInfo.fit(f, p);
    const json = JSON.parse(JSON.stringify(di)) as DataInfoJSON;
    assert.equal(json, di.toJSON());
    const back = DataInfo.fromJSON(json);
    assert.equal(back.toJSON(), di.toJSON());
    const a = di.packRows(f, { training: true }), b = back.packRows(f, { training: true });
    assert.equal(b.chunks.map((c) => new Uint8Array(c.buffer.slice(0))), a.chunks.map((c) => new Uint8Array(c.buffer.slice(0))));
  }
});

test('fromJSON rejects what is not a DataInfo', () => {
  throwsAquifer(() => DataInfo.fromJSON({ format: 'other' } as unknown as DataInfoJSON), 'BAD_MODEL_FILE');
  const json = DataInfo.fit(frame(), { y: 'y' }).toJSON();
  throwsAquifer(() => DataInfo.fromJSON({ ...json, norm_mul: [1] }), 'BAD_MODEL_FILE', undefined, /norm_mul/);
});

test('a 10,000-level factor is carried as one int per row, not 10,000 floats', () => {
  const n = 20000, levels = Array.from({ length: n }, (_, i) => `L${i % 10000}`);
  const f = Frame.fromArrays({ big: levels, x: Array.from({ length: n }, (_, i) => i % 7), y: Array.from({ length: n }, (_, i) => i % 3) });
  const di = DataInfo.fit(f, { y: 'y' });
  assert.is(di.n0, 10001 + 1);
  const rows = di.packRows(f);
  assert.is(rows.bytes, n * 4 * (1 + 1 + 4));
  const { chunk, r } = rows.locate(12345);
  assert.is(chunk.cat[r], di.categoricals[0]!.domain.indexOf('L2345'));
});

test.run();
