// Plain-text tables of the model display.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatNumber, renderRecords, renderTable } from '../../src/dl/text-table';

test('numbers show up to 6 significant digits, integers in full, NaN and infinities by name', () => {
  assert.equal(
    [formatNumber(0.123456789), formatNumber(1234567), formatNumber(-2.5), formatNumber(1e-7), formatNumber(NaN), formatNumber(-Infinity), formatNumber(1 / 3 * 1e6)],
    ['0.123457', '1234567', '-2.5', '1e-7', 'nan', '-inf', '333333'],
  );
});

test('a header, a rule under each column, numbers right-aligned, text left-aligned, nulls blank', () => {
  const out = renderTable(['name', 'value'], [['alpha', 1.5], ['b', null], ['gamma', 10]]);
  assert.is(out, ['name   value', '-----  -----', 'alpha    1.5', 'b', 'gamma     10'].join('\n'));
});

test('records render one column per key of the first record, or the keys given', () => {
  const rows = [{ k: 1, hit_ratio: 0.5 }, { k: 2, hit_ratio: 1 }];
  assert.is(renderRecords(rows), ['k  hit_ratio', '-  ---------', '1        0.5', '2          1'].join('\n'));
  assert.is(renderRecords(rows, ['hit_ratio']), ['hit_ratio', '---------', '      0.5', '        1'].join('\n'));
});

test.run();
