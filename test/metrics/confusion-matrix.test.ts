import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { classError, confusionMatrix, meanPerClassError } from '../../src/metrics/confusion-matrix';

test('integer counts: Error per row, Rate with thousands separators, a Totals row', () => {
  const cm = confusionMatrix([[1200, 34], [5, 4000]], ['a', 'b']);
  assert.equal(cm.columns, ['a', 'b', 'Error', 'Rate']);
  assert.equal(cm.row_labels, ['a', 'b', 'Totals']);
  assert.equal(cm.table[0], [1200, 34, 34 / 1234, '34 / 1,234']);
  assert.equal(cm.table[1], [5, 4000, 5 / 4005, '5 / 4,005']);
  assert.equal(cm.table[2], [1205, 4034, 39 / 5239, '39 / 5,239']);
});

test('Rate groups digits as en-US toLocaleString does, from 0 to millions', () => {
  for (const [err, tot] of [[0, 1], [999, 1000], [12345, 123456], [1234567, 98765432]]) {
    const cm = confusionMatrix([[tot - err, err], [0, 1]], ['a', 'b']);
    assert.is(cm.table[0][3], `${err.toLocaleString('en-US')} / ${tot.toLocaleString('en-US')}`);
  }
});

test('weighted (fractional) counts print 4 decimals per class and 2 in the Totals row', () => {
  const cm = confusionMatrix([[1.5, 0.25], [0, 2]], ['no', 'yes']);
  assert.is(cm.table[0][3], '0.2500 / 1.7500');
  assert.is(cm.table[1][3], '0.0000 / 2.0000');
  assert.is(cm.table[2][3], '0.25 / 3.75');
});

test('a class with no rows: NaN in its Error cell, 0 in the mean per-class error', () => {
  const m = [[3, 1, 0], [0, 0, 0], [1, 0, 1]];
  const cm = confusionMatrix(m, ['x', 'y', 'z']);
  assert.ok(Number.isNaN(cm.table[1][3] as number));
  assert.is(classError(m, 1), 0);
  // (¼ + 0 + ½)/3 = 0.25
  assert.is(meanPerClassError(m), 0.25);
});

test.run();
