// The scorer's record encoder packs plain rows and columns exactly as DataInfo.transform packs a
// Frame of the same values and expandRow expands them: the same input floats, the same units lit,
// the same warnings. The sink here standardizes with the kernels' reference (the Wasm sink's
// kernels equal it bit for bit: test/kernels/table.test.ts).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Frame } from '../../src/frame';
import { DataInfo } from '../../src/data/data-info';
import type { DataInfoParams } from '../../src/data/params';
import { expandRow } from '../../src/data/training-rows';
import { CallReport, Form, RecordEncoder, type ArrayRowsInput, type ColumnsInput, type ScorerInput } from '../../src/scorer/encode';
import { referenceSink } from '../../src/scorer/engine';
import { throwsAquifer } from '../data/helpers';

const train = () => Frame.fromObjects([
  { x: 1.5, color: 'red', size: 'S', n: 3, y: 10 },
  { x: null, color: 'blue', size: 'M', n: 1, y: 20 },
  { x: 3.25, color: null, size: 'L', n: 2, y: 30 },
  { x: -2, color: 'red', size: 'M', n: 1, y: 40 },
  { x: 7, color: 'green', size: 'M', n: 3, y: 50 },
  { x: 0, color: 'blue', size: 'XL', n: 2, y: 60 },
], { types: { n: 'enum' } });

// Scoring rows: an NA number, an unseen level, an NA level, a numeric level matched by its text,
// a numeric string, and a row that lacks the key 'size' (NA, not a missing column).
const scoreRows = (): Record<string, unknown>[] => [
  { x: 2, color: 'red', size: 'S', n: 2 },
  { x: NaN, color: 'purple', size: 'M', n: 1 },
  { x: '4.5', color: null, n: 3 },
  { x: undefined, color: 'blue', size: 'tiny', n: 7 },
];

interface Packed { x: Float32Array; offsets: Float32Array; warnings: readonly string[] }

/** DataInfo.transform on the Frame a user would build from the same rows (numeric strings as
 *  numbers), expanded to input rows as the forward pass reads them. */
function viaFrame(di: DataInfo, rows: Record<string, unknown>[]): Packed {
  const names = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const plain = rows.map((r) => Object.fromEntries(names.map((k) => [k, typeof r[k] === 'string' && k === 'x' ? Number(r[k]) : r[k] ?? null])));
  const packed = di.transform(Frame.fromObjects(plain, { columns: names }), { shared: false });
  const chunk = packed.chunks[0]!, n0 = di.layout.n0;
  const x = new Float32Array(rows.length * n0);
  for (let r = 0; r < rows.length; r++) expandRow(chunk, r, x, r * n0);
  return { x, offsets: chunk.offset.slice(0, rows.length), warnings: packed.warnings };
}

function encode(di: DataInfo, input: ScorerInput, n: number, form = Array.isArray(input) ? Form.Objects : Form.Columns): Packed {
  const enc = new RecordEncoder(di), report = new CallReport(), sink = referenceSink(di, n);
  sink.x.fill(NaN); // every input is written
  enc.encode(input, form, 0, n, null, report, sink);
  return { x: sink.x, offsets: sink.offsets, warnings: report.warnings(di.params.sparse) };
}

function samePacking(a: Packed, b: Packed, n: number, n0: number): void {
  assert.equal(Array.from(a.x.subarray(0, n * n0)), Array.from(b.x.subarray(0, n * n0)), 'inputs');
  assert.equal(Array.from(a.offsets.subarray(0, n)), Array.from(b.offsets.subarray(0, n)), 'offsets');
}

const ENCODINGS: DataInfoParams[] = [
  {}, { use_all_factor_levels: false }, { sparse: true }, { standardize: false },
  { categorical_encoding: 'binary' }, { categorical_encoding: 'label_encoder' }, { categorical_encoding: 'eigen' },
  { categorical_encoding: 'enum_limited', max_categorical_levels: 2 }, { max_categorical_features: 3 },
];

for (const p of ENCODINGS) {
  test(`rows pack as DataInfo.transform packs their Frame: ${JSON.stringify(p)}`, () => {
    const di = DataInfo.fit(train(), { y: 'y', ...p });
    const rows = scoreRows();
    const want = viaFrame(di, rows), got = encode(di, rows, rows.length);
    samePacking(got, want, rows.length, di.layout.n0);
    assert.equal(got.warnings, [...want.warnings]);
  });
}

test('columns and array rows (in the order of columns) pack as object rows do', () => {
  const di = DataInfo.fit(train(), { y: 'y', categorical_encoding: 'binary' });
  const rows = scoreRows(), want = encode(di, rows, rows.length);
  const cols: ColumnsInput = { x: rows.map((r) => r.x), color: rows.map((r) => r.color), size: rows.map((r) => r.size), n: rows.map((r) => r.n) };
  samePacking(encode(di, cols, rows.length), want, rows.length, di.layout.n0);
  const order = new RecordEncoder(di).columns;
  const arrays: ArrayRowsInput = rows.map((r) => order.map((c) => r[c]));
  samePacking(encode(di, arrays, rows.length, Form.Arrays), want, rows.length, di.layout.n0);
});

