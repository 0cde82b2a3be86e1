// aquifer/scorer: scoring only, for browsers, serverless functions and edge workers. No workers, no
// SharedArrayBuffer, no trainer; the forward pass is predict's own (Stepper.scoreRows on one
// thread), from a pre-compiled WebAssembly.Module where runtimes forbid compiling bytes, or plain
// TypeScript where there is no Wasm.
//
//   import { Scorer } from 'aquifer/scorer';
//   const scorer = await Scorer.load(bytes, { module });   // module: optional, simd-st.wasm compiled
//   scorer.predict([{ sepal_len: 5.1, sepal_wid: 3.5, petal_len: 1.4, petal_wid: 0.2 }]);
//   // → [{ predict: 'setosa', setosa: 0.97, versicolor: 0.02, virginica: 0.01 }]

export { Scorer, type ScorerOptions, type PredictionRow, type PredictionColumns } from './scorer/scorer';
export type { ScorerKernel } from './scorer/engine';
export type { ScorerInput, RowsInput, ArrayRowsInput, ColumnsInput } from './scorer/encode';
export { AquiferError, isAquiferError, type ErrorCode } from './util/errors';
export { provideKernels } from './edge';
export { runtimeInfo, type RuntimeInfo } from './wasm/runtime';
