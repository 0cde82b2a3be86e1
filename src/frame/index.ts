// Public surface of src/frame: the Frame, its columns, and the ways to load data into one.
export { Frame } from './frame';
export type { ColumnValues, FromValuesOptions, ArqueroLike } from './frame';
export { Column, type ColumnType, type ColumnData } from './column';
export type { ColumnSummary } from './describe';
export type { NumericArray } from './storage';
export type { CSVWriteOptions } from './csv-writer';
export { DEFAULT_NA_STRINGS } from './na';
export { importFile, parseCSV, type ImportOptions } from './import';
export { importFileChunks, type ChunkOptions } from './import-chunks';
export { loadMnist, mnistFrame, type MnistOptions } from './mnist';
