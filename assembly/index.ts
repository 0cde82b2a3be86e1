// The kernel module: every family re-exported, plus the one fact the host needs to allocate safely.
// Built four ways (relaxed-mt, simd-mt, simd-st, scalar-st) plus a debug build: see asconfig.json.

export * from './vec_f32';
export * from './act_f32';
export * from './output_f32';
export * from './dropout_f32';
export * from './rowstep_f32';
export * from './gemm_f32';
export * from './input_f32';

/** First byte the host may allocate: below it lie reserved low memory and any static data. */
export function heap_base(): usize {
  return __heap_base;
}
