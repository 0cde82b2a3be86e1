import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compactNumbers, scanNumbers, storageFor } from '../../src/frame/storage';

const kind = (xs: number[]) => storageFor(scanNumbers(xs, xs.length)).name;

test('integers 0..255 are stored as bytes', () => {
  assert.is(kind([0, 1, 255]), 'Uint8Array');
});

test('small signed integers take Int8, then Int16, then Uint16, then Int32', () => {
  assert.is(kind([-128, 127]), 'Int8Array');
  assert.is(kind([-1, 300]), 'Int16Array');
  assert.is(kind([0, 65535]), 'Uint16Array');
  assert.is(kind([-1, 65535]), 'Int32Array');
  assert.is(kind([-2147483648, 2147483647]), 'Int32Array');
});

test('reals are Float32 only when every value survives the round trip', () => {
  assert.is(kind([0.5, 1.25, -3]), 'Float32Array');
  assert.is(kind([0.1]), 'Float64Array');
  assert.is(kind([2 ** 40 + 1]), 'Float64Array');  // an integer beyond Int32 that float32 rounds
  assert.is(kind([2 ** 24, 2 ** 31]), 'Float32Array');
});

test('NA in an integer column goes to a bitmap and the values stay narrow', () => {
  const { values, na } = compactNumbers([1, NaN, 3], 3);
  assert.is(values.constructor.name, 'Uint8Array');
  assert.ok(na !== null);
  assert.is(na![0], 0b010);
});

test('NA in a float column is NaN and needs no bitmap', () => {
  const { values, na } = compactNumbers([0.1, NaN], 2);
  assert.ok(Number.isNaN(values[1]));
  assert.is(na, null);
});

test('an all-NA column takes one bit per row plus a byte per row', () => {
  const { values, na } = compactNumbers([NaN, NaN, NaN, NaN, NaN, NaN, NaN, NaN, NaN], 9);
  assert.is(values.constructor.name, 'Uint8Array');
  assert.is(na!.length, 2);
});

test.run();
