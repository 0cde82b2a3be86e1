// The input spec's tables, applied in plain TS to the feeds of a frame, rebuild DataInfo's expanded
// rows: the graph's input layer looks up exactly these tables, so this is its float64 reference.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Frame } from '../../src/frame';
import { DataInfo } from '../../src/data/data-info';
import type { DataInfoParams } from '../../src/data/params';
import { inputSpec } from '../../src/onnx/input-spec';
import { onnxFeeds } from '../../src/onnx/feeds';
import { close, denseRows } from '../data/helpers';

const train = () => Frame.fromArrays({
  x: [1, 3, null, 5, 7, 2],
  color: ['red', 'blue', null, 'red', 'green', 'blue'],
  size: ['S', 'M', 'L', 'M', 'M', 'XL'],
  y: [10, 20, 30, 40, 50, 60],
}, { types: { color: 'enum', size: 'enum' } });

// Unseen levels ('purple', 'XXL'), missing values in each predictor.
const score = () => Frame.fromArrays({
  x: [null, 4, 1],
  color: ['purple', null, 'green'],
  size: ['XXL', 'S', null],
}, { types: { color: 'enum', size: 'enum' } });

/** The input layer in float64: one-hot from the unit tables, numerics imputed and transformed. */
function inputRows(di: DataInfo, frame: Frame): number[][] {
  const spec = inputSpec(di), feeds = onnxFeeds(di, frame);
  const nCat = spec.categorical.length, nNum = spec.numeric.length;
  const code = (i: number, source: number) => {
    const v = Number(feeds.categorical!.data[i * nCat + source]!), levels = spec.categorical[source]!.levels.length;
    return v < 0 || v >= levels ? levels : v;
  };
  return Array.from({ length: frame.nrow }, (_, i) => {
    const x = new Array<number>(di.n0).fill(0);
    for (const t of spec.unitTables) { const u = t.units[code(i, t.source)]!; if (u < spec.oneHotWidth) x[u] += 1; }
    spec.numericSources.forEach((s, j) => {
      const raw = s.kind === 'input' ? feeds.numeric!.data[i * nNum + s.index] as number : s.table.values[code(i, s.table.source)]!;
      x[spec.oneHotWidth + j] = ((Number.isNaN(raw) ? di.numMeans[j]! : raw) - di.normSub[j]!) * di.normMul[j]!;
    });
    return x;
  });
}

const CASES: [string, DataInfoParams][] = [
  ['one-hot with every level', {}],
  ['use_all_factor_levels false', { use_all_factor_levels: false }],
  ['enum_limited to two levels and other', { categorical_encoding: 'enum_limited', max_categorical_levels: 2 }],
  ['binary', { categorical_encoding: 'binary' }],
  ['label_encoder', { categorical_encoding: 'label_encoder' }],
  ['eigen', { categorical_encoding: 'eigen' }],
  ['sort_by_response', { categorical_encoding: 'sort_by_response' }],
  ['hashing into 3 units', { max_categorical_features: 3 }],
  ['no standardization', { standardize: false }],
];

for (const [name, params] of CASES) {
  test(`${name}: the tables rebuild DataInfo's rows, NAs and unseen levels included`, () => {
    const di = DataInfo.fit(train(), { y: 'y', ...params });
    const expected = denseRows(di, score()), actual = inputRows(di, score());
    actual.forEach((row, i) => close(row, expected[i]!, 1e-6, `${name} row ${i}`));
  });
}

test('categorical inputs list each source column once, with its training levels', () => {
  const spec = inputSpec(DataInfo.fit(train(), { y: 'y', categorical_encoding: 'binary' }));
  assert.equal(spec.numeric, ['x']);
  assert.equal(spec.categorical.map((c) => c.column), ['color', 'size']);
  assert.equal(spec.categorical[1]!.levels, ['L', 'M', 'S', 'XL']);
});

test('feeds mark missing and unseen levels as -1 and missing numbers as NaN', () => {
  const feeds = onnxFeeds(DataInfo.fit(train(), { y: 'y' }), score());
  // Columns size (levels L, M, S, XL), then color (blue, green, red): by decreasing cardinality.
  assert.equal(Array.from(feeds.categorical!.data as BigInt64Array, Number), [-1, -1, 2, -1, -1, 1]);
  assert.ok(Number.isNaN(feeds.numeric!.data[0] as number));
  assert.equal(feeds.categorical!.dims, [3, 2]);
});

test.run();
