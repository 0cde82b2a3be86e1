// The binomial threshold in float32: the graph compares float32 probabilities with it, predict
// compares them with the float64 threshold; both must decide every float32 alike.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { float32AtLeast } from '../../src/onnx/output-layer';
import { Random } from '../../src/util/random';

const prevFloat32 = (f: number) => {
  const b = new Uint32Array(new Float32Array([f]).buffer);
  if (f === 0) return -1.401298464324817e-45;
  b[0] += f > 0 ? -1 : 1;
  return new Float32Array(b.buffer)[0]!;
};

test('float32AtLeast is the smallest float32 at or above the threshold', () => {
  const r = new Random(9);
  const ts = [0, 0.5, 1, 0.1, 1 / 3, 2 ** -140, -0.1, ...Array.from({ length: 1000 }, () => r.nextDouble())];
  for (const t of ts) {
    const f = float32AtLeast(t);
    assert.is(Math.fround(f), f, `${t}: a float32`);
    assert.ok(f >= t, `${t}: ${f} is below`);
    assert.ok(prevFloat32(f) < t, `${t}: ${prevFloat32(f)} is a smaller float32 at or above it`);
  }
});

test('a float32 probability passes the float32 threshold exactly when it passes the float64 one', () => {
  const t = 0.1; // not a float32: fround(0.1) > 0.1
  const f = float32AtLeast(t), below = prevFloat32(f);
  assert.ok(f >= t && below < t);
  assert.is(float32AtLeast(0.30000001192092896), 0.30000001192092896);
});

test.run();
