import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Frame } from '../../src/frame';
import { selectColumns } from '../../src/data/column-filter';
import { resolveParams, type DataInfoParams } from '../../src/data/params';
import { throwsAquifer } from './helpers';

// Five rows: NA, an empty-string level, a constant, a constant with an NA, an all-NA and a string column.
const frame = () => Frame.fromArrays({
  color: ['red', 'blue', null, 'red', ''],
  x: [1, 3, null, 5, 7],
  const5: [5, 5, 5, 5, 5],
  nearconst: [2, null, 2, 2, 2],
  allna: [null, null, null, null, null],
  note: ['a', 'b', 'c', 'd', 'e'],
  onelevel: ['k', 'k', null, 'k', 'k'],
  w: [1, 2, 0, 1, 1],
  y: [10, 20, 30, 40, null],
}, { types: { note: 'string' } });

const select = (p: DataInfoParams, f = frame()) => selectColumns(f, resolveParams(p));

test('constant, all-NA and string columns are dropped and reported with the reason', () => {
  const s = select({ y: 'y' });
  assert.equal(s.predictors, ['color', 'x', 'w']);
  assert.equal(s.dropped, [
    { column: 'const5', reason: 'constant' }, { column: 'nearconst', reason: 'constant' },
    { column: 'allna', reason: 'all_na' }, { column: 'note', reason: 'string' }, { column: 'onelevel', reason: 'constant' },
  ]);
  assert.equal(s.warnings, ['dropping bad and constant columns: [const5, nearconst, allna, note, onelevel]']);
});

test('an NA does not make a column non-constant, for numbers and for levels', () => {
  const s = select({ y: 'y' });
  assert.ok(s.dropped.some((d) => d.column === 'nearconst' && d.reason === 'constant'));
  assert.ok(s.dropped.some((d) => d.column === 'onelevel' && d.reason === 'constant'));
});

test('with ignore_const_cols false constant and all-NA columns stay, string columns still go', () => {
  const s = select({ y: 'y', ignore_const_cols: false });
  assert.equal(s.predictors, ['color', 'x', 'const5', 'nearconst', 'allna', 'onelevel', 'w']);
  assert.equal(s.dropped, [{ column: 'note', reason: 'string' }]);
});

test('ignored_columns, the response, weights and offset are not predictors', () => {
  const s = select({ y: 'y', ignored_columns: ['color'], weights_column: 'w' });
  assert.equal(s.predictors, ['x']);
});

test('x picks the predictors, kept in frame order', () => {
  const s = select({ y: 'y', x: ['w', 'color', 'y'] });
  assert.equal(s.predictors, ['color', 'w']);
});

test('a column name that is not in the frame is a BAD_COLUMN naming it', () => {
  throwsAquifer(() => select({ y: 'nope' }), 'BAD_COLUMN', 'nope', /y: column 'nope'/);
  throwsAquifer(() => select({ y: 'y', x: ['x', 'colour'] }), 'BAD_COLUMN', 'colour', /x: column 'colour'/);
  throwsAquifer(() => select({ y: 'y', ignored_columns: ['z'] }), 'BAD_COLUMN', 'z');
  throwsAquifer(() => select({ y: 'y', weights_column: 'ww' }), 'BAD_COLUMN', 'ww');
});

test('a supervised model needs y, an autoencoder must not have one', () => {
  throwsAquifer(() => select({}), 'BAD_PARAMETER', 'y');
  throwsAquifer(() => select({ autoencoder: true, y: 'y' }), 'BAD_PARAMETER', 'y');
  assert.is(select({ autoencoder: true }).response, null);
});

test('a string response is rejected; numeric and categorical responses are typed', () => {
  throwsAquifer(() => select({ y: 'note' }), 'BAD_COLUMN', 'note', /numerical, categorical or time/);
  assert.equal(select({ y: 'y' }).response, { column: 'y', kind: 'numeric', domain: null });
  assert.equal(select({ y: 'color' }).response, { column: 'color', kind: 'categorical', domain: ['', 'blue', 'red'] });
});

test('a constant response is rejected, NAs notwithstanding', () => {
  throwsAquifer(() => select({ y: 'nearconst' }), 'BAD_COLUMN', 'nearconst', /constant/);
  throwsAquifer(() => select({ y: 'onelevel' }), 'BAD_COLUMN', 'onelevel', /constant/);
});

test('weights must be numeric, complete, non-negative and not all zero', () => {
  const f = (w: (number | null)[] | string[]) => Frame.fromArrays({ x: [1, 2, 3, 4, 5], y: [1, 2, 3, 4, 6], w });
  throwsAquifer(() => select({ y: 'y', weights_column: 'w' }, f([1, 1, null, 1, 1])), 'BAD_COLUMN', 'w', /missing/);
  throwsAquifer(() => select({ y: 'y', weights_column: 'w' }, f([1, -1, 1, 1, 1])), 'BAD_COLUMN', 'w', /negative/);
  throwsAquifer(() => select({ y: 'y', weights_column: 'w' }, f([0, 0, 0, 0, 0])), 'BAD_COLUMN', 'w', /zero/);
  throwsAquifer(() => select({ y: 'y', weights_column: 'w' }, f(['a', 'b', 'a', 'b', 'a'])), 'BAD_COLUMN', 'w', /numeric/);
});

test('an offset is for regression only and must be complete', () => {
  const f = Frame.fromArrays({ x: [1, 2, 3, 4, 5], c: ['a', 'b', 'a', 'b', 'a'], y: [1, 2, 3, 4, 6], o: [0, 1, null, 1, 0] });
  throwsAquifer(() => select({ y: 'c', offset_column: 'x' }, f), 'BAD_PARAMETER', 'offset_column', /regression/);
  throwsAquifer(() => select({ y: 'y', offset_column: 'o' }, f), 'BAD_COLUMN', 'o', /missing/);
  throwsAquifer(() => select({ autoencoder: true, offset_column: 'x' }, f), 'BAD_PARAMETER', 'offset_column');
});

test('the response cannot also be the weights or the offset column', () => {
  throwsAquifer(() => select({ y: 'w', weights_column: 'w' }), 'BAD_PARAMETER', 'weights_column');
  throwsAquifer(() => select({ y: 'x', offset_column: 'x' }), 'BAD_PARAMETER', 'offset_column');
});

test('no usable predictor left is a BAD_FRAME', () => {
  throwsAquifer(() => select({ y: 'y', x: ['const5', 'note'] }), 'BAD_FRAME', undefined, /no usable columns/);
});

test('a numeric 0/1 response trains as regression with a warning suggesting a factor', () => {
  const f = Frame.fromArrays({ x: [1, 2, 3, 4, 5], y: [0, 1, 1, null, 0] });
  assert.match(select({ y: 'y' }, f).warnings.join('\n'), /asfactor/);
});

test.run();
