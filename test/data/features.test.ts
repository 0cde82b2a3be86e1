import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Frame } from '../../src/frame';
import { DataInfo } from '../../src/data/data-info';
import { close, denseRows, packedColumn, throwsAquifer } from './helpers';

// Training: color's domain is ['', 'blue', 'red']; x has mean 4 and sd sqrt(20/3).
const train = () => Frame.fromArrays({
  color: ['red', 'blue', null, 'red', ''],
  x: [1, 3, null, 5, 7],
  y: ['a', 'b', 'a', 'b', 'a'],
});
const SD = Math.sqrt(20 / 3);
const colorUnits = (rows: number[][]) => rows.map((r) => r.slice(0, 4).flatMap((v, k) => (v === 1 ? [k] : [])));

test('an unseen level at scoring lights the NA bucket, and the warning names the column and the levels', () => {
  const di = DataInfo.fit(train(), { y: 'y' });
  const score = Frame.fromArrays({ color: ['green', 'red', 'pink', 'green', 'blue'], x: [1, 2, 3, 4, 5] });
  assert.equal(colorUnits(denseRows(di, score)), [[3], [2], [3], [3], [1]]);
  assert.equal(di.transform(score).warnings, ["Test/Validation dataset column 'color' has levels not trained on: [green, pink]"]);
});

test('levels are matched by name, not by code', () => {
  const di = DataInfo.fit(train(), { y: 'y' });
  // 'red' and 'blue' only: codes 1 and 0 here, units 2 and 1 in the training layout.
  const score = Frame.fromArrays({ color: ['red', 'blue', 'red', 'red', 'blue'], x: [1, 2, 3, 4, 5] });
  assert.equal(score.col('color').domain, ['blue', 'red']);
  assert.equal(colorUnits(denseRows(di, score)), [[2], [1], [2], [2], [1]]);
});

test('an empty-string level is a level of its own, not an NA', () => {
  const di = DataInfo.fit(train(), { y: 'y' });
  assert.equal(colorUnits(denseRows(di, train())), [[2], [1], [3], [2], [0]]);
});

test('a string or numeric scoring column is matched against the levels by its text', () => {
  const f = Frame.fromArrays({ n: [1, 2, 10, 2, 1], y: [1, 2, 3, 4, 5] }).asfactor('n');
  const di = DataInfo.fit(f, { y: 'y' });
  assert.equal(di.categoricals[0]!.domain, ['1', '2', '10']);
  const asNumbers = Frame.fromArrays({ n: [10, 2, 7, 1, null] });
  assert.equal(denseRows(di, asNumbers).map((r) => r.slice(0, 4)), [[0, 0, 1, 0], [0, 1, 0, 0], [0, 0, 0, 1], [1, 0, 0, 0], [0, 0, 0, 1]]);
  assert.match(di.transform(asNumbers).warnings.join(), /'n' has levels not trained on: \[7\]/);
  const asStrings = Frame.fromArrays({ n: ['10', '2', '1', null, '1'] }, { types: { n: 'string' } });
  assert.equal(denseRows(di, asStrings).map((r) => r.slice(0, 4)), [[0, 0, 1, 0], [0, 1, 0, 0], [1, 0, 0, 0], [0, 0, 0, 1], [1, 0, 0, 0]]);
});

test('a predictor column missing at scoring is all NA, with a warning', () => {
  const di = DataInfo.fit(train(), { y: 'y' });
  const score = Frame.fromArrays({ x: [1, 2, 3, 4, 5] });
  assert.equal(colorUnits(denseRows(di, score)), [[3], [3], [3], [3], [3]]);
  const noX = Frame.fromArrays({ color: ['red', 'red', 'red', 'red', 'red'] });
  assert.equal(packedColumn(di, noX, 0), [0, 0, 0, 0, 0]);
  assert.equal(di.transform(noX).warnings, ["Test/Validation dataset is missing column 'x': substituting in a column of NA"]);
});

test('in sparse mode a missing numeric column is 0, not NA', () => {
  const di = DataInfo.fit(train(), { y: 'y', sparse: true });
  const noX = Frame.fromArrays({ color: ['red', 'red', 'red', 'red', 'red'] });
  assert.equal(packedColumn(di, noX, 0), [0, 0, 0, 0, 0]);
  // With the column present, an NA is the training mean (descaled): 4/sd.
  close(packedColumn(di, Frame.fromArrays({ x: [null, 2] }), 0), [4 / SD, 2 / SD]);
  assert.match(di.transform(noX).warnings.join(), /column of 0/);
});

test('a numeric training column that is categorical at scoring is a BAD_COLUMN naming it', () => {
  const di = DataInfo.fit(train(), { y: 'y' });
  throwsAquifer(() => di.transform(Frame.fromArrays({ x: ['a', 'b'] })), 'BAD_COLUMN', 'x');
});

test('a missing response scores as NaN; an unseen response level is NaN with a warning', () => {
  const di = DataInfo.fit(train(), { y: 'y' });
  close(packedColumn(di, Frame.fromArrays({ x: [1, 2] }), 'response'), [NaN, NaN]);
  const score = Frame.fromArrays({ color: ['red', 'red', 'red'], x: [1, 2, 3], y: ['b', 'c', 'a'] });
  close(packedColumn(di, score, 'response'), [1, NaN, 0]);
  assert.equal(di.transform(score).warnings, ["Test/Validation dataset column 'y' has levels not trained on: [c]"]);
});

test('a missing weights column scores with weight 1; a missing offset column is an error', () => {
  const weighted = Frame.fromArrays({ x: [1, 3, null, 5, 7], w: [1, 1, 2, 1, 1], y: ['a', 'b', 'a', 'b', 'a'] });
  const di = DataInfo.fit(weighted, { y: 'y', weights_column: 'w' });
  assert.equal(packedColumn(di, Frame.fromArrays({ x: [1, 2] }), 'weight'), [1, 1]);
  const reg = Frame.fromArrays({ x: [1, 2, 3, 4, 5], o: [0, 1, 0, 1, 0], y: [1, 2, 3, 4, 6] });
  const dr = DataInfo.fit(reg, { y: 'y', offset_column: 'o' });
  throwsAquifer(() => dr.transform(Frame.fromArrays({ x: [1, 2] })), 'BAD_COLUMN', 'o', /missing offset column/);
});

test('a binary-encoded column reports its unseen levels once', () => {
  const di = DataInfo.fit(train(), { y: 'y', categorical_encoding: 'binary' });
  const score = Frame.fromArrays({ color: ['green', 'red'], x: [1, 2] });
  assert.equal(di.transform(score).warnings, ["Test/Validation dataset column 'color' has levels not trained on: [green]"]);
});

test.run();
