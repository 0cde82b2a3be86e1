import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatTime, parseTime } from '../../src/frame/time';

test('dates and date-times in ISO shapes parse as UTC milliseconds', () => {
  assert.is(parseTime('2024-02-29'), Date.UTC(2024, 1, 29));
  assert.is(parseTime('2024/02/03'), Date.UTC(2024, 1, 3));
  assert.is(parseTime('2024-02-03 04:05'), Date.UTC(2024, 1, 3, 4, 5));
  assert.is(parseTime('2024-02-03T04:05:06.7'), Date.UTC(2024, 1, 3, 4, 5, 6, 700));
  assert.is(parseTime('2024-02-03T04:05:06Z'), Date.UTC(2024, 1, 3, 4, 5, 6));
  assert.is(parseTime('2024-02-03T04:05:06+02:00'), Date.UTC(2024, 1, 3, 2, 5, 6));
});

test('impossible dates and other text are not times', () => {
  for (const s of ['2023-02-29', '2024-13-01', '2024-01-01 25:00', 'yesterday', '20240101', '1.5', ''])
    assert.ok(Number.isNaN(parseTime(s)), s);
});

test('formatting gives a bare date at midnight and a full ISO time otherwise', () => {
  assert.is(formatTime(Date.UTC(2024, 0, 2)), '2024-01-02');
  assert.is(formatTime(Date.UTC(2024, 0, 2, 0, 0, 1)), '2024-01-02T00:00:01.000Z');
  assert.is(parseTime(formatTime(123456789)), 123456789);
});

test.run();
