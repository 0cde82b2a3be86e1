// The unquoted field values H2O's parser reads as missing. An empty field is NA too.
export const DEFAULT_NA_STRINGS: readonly string[] = ['', 'NA', 'N/A', 'NaN', '?', 'null'];
