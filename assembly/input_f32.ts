// dst (rows, cols; row stride ldd) = f32(((x is NaN ? mean_j : x) − sub_j)·mul_j), computed in f64,
// x = src[i·rs + j·cs] (strides in elements of the source; row-major rs = row length, cs = 1;
// column-major rs = 1, cs = column length); mean, sub, mul are f64 (cols). DataInfo.numValue's
// imputation and standardization, then the float32 rounding of a packed row: in f64 throughout and
// rounded once, so the result equals the TypeScript expression bit for bit.

// @ts-ignore: decorator
@inline function standardize<T>(rows: i32, cols: i32, src: usize, rs: i32, cs: i32, mean: usize, sub: usize, mul: usize, dst: usize, ldd: i32): void {
  const size = <usize>sizeof<T>();
  for (let i = 0; i < rows; i++) {
    const s = src + <usize>i * <usize>rs * size, d = dst + (<usize>i * <usize>ldd << 2);
    let j = 0;
    if (ASC_FEATURE_SIMD && cs == 1) {
      for (; j + 4 <= cols; j += 4) {
        const o = <usize>j << 3;
        let lo: v128, hi: v128;
        if (sizeof<T>() == 4) {
          const x = v128.load(s + (<usize>j << 2));
          lo = f64x2.promote_low_f32x4(x);
          hi = f64x2.promote_low_f32x4(v128.shuffle<f32>(x, x, 2, 3, 2, 3));
        } else {
          lo = v128.load(s + o);
          hi = v128.load(s + o, 16);
        }
        lo = v128.bitselect(v128.load(mean + o), lo, f64x2.ne(lo, lo));
        hi = v128.bitselect(v128.load(mean + o, 16), hi, f64x2.ne(hi, hi));
        lo = f64x2.mul(f64x2.sub(lo, v128.load(sub + o)), v128.load(mul + o));
        hi = f64x2.mul(f64x2.sub(hi, v128.load(sub + o, 16)), v128.load(mul + o, 16));
        v128.store(d + (<usize>j << 2), v128.shuffle<f32>(f32x4.demote_f64x2_zero(lo), f32x4.demote_f64x2_zero(hi), 0, 1, 4, 5));
      }
    }
    for (; j < cols; j++) {
      let x = <f64>load<T>(s + <usize>j * <usize>cs * size);
      const o = <usize>j << 3;
      if (x != x) x = load<f64>(mean + o);
      store<f32>(d + (<usize>j << 2), <f32>((x - load<f64>(sub + o)) * load<f64>(mul + o)));
    }
  }
}

/** From float32 values (Float32Array rows, exact in f64). */
export function standardize_f32(rows: i32, cols: i32, src: usize, rs: i32, cs: i32, mean: usize, sub: usize, mul: usize, dst: usize, ldd: i32): void {
  standardize<f32>(rows, cols, src, rs, cs, mean, sub, mul, dst, ldd);
}

/** From float64 values (numbers as JavaScript holds them). */
export function standardize_f64(rows: i32, cols: i32, src: usize, rs: i32, cs: i32, mean: usize, sub: usize, mul: usize, dst: usize, ldd: i32): void {
  standardize<f64>(rows, cols, src, rs, cs, mean, sub, mul, dst, ldd);
}
