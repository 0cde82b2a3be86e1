import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Frame } from '../../src/frame';
import { DataInfo } from '../../src/data/data-info';
import { exchangeSortByCardinality } from '../../src/data/fit';
import { close, packedColumn, throwsAquifer } from './helpers';

// x: 1, 3, NA, 5, 7 → mean 4, sample sd sqrt(20/3), range 6. y: 10, 20, 30, 40, NA → mean 25, sd sqrt(500/3).
const frame = () => Frame.fromArrays({
  color: ['red', 'blue', null, 'red', ''],
  x: [1, 3, null, 5, 7],
  const5: [5, 5, 5, 5, 5],
  y: [10, 20, 30, 40, null],
});
const SD = Math.sqrt(20 / 3), SDY = Math.sqrt(500 / 3);
const x = (di: DataInfo, f = frame()) => packedColumn(di, f, di.numerics.findIndex((n) => n.name === 'x'));

test('the exchange sort by cardinality is H2O\'s literal pass: [1a, 1b, 2] becomes [2, 1b, 1a]', () => {
  const c = (name: string, n: number) => ({ name, domain: Array.from({ length: n }, (_, k) => String(k)) });
  assert.equal(exchangeSortByCardinality([c('1a', 1), c('1b', 1), c('2', 2)]).map((f) => f.name), ['2', '1b', '1a']);
  assert.equal(exchangeSortByCardinality([c('a', 2), c('b', 5), c('c', 3), c('d', 5)]).map((f) => f.name), ['b', 'd', 'c', 'a']);
});

test('standardize (dense) centers and scales by the sample sd; an NA becomes the mean, i.e. 0', () => {
  const di = DataInfo.fit(frame(), { y: 'y' });
  assert.is(di.transformType, 'standardize');
  close(x(di), [-3 / SD, -1 / SD, 0, 1 / SD, 3 / SD]);
});

test('sparse descales without centering; an NA becomes mean/sd', () => {
  const di = DataInfo.fit(frame(), { y: 'y', sparse: true });
  assert.is(di.transformType, 'descale');
  close(x(di), [1 / SD, 3 / SD, 4 / SD, 5 / SD, 7 / SD]);
});

test('an autoencoder normalizes: (x − mean)/(max − min)', () => {
  const di = DataInfo.fit(frame(), { autoencoder: true });
  assert.is(di.transformType, 'normalize');
  close(x(di), [-0.5, -1 / 6, 0, 1 / 6, 0.5]);
});

test('without standardize values stay raw and an NA is the mean', () => {
  const di = DataInfo.fit(frame(), { y: 'y', standardize: false });
  assert.equal(x(di), [1, 3, 4, 5, 7]);
});

test('a kept constant column gets multiplier 1', () => {
  const di = DataInfo.fit(frame(), { y: 'y', ignore_const_cols: false });
  const j = di.numerics.findIndex((n) => n.name === 'const5');
  assert.is(di.normMul[j], 1);
  assert.equal(packedColumn(di, frame(), j), [0, 0, 0, 0, 0]);
});

test('an identity-link regression response is standardized; an NA response stays NaN', () => {
  const di = DataInfo.fit(frame(), { y: 'y', distribution: 'gaussian' });
  assert.ok(di.response!.standardized);
  close([di.normRespSub, di.normRespMul], [25, 1 / SDY], 1e-12);
  close(packedColumn(di, frame(), 'response'), [-15 / SDY, -5 / SDY, 5 / SDY, 15 / SDY, NaN]);
});

test('predictions in training units map back to the response: out/normRespMul + normRespSub', () => {
  const di = DataInfo.fit(frame(), { y: 'y' });
  close([di.unstandardizeResponse(0), di.unstandardizeResponse(1)], [25, 25 + SDY], 1e-9);
});

test('log-link distributions and standardize=false leave the response raw', () => {
  for (const p of [{ distribution: 'poisson' }, { distribution: 'tweedie' }, { standardize: false }]) {
    const di = DataInfo.fit(frame(), { y: 'y', ...p });
    assert.not.ok(di.response!.standardized);
    close(packedColumn(di, frame(), 'response'), [10, 20, 30, 40, NaN]);
    assert.is(di.unstandardizeResponse(7), 7);
  }
});

test('a categorical response is packed as its class index', () => {
  const di = DataInfo.fit(frame(), { y: 'color' });
  assert.equal(di.responseDomain, ['', 'blue', 'red']);
  assert.is(di.nclasses, 3);
  close(packedColumn(di, frame(), 'response'), [2, 1, NaN, 2, 0]);
});

