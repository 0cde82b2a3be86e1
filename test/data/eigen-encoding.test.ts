import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { countsWithNAAsMode, eigenGram, eigenValues } from '../../src/data/eigen-encoding';
import { Random } from '../../src/util/random';
import { close } from './helpers';

/** H2O's matrix as LinearAlgebraUtils.multiple builds it, from the counts c over n rows. */
function h2oMatrix(c: number[]): number[][] {
  const n = c.reduce((s, x) => s + x, 0);
  return c.map((ci, i) => c.map((cj, j) => ((i === j ? ci : 0) - (ci * cj) / n) / Math.sqrt(ci * cj)));
}

test('the Gram matrix is H2O\'s (δ_ij·c_i − c_i·c_j/n)/sqrt(c_i·c_j) = I − u·uᵀ', () => {
  const c = [5, 3, 2, 7];
  const U = eigenGram(c), H = h2oMatrix(c);
  for (let i = 0; i < 4; i++) close(U[i]!, H[i]!, 1e-12, `row ${i}`);
});

test('counts 2, 1, 1 give (0.5, −√.5·0.5, −√.5·0.5)/√0.5 = (√.5, −0.5, −0.5) by hand', () => {
  close(eigenValues([2, 1, 1]), [Math.SQRT1_2, -0.5, -0.5], 1e-7);
});

test('the values form a unit eigenvector for the largest eigenvalue (1) on random counts', () => {
  const r = new Random(99);
  for (let t = 0; t < 50; t++) {
    const d = 2 + r.nextInt(30);
    const c = Array.from({ length: d }, () => 1 + r.nextInt(100));
    const v = eigenValues(c), U = eigenGram(c);
    const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0));
    assert.ok(Math.abs(norm - 1) < 1e-6, `norm ${norm}`);
    const Uv = U.map((row) => row.reduce((s, x, j) => s + x * v[j]!, 0));
    close(Uv, v, 1e-6, 'U·v');
    // U = I − u·uᵀ is a projection, so 1 is its largest eigenvalue: |U·x| <= |x| for any x.
    const x = Array.from({ length: d }, () => r.nextGaussian());
    const Ux = U.map((row) => row.reduce((s, a, j) => s + a * x[j]!, 0));
    assert.ok(Math.hypot(...Ux) <= Math.hypot(...x) + 1e-9);
  }
});

test('the most frequent level gets the largest, positive value', () => {
  const v = eigenValues([3, 9, 1, 4]);
  assert.ok(v[1]! > 0);
  assert.ok(v.every((x, j) => j === 1 || x < v[1]!));
});

test('a level without rows gets 0, a single level gets 1', () => {
  assert.is(eigenValues([4, 0, 2])[1], 0);
  assert.equal(eigenValues([6]), [1]);
  assert.equal(eigenValues([0, 5]), [0, 1]);
});

test('NA rows count as the most frequent level (ties: the first)', () => {
  assert.equal(Array.from(countsWithNAAsMode(Float64Array.of(2, 5, 5), 3)), [2, 8, 5]);
});

test.run();
