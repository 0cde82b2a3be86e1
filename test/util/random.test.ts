import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Random } from '../../src/util/random';

test('the same seed gives the same sequence', () => {
  const a = new Random(42), b = new Random(42);
  for (let i = 0; i < 100; i++) assert.is(a.nextU32(), b.nextU32());
});

test('different seeds give different sequences', () => {
  const a = new Random(1), b = new Random(2);
  let same = 0;
  for (let i = 0; i < 100; i++) if (a.nextU32() === b.nextU32()) same++;
  assert.ok(same < 3);
});

test('nextDouble is uniform on [0, 1): mean and range', () => {
  const r = new Random(7);
  let sum = 0, min = 1, max = 0;
  const n = 20000;
  for (let i = 0; i < n; i++) { const u = r.nextDouble(); sum += u; min = Math.min(min, u); max = Math.max(max, u); }
  assert.ok(min >= 0 && max < 1);
  assert.ok(Math.abs(sum / n - 0.5) < 0.01, `mean ${sum / n}`);
});

test('nextGaussian has mean 0 and variance 1', () => {
  const r = new Random(11);
  let s = 0, s2 = 0;
  const n = 20000;
  for (let i = 0; i < n; i++) { const g = r.nextGaussian(); s += g; s2 += g * g; }
  assert.ok(Math.abs(s / n) < 0.03);
  assert.ok(Math.abs(s2 / n - 1) < 0.05);
});

test.run();
