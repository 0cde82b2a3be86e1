// aquifer's public API for browsers: the same surface as Node (file paths become URLs or File/Blob).

export { AquiferError, isAquiferError, type ErrorCode } from './util/errors';
export { runtimeInfo, type RuntimeInfo, type RuntimeOptions, type BuildName } from './wasm/runtime';
export { Frame, Column, importFile, importFileChunks, parseCSV, loadMnist, type ColumnType, type ImportOptions, type ChunkOptions, type ColumnSummary } from './frame';
export { DeepLearningEstimator, type TrainArgs } from './dl/estimator';
export { DeepLearningModel, type MetricsChoice } from './dl/model';
export type { PredictStreamOptions, PredictStreamSummary } from './dl/predict-stream';
export { loadModel, type LoadOptions, type ModelSource } from './persist/load-model';
export type { Progress, ScoringEvent } from './dl/trainer';
export type { ModelMetrics } from './dl/evaluate';
export type { HistoryRow } from './dl/history';
export type { VarimpRow } from './dl/varimp';
export type { NeuronLayerRow } from './dl/summary';
export { PARAMETERS, parseParameterValue, type DeepLearningParameters, type DeepLearningInput, type EffectiveParameters } from './dl/params';
export { regressionMetrics, binomialMetrics, multinomialMetrics } from './metrics';