test('Skip drops training rows with a missing predictor and fits the statistics on the rest', () => {
  const f = Frame.fromArrays({ a: [1, 2, 3, 10, null], b: ['u', null, 'v', 'u', 'v'], y: [1, 2, 3, 4, 5] });
  const di = DataInfo.fit(f, { y: 'y', missing_values_handling: 'Skip' });
  // Rows 0, 2, 3 remain: a = 1, 3, 10 → mean 14/3.
  assert.is(di.numMeans[0], 14 / 3);
  const rows = di.packRows(f, { training: true });
  assert.is(rows.nrows, 3);
  assert.is(rows.skippedRows, 2);
  assert.equal(Array.from(rows.chunks[0]!.row), [0, 2, 3]);
});

test('Skip has no effect at scoring: every row is packed and NAs are imputed', () => {
  const f = Frame.fromArrays({ a: [1, 2, 3, 10, null], b: ['u', null, 'v', 'u', 'v'], y: [1, 2, 3, 4, 5] });
  const di = DataInfo.fit(f, { y: 'y', missing_values_handling: 'Skip' });
  const rows = di.transform(f);
  assert.is(rows.nrows, 5);
  assert.is(rows.chunks[0]!.num[4], 0);
});

test('Skip with no complete row left is a BAD_FRAME', () => {
  const f = Frame.fromArrays({ a: [1, null, 3, null, 5], b: [null, 2, null, 4, null], y: [1, 2, 3, 4, 5] });
  throwsAquifer(() => DataInfo.fit(f, { y: 'y', missing_values_handling: 'Skip' }), 'BAD_FRAME', undefined, /no rows left/);
});

// x = 1, 3, 5, 100, NA with w = 1, 2, 1, 0, 3: weighted mean 3, weighted sd sqrt(3) (row 4 has w = 0).
const weighted = () => Frame.fromArrays({ x: [1, 3, 5, 100, null], w: [1, 2, 1, 0, 3], o: [0.5, 0, -1, 2, 0], y: [1, 2, 3, 4, 5] });

test('a weights column makes the standardization weighted; NAs still impute the unweighted mean', () => {
  const di = DataInfo.fit(weighted(), { y: 'y', weights_column: 'w' });
  close([di.normSub[0]!, di.normMul[0]!, di.numMeans[0]!], [3, 1 / Math.sqrt(3), 109 / 4], 1e-12);
  close(packedColumn(di, weighted(), 0), [-2, 0, 2, 97, 109 / 4 - 3].map((d) => d / Math.sqrt(3)), 1e-4);
});

test('the response is standardized with the weighted mean and sd', () => {
  const di = DataInfo.fit(weighted(), { y: 'y', weights_column: 'w' });
  // Σw·y = 23 over Σw = 7; Σw(y − 23/7)² = 854/49 over k = 4 rows with w > 0.
  const mean = 23 / 7, sd = Math.sqrt((4 / 3) * (854 / 49) / 7);
  close([di.normRespSub, di.normRespMul], [mean, 1 / sd], 1e-12);
});

test('weights and offsets are packed with every row', () => {
  const di = DataInfo.fit(weighted(), { y: 'y', weights_column: 'w', offset_column: 'o' });
  assert.equal(packedColumn(di, weighted(), 'weight'), [1, 2, 1, 0, 3]);
  // The response is standardized (gaussian), so offsets are packed in its units: (o − μ_y)/σ_y.
  assert.equal(packedColumn(di, weighted(), 'offset'), [0.5, 0, -1, 2, 0].map((o) => Math.fround((o - di.normRespSub) * di.normRespMul)));
  const poisson = DataInfo.fit(weighted(), { y: 'y', weights_column: 'w', offset_column: 'o', distribution: 'poisson' });
  assert.equal(packedColumn(poisson, weighted(), 'offset'), [0.5, 0, -1, 2, 0]);
  const plain = DataInfo.fit(weighted(), { y: 'y' });
  assert.equal(packedColumn(plain, weighted(), 'weight'), [1, 1, 1, 1, 1]);
  assert.equal(packedColumn(plain, weighted(), 'offset'), [0, 0, 0, 0, 0]);
});

test('with weights and an offset the statistics stay unweighted, with a warning', () => {
  const di = DataInfo.fit(weighted(), { y: 'y', weights_column: 'w', offset_column: 'o' });
  close([di.normSub[0]!, di.normRespSub], [109 / 4, 3], 1e-12);
  assert.match(di.warnings.join('\n'), /unweighted/);
});

test('an autoencoder normalizes with unweighted statistics even with weights', () => {
  const di = DataInfo.fit(weighted(), { autoencoder: true, weights_column: 'w', ignored_columns: ['y', 'o'] });
  close([di.normSub[0]!, di.normMul[0]!], [109 / 4, 1 / 99], 1e-12);
});

test('an empty training frame is a BAD_FRAME', () => {
  throwsAquifer(() => DataInfo.fit(Frame.fromArrays({ x: [], y: [] }), { y: 'y' }), 'BAD_FRAME');
});

test.run();
