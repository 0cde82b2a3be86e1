import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Frame } from '../../src/frame';
import { binaryWidth, encodeCategoricals } from '../../src/data/categorical-encoding';
import { DataInfo } from '../../src/data/data-info';
import { resolveParams } from '../../src/data/params';
import { close, denseRows, packedColumn, throwsAquifer } from './helpers';

// color's domain is ['', 'blue', 'red'] (codes 2, 1, NA, 2, 0): an empty-string level and an NA.
const frame = () => Frame.fromArrays({
  color: ['red', 'blue', null, 'red', ''],
  x: [1, 3, null, 5, 7],
  y: [1, 2, 3, 4, 10],
});
const raw = { y: 'y', standardize: false } as const;

test('binary uses 1 + floor(log2 levels) bits', () => {
  assert.equal([1, 2, 3, 4, 7, 8, 1000].map(binaryWidth), [1, 2, 2, 3, 3, 4, 10]);
});

test('binary writes the bits of level + 1, least significant first, NA as all zeros, after the numerics', () => {
  const di = DataInfo.fit(frame(), { ...raw, categorical_encoding: 'binary' });
  assert.equal(di.coefNames, ['x', 'color:0', 'color:1']);
  // red = 2 → 3 = 11b, blue = 1 → 2 = 10b, NA → 0, '' = 0 → 1 = 01b.
  assert.equal(packedColumn(di, frame(), 1), [1, 0, 0, 1, 1]);
  assert.equal(packedColumn(di, frame(), 2), [1, 1, 0, 1, 0]);
});

test('binary bits are standardized like any numeric', () => {
  const di = DataInfo.fit(frame(), { y: 'y', categorical_encoding: 'binary' });
  // bit 0 = 1, 0, 0, 1, 1: mean 0.6, sd sqrt(1.2/4) = sqrt(0.3).
  close(packedColumn(di, frame(), 1), [1, 0, 0, 1, 1].map((b) => (b - 0.6) / Math.sqrt(0.3)), 1e-6);
});

test('label_encoder turns levels into their index; an NA is imputed with the mean index', () => {
  const di = DataInfo.fit(frame(), { ...raw, categorical_encoding: 'label_encoder' });
  assert.equal(di.coefNames, ['color', 'x']);
  assert.equal(packedColumn(di, frame(), 0), [2, 1, 1.25, 2, 0]);
});

test('eigen gives one column color.Eigen with the eigenvector value of each level', () => {
  const di = DataInfo.fit(frame(), { ...raw, categorical_encoding: 'eigen' });
  assert.equal(di.coefNames, ['color.Eigen', 'x']);
  // Counts '' 1, blue 1, red 2 + the NA row = 3 over n = 5: v = e_red − √.6·u with u = (√.2, √.2, √.6),
  // i.e. (−√.12, −√.12, .4)/√.4 = (−√.3, −√.3, √.4). The NA row is imputed with the mean of the others.
  const red = Math.sqrt(0.4), other = -Math.sqrt(0.3);
  close(packedColumn(di, frame(), 0), [red, other, (2 * red + 2 * other) / 4, red, other], 1e-6);
});

test('sort_by_response orders the levels by mean response before one-hot encoding', () => {
  const di = DataInfo.fit(frame(), { y: 'y', categorical_encoding: 'sort_by_response' });
  // Mean y: '' 10, blue 2, red (1 + 4)/2 = 2.5.
  assert.equal(di.categoricals[0]!.domain, ['blue', 'red', '']);
  assert.equal(di.coefNames, ['color.blue', 'color.red', 'color.', 'color.missing(NA)', 'x']);
  assert.equal(denseRows(di, frame()).map((r) => r.slice(0, 4)), [[0, 1, 0, 0], [1, 0, 0, 0], [0, 0, 0, 1], [0, 1, 0, 0], [0, 0, 1, 0]]);
});

