// Every error text of the standalone scorer, in one place. Each names the input, column or option
// it is about. (Warnings about columns reuse DataInfo's texts, so predict and the scorer agree.)

const show = (v: unknown) => (typeof v === 'string' ? JSON.stringify(v) : v instanceof Date ? 'a Date' : v === null ? 'null' : typeof v);

export const msg = {
  notNumber: (column: string, row: number, v: unknown) =>
    `column '${column}' is numeric in the model, but row ${row} holds ${show(v)}: give a number, a numeric string or null`,
  badValue: (column: string, v: unknown) =>
    `column '${column}' holds ${show(v)}; values are numbers, strings, booleans, Dates or null`,
  badInput: (got: string) =>
    `predict() takes rows ([{ column: value }] or arrays in the order of scorer.columns) or columns ({ column: values }), got ${got}`,
  badRow: (row: number, got: string) => `row ${row} is ${got}; give every row as an object of column values, or every row as an array`,
  rowLength: (row: number, n: number, want: number) =>
    `row ${row} has ${n} values, but an array row holds one value per column of scorer.columns (${want})`,
  columnLengths: (a: string, n: number, b: string, m: number) =>
    `columns differ in length: '${a}' has ${n} values but '${b}' has ${m}`,
  badSource: (got: string) =>
    `Scorer.load() takes a trained model, the bytes of a saved model (Uint8Array or ArrayBuffer) or a Blob of them, got ${got}`,
  badKernel: (got: unknown) => `kernel must be 'simd-st', 'scalar-st' or 'ts', got ${JSON.stringify(got)}`,
  badModule: (got: string) => `module must be a WebAssembly.Module (of simd-st.wasm or scalar-st.wasm), got ${got}`,
  noSimd: () => "kernel 'simd-st' needs Wasm SIMD, which this runtime lacks: use 'scalar-st' or leave kernel unset",
  noWasm: () => 'this runtime has no WebAssembly: leave kernel unset (the scorer then runs in plain TypeScript) or use kernel: \'ts\'',
  sharedModule: (why: string) =>
    `the kernel module could not be instantiated over a plain (unshared) memory (${why}): pass simd-st.wasm or scalar-st.wasm, not a multi-threaded build`,
  loadFailed: (why: string) =>
    `${why}; on edge runtimes import the .wasm as a module and pass it: Scorer.load(bytes, { module })`,
  bytesNotYet: () => 'loading a scorer from model bytes needs the model file reader, which this build does not include',
};

export function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v !== 'object') return `a ${typeof v}`;
  const name = (v as object).constructor?.name;
  return !name || name === 'Object' ? 'an object' : `a ${name}`;
}