test('a missing column is NA (the training mean), or 0 in sparse mode, and warns naming it', () => {
  for (const sparse of [false, true]) {
    const di = DataInfo.fit(train(), { y: 'y', sparse });
    const rows = [{ color: 'red', size: 'S', n: 1 }, { color: 'blue', size: 'M', n: 2 }];
    const want = viaFrame(di, rows), got = encode(di, rows, 2);
    samePacking(got, want, 2, di.layout.n0);
    assert.equal(got.warnings, [`Test/Validation dataset is missing column 'x': substituting in a column of ${sparse ? '0' : 'NA'}`]);
  }
});

test('unseen levels warn once per level, naming the column, and light the NA bucket', () => {
  const di = DataInfo.fit(train(), { y: 'y' });
  const rows = [{ x: 1, color: 'purple', size: 'S', n: 1 }, { x: 1, color: 'purple', size: 'S', n: 1 }, { x: 1, color: 'teal', size: 'S', n: 1 }];
  const { x, warnings } = encode(di, rows, 3);
  assert.equal(warnings, ["Test/Validation dataset column 'color' has levels not trained on: [purple, teal]"]);
  const c = di.categoricals.findIndex((f) => f.column === 'color');
  assert.is(x[di.catUnit(c, -1)], 1);
});

test('the offset column is read per row, in the standardized response units; a missing offset column is an error', () => {
  const f = Frame.fromArrays({ x: [1, 2, 3, 4], o: [0.5, 1, 0, 2], y: [1, 2, 3, 5] });
  const di = DataInfo.fit(f, { y: 'y', offset_column: 'o' });
  // y: mean 2.75, sample sd sqrt(35/12); an offset o becomes (o − 2.75)/sd.
  const sd = Math.sqrt(35 / 12);
  const { offsets } = encode(di, [{ x: 1, o: 0.25 }, { x: 2, o: 3 }], 2);
  assert.equal(Array.from(offsets.subarray(0, 2)), [Math.fround((0.25 - 2.75) / sd), Math.fround((3 - 2.75) / sd)]);
  const raw = DataInfo.fit(f, { y: 'y', offset_column: 'o', distribution: 'poisson' });
  assert.equal(Array.from(encode(raw, [{ x: 1, o: 0.25 }], 1).offsets.subarray(0, 1)), [0.25], 'a log link keeps the offset as given');
  throwsAquifer(() => encode(di, [{ x: 1 }], 1), 'BAD_COLUMN', 'o', /missing offset column 'o'/);
});

test('a non-numeric string in a numeric column is refused, naming the column and row', () => {
  const di = DataInfo.fit(train(), { y: 'y' });
  throwsAquifer(() => encode(di, [{ x: 1 }, { x: 'abc' }], 2), 'BAD_COLUMN', 'x', /column 'x' is numeric .* row 1 holds "abc"/);
  throwsAquifer(() => encode(di, [{ x: true }], 1), 'BAD_COLUMN', 'x');
});

test('NA strings in a numeric column are NA', () => {
  const di = DataInfo.fit(train(), { y: 'y' });
  const a = encode(di, [{ x: 'NA', color: 'red', size: 'S', n: 1 }], 1).x;
  const b = encode(di, [{ x: null, color: 'red', size: 'S', n: 1 }], 1).x;
  assert.equal(Array.from(a), Array.from(b));
});

test('typed rows and typed columns (copied in bulk, row- or column-major) pack as plain ones do', () => {
  const f = Frame.fromArrays({ a: [1.5, -2, 0, 7, 3.25], b: [0.1, NaN, 4, 4, -1], c: [10, 20, 30, 40, 55], y: [1, 2, 3, 4, 5] });
  for (const p of [{}, { sparse: true }, { standardize: false }]) {
    const di = DataInfo.fit(f, { y: 'y', ...p });
    const cols = new RecordEncoder(di).columns;
    const plain = [[1, 0.2, 12], [NaN, 3, 40], [2.5, NaN, 0.1], [1e-9, 5, -3]];
    const want = encode(di, plain, 4, Form.Arrays);
    for (const T of [Float64Array, Float32Array]) {
      const typed = (v: number[]) => (T === Float64Array ? Float64Array.from(v) : Float32Array.from(v));
      const rows = plain.map(typed), exact = plain.map((r) => Array.from(typed(r)));
      samePacking(encode(di, rows, 4, Form.Arrays), T === Float64Array ? want : encode(di, exact, 4, Form.Arrays), 4, di.layout.n0);
      const columns = Object.fromEntries(cols.map((c, j) => [c, typed(plain.map((r) => r[j]!))]));
      samePacking(encode(di, columns, 4), T === Float64Array ? want : encode(di, exact, 4, Form.Arrays), 4, di.layout.n0);
    }
  }
});

test('a block of rows mixing typed and plain arrays packs as plain rows do', () => {
  const numericOnly = DataInfo.fit(Frame.fromArrays({ a: [1, 2, 3], b: [4, 5, 7], y: [0, 1, 0] }), { y: 'y' });
  const mixed = [Float64Array.of(1, 2), [NaN, 3], Float32Array.of(0.5, 9)];
  samePacking(encode(numericOnly, mixed, 3, Form.Arrays), encode(numericOnly, mixed.map((r) => Array.from(r)), 3, Form.Arrays), 3, numericOnly.layout.n0);
});

test.run();