test('sort_by_response with a categorical response uses the mean class index', () => {
  const f = Frame.fromArrays({ g: ['p', 'q', 'p', 'r', 'q'], c: ['no', 'yes', 'no', 'yes', 'no'] });
  // Mean of the class index (no = 0, yes = 1): p 0, q 0.5, r 1.
  assert.equal(DataInfo.fit(f, { y: 'c', categorical_encoding: 'sort_by_response' }).categoricals[0]!.domain, ['p', 'q', 'r']);
  const f2 = Frame.fromArrays({ g: ['p', 'q', 'p', 'r', 'r'], c: ['yes', 'no', 'yes', 'no', 'no'] });
  assert.equal(DataInfo.fit(f2, { y: 'c', categorical_encoding: 'sort_by_response' }).categoricals[0]!.domain, ['q', 'r', 'p']);
});

test('sort_by_response without a response is rejected', () => {
  throwsAquifer(() => DataInfo.fit(frame(), { autoencoder: true, categorical_encoding: 'sort_by_response' }),
    'BAD_PARAMETER', 'categorical_encoding');
});

test('enum_limited keeps the most frequent levels and merges the rest into other', () => {
  const f = Frame.fromArrays({ lvl: ['b', 'a', 'b', 'c', 'a'], y: [1, 2, 3, 4, 5] });
  const di = DataInfo.fit(f, { y: 'y', categorical_encoding: 'enum_limited', max_categorical_levels: 2 });
  assert.equal(di.categoricals[0]!.name, 'lvl.top_2_levels');
  // a and b are seen twice each (tie: domain order), c once → other.
  assert.equal(di.categoricals[0]!.domain, ['a', 'b', 'other']);
  assert.equal(denseRows(di, f).map((r) => r.slice(0, 4)), [[0, 1, 0, 0], [1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [1, 0, 0, 0]]);
});

test('enum_limited keeps only levels seen at least twice', () => {
  const f = Frame.fromArrays({ lvl: ['a', 'a', 'b', 'c', 'd'], y: [1, 2, 3, 4, 5] });
  const di = DataInfo.fit(f, { y: 'y', categorical_encoding: 'enum_limited', max_categorical_levels: 3 });
  assert.equal(di.categoricals[0]!.domain, ['a', 'other']);
});

test('enum_limited leaves a column with few enough levels as it is', () => {
  const di = DataInfo.fit(frame(), { y: 'y', categorical_encoding: 'enum_limited' });
  assert.equal(di.categoricals[0]!.name, 'color');
  assert.equal(di.categoricals[0]!.domain, ['', 'blue', 'red']);
});

test('enum_limited at scoring: a merged training level is other, an unseen level is NA with a warning', () => {
  const f = Frame.fromArrays({ lvl: ['b', 'a', 'b', 'c', 'a'], y: [1, 2, 3, 4, 5] });
  const di = DataInfo.fit(f, { y: 'y', categorical_encoding: 'enum_limited', max_categorical_levels: 2 });
  const test2 = Frame.fromArrays({ lvl: ['c', 'zz', 'a'], y: [1, 2, 3] });
  const rows = di.transform(test2);
  assert.equal(Array.from(rows.chunks[0]!.cat), [2, 3, 0]);
  assert.equal(rows.warnings, ["Test/Validation dataset column 'lvl' has levels not trained on: [zz]"]);
});

test('the encoded features come in the order of H2O\'s encoded frame', () => {
  const f = Frame.fromArrays({ a: ['u', 'v', 'u', 'v', 'u'], n: [1, 2, 3, 4, 5], b: ['p', 'q', 'r', 'p', 'q'], y: [1, 2, 3, 4, 5] });
  const names = (enc: string) => encodeCategoricals(f, ['a', 'n', 'b'], resolveParams({ y: 'y', categorical_encoding: enc }),
    f.col('y').toFloat64()).map((x) => x.name);
  assert.equal(names('AUTO'), ['a', 'n', 'b']);
  assert.equal(names('binary'), ['n', 'a:0', 'a:1', 'b:0', 'b:1']);
  assert.equal(names('eigen'), ['a.Eigen', 'n', 'b.Eigen']);
  assert.equal(names('label_encoder'), ['a', 'n', 'b']);
});

test.run();
