// Input-layer kernels (assembly/input_f32.ts): DataInfo.numValue's imputation and standardization of
// raw numeric values into packed float32 inputs, with its reference and conformance. The kernel
// computes in f64 and rounds once, as the TypeScript expression does: the tolerance is 0.

import type { KernelEntry } from './table';
import { maxRelDiff, randomF32 } from './check';

/** Where standardize reads and writes: rows × cols values at src[i·rs + j·cs], dst rows of stride ldd. */
export interface StandardizeShape { rows: number; cols: number; rs: number; cs: number; ldd: number }

/** dst[i·ldd + j] = fround(((x is NaN ? mean[j] : x) − sub[j])·mul[j]), x = src[i·rs + j·cs]: the
 *  reference, and the scorer's forward pass where there is no Wasm. */
export function standardizeRef(s: StandardizeShape, src: ArrayLike<number>, srcAt: number, mean: ArrayLike<number>, sub: ArrayLike<number>, mul: ArrayLike<number>, statAt: number, dst: Float32Array, dstAt: number): void {
  for (let i = 0; i < s.rows; i++) {
    for (let j = 0; j < s.cols; j++) {
      const x = src[srcAt + i * s.rs + j * s.cs]!, t = statAt + j;
      dst[dstAt + i * s.ldd + j] = ((x !== x ? mean[t]! : x) - sub[t]!) * mul[t]!;
    }
  }
}

/** Row-major, column-major and strided shapes, with scalar tails and an empty one. */
const SHAPES: readonly StandardizeShape[] = [
  { rows: 0, cols: 5, rs: 5, cs: 1, ldd: 5 },
  { rows: 1, cols: 1, rs: 1, cs: 1, ldd: 1 },
  { rows: 3, cols: 7, rs: 7, cs: 1, ldd: 9 },
  { rows: 5, cols: 17, rs: 20, cs: 1, ldd: 17 },
  { rows: 4, cols: 783, rs: 783, cs: 1, ldd: 790 },
  { rows: 9, cols: 6, rs: 1, cs: 9, ldd: 6 },
];

function standardizeEntry(from: 'f32' | 'f64'): KernelEntry {
  return {
    op: `standardize_${from}`, name: `standardize_${from}`, family: 'input_f32', tolerance: 0,
    conformance({ arena, k, memory }, rng) {
      return SHAPES.map((s) => {
        const n = s.rows === 0 ? 0 : (s.rows - 1) * s.rs + (s.cols - 1) * s.cs + 1;
        // Raw values of mixed scale with NaNs (imputed) and zeros; f64 sources get values float32
        // cannot hold, so a kernel that rounds before standardizing fails.
        const src = Float64Array.from(randomF32(rng, n, -100, 100), (v, i) => (i % 7 === 3 ? NaN : i % 5 === 1 ? 0 : from === 'f64' ? v + 1e-9 * i : v));
        const stat = (lo: number, hi: number) => Float64Array.from({ length: s.cols }, () => lo + (hi - lo) * rng.nextDouble());
        const mean = stat(-5, 5), sub = stat(-3, 3), mul = stat(0.01, 4);
        const put64 = (v: Float64Array) => { const p = arena.alloc(8 * Math.max(1, v.length)); new Float64Array(memory.buffer, p, v.length).set(v); return p; };
        const ps = from === 'f64' ? put64(src) : arena.putF32(Float32Array.from(src));
        const pm = put64(mean), psub = put64(sub), pmul = put64(mul);
        const size = s.rows * s.ldd, pd = arena.putF32(new Float32Array(size).fill(-7));
        k[`standardize_${from}`]!(s.rows, s.cols, ps, s.rs, s.cs, pm, psub, pmul, pd, s.ldd);
        const expected = new Float32Array(size).fill(-7);
        standardizeRef(s, from === 'f64' ? src : Float32Array.from(src), 0, mean, sub, mul, 0, expected, 0);
        return { shape: `${s.rows}x${s.cols} rs=${s.rs} cs=${s.cs} ldd=${s.ldd}`, maxRelDiff: maxRelDiff(arena.f32(pd, size), expected) };
      });
    },
  };
}

// Pure calls: the scorer's bundle takes standardizeRef from here and drops the table entries.
export const inputKernels: KernelEntry[] = [/* @__PURE__ */ standardizeEntry('f32'), /* @__PURE__ */ standardizeEntry('f64')];
