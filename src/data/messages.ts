// Every error and warning text that DataInfo produces, in one place so they stay short and consistent.
// Each names the parameter or column it is about; the gist follows H2O's messages where one exists.

const list = (xs: readonly string[]): string => xs.map((x) => `'${x}'`).join(', ');

export const msg = {
  unknownColumn: (param: string, column: string, names: readonly string[]) =>
    `${param}: column '${column}' is not in the frame (columns: ${list(names.slice(0, 20))}${names.length > 20 ? ', ...' : ''})`,
  badEnum: (param: string, value: unknown, allowed: readonly string[]) =>
    `${param} must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`,
  enumEncodingRejected: () =>
    "categorical_encoding 'enum' is not supported for Deep Learning: cannot use Enum encoding for categoricals - need numbers!",
  oneHotExplicitRejected: () =>
    "categorical_encoding 'one_hot_explicit' is not supported for Deep Learning; use 'one_hot_internal' (the default)",
  notPositiveInt: (param: string, value: unknown) => `${param} must be an integer >= 1, got ${JSON.stringify(value)}`,
  notBoolean: (param: string, value: unknown) => `${param} must be true or false, got ${JSON.stringify(value)}`,
  responseMissing: () => 'y (response_column) is required unless autoencoder is true',
  responseWithAutoencoder: (y: string) => `y ('${y}') cannot be given with autoencoder: true (an autoencoder has no response)`,
  responseType: (y: string, type: string) =>
    `response column '${y}' has type '${type}'; use a numerical, categorical or time column`,
  responseConstant: (y: string) => `response column '${y}' is constant: response cannot be constant`,
  responseTooManyLevels: (y: string, n: number) => `response column '${y}' has ${n} levels; at most 2^20 are supported`,
  sameColumn: (a: string, b: string, column: string) => `${a} and ${b} are the same column ('${column}')`,
  weightsType: (c: string, type: string) => `weights_column '${c}' must be numeric, but it has type '${type}'`,
  weightsNA: (c: string) => `weights_column '${c}' has missing values`,
  weightsNegative: (c: string) => `weights_column '${c}' has negative weights`,
  weightsAllZero: (c: string) => `weights_column '${c}' has only zero weights`,
  offsetType: (c: string, type: string) => `offset_column '${c}' must be numeric, but it has type '${type}'`,
  offsetNA: (c: string) => `offset_column '${c}' has missing values`,
  offsetClassification: () => 'offset_column is only supported for regression',
  offsetAutoencoder: () => 'offset_column cannot be used with autoencoder: true',
  sortByResponseNeedsY: () => "categorical_encoding 'sort_by_response' needs a response column",
  stringPredictor: (c: string) =>
    `column '${c}' is a string column and cannot be a predictor; turn it into a factor (asfactor) or ignore it`,
  noColumns: () => 'there are no usable columns to generate a model (all predictors were ignored or dropped)',
  noRowsLeft: () =>
    'no rows left in the dataset after filtering out rows with missing values; ignore columns with many NAs ' +
    "or impute missing values, or use missing_values_handling 'MeanImputation'",
  emptyFrame: () => 'the training frame has no rows',
  droppedColumns: (names: readonly string[]) => `dropping bad and constant columns: [${names.join(', ')}]`,
  weightsAndOffsetStats: () =>
    'with both weights_column and offset_column, standardization uses unweighted means and standard deviations',
  binaryResponseRegression: (y: string) =>
    `response column '${y}' is numeric with only the values 0 and 1: regression is used; turn it into a factor (asfactor) for classification`,
  unseenLevels: (c: string, levels: readonly string[]) =>
    `Test/Validation dataset column '${c}' has levels not trained on: [${levels.slice(0, 10).join(', ')}${levels.length > 10 ? `, ... (${levels.length} in all)` : ''}]`,
  missingPredictor: (c: string, fill: string) =>
    `Test/Validation dataset is missing column '${c}': substituting in a column of ${fill}`,
  missingOffset: (c: string) => `Test/Validation dataset is missing offset column '${c}'`,
  numericWasCategorical: (c: string, type: string) =>
    `column '${c}' was numeric in the training frame but has type '${type}' here`,
  noResponse: (where: string, y: string) => `${where} has no response column '${y}', which its metrics need`,
  allResponseMissing: (where: string, y: string) => `${where}: every value of the response column '${y}' is missing, so there is nothing to score it on`,
  responseIgnored: (y: string, type: string) =>
    `response column '${y}' was numeric in the training frame but has type '${type}' here; predictions do not need it, so it is ignored`,
  badModelJSON: (what: string) => `DataInfo JSON is not valid: ${what}`,
} as const;
