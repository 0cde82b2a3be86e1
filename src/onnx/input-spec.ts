// What an exported graph takes as input, derived from a model's DataInfo: the numeric columns as
// floats, each categorical column as a level index into its training domain, and the offset. The
// tables here are what the graph's input layer looks up; they come from DataInfo.catUnit and
// FeatureReader's encodings, so the graph lights the units and imputes the values `predict` does.

import type { DataInfo } from '../data/data-info';
import type { CategoricalFeature, NumericFeature } from '../data/features';
import { AquiferError } from '../util/errors';

/** A categorical input column: the graph reads its values as indices into `levels`; −1, or any
 *  index outside the levels, is NA (unseen levels are NA too, as in predict). */
export interface CategoricalInput {
  column: string;
  levels: string[];
}

/** A categorical predictor's one-hot block: the input unit per level index, then for NA. */
export interface UnitTable {
  /** Index into InputSpec.categorical. */
  source: number;
  /** units[v] for level index v of the source column, units[levels] for NA; `none` = no unit lit. */
  units: number[];
}

/** A numeric predictor computed from a categorical column (binary, label_encoder, eigen). */
export interface ValueTable {
  source: number;
  /** values[v] for level index v, values[levels] for NA (NaN: imputed like any numeric NA). */
  values: number[];
}

export interface InputSpec {
  /** Numeric predictors read as they are (columns of the `numeric` input, in this order). */
  numeric: string[];
  /** Columns of the `categorical` input, in this order. */
  categorical: CategoricalInput[];
  /** The offset column of a regression model, read as the `offset` input; null without one. */
  offset: string | null;
  /** One per categorical predictor, in DataInfo's order. */
  unitTables: UnitTable[];
  /** One-hot width (hashed width with max_categorical_features); also the `none` unit index. */
  oneHotWidth: number;
  /** The numeric predictors in DataInfo's order: a column of `numeric`, or an encoded table. */
  numericSources: ({ kind: 'input'; index: number } | { kind: 'table'; table: ValueTable })[];
}

/** FeatureReader.numeric's encodings of level index v (NA: v < 0). */
function encodedValue(f: NumericFeature, v: number): number {
  if (f.encoding === 'binary') return v < 0 ? 0 : Math.floor((v + 1) / 2 ** f.bit!) % 2;
  if (f.encoding === 'label_encoder') return v < 0 ? NaN : v;
  return v < 0 ? NaN : f.values![v]!;
}

/** FeatureReader.categorical's mapping from the column's level index to the feature's (−1 = NA). */
function featureLevel(f: CategoricalFeature, v: number): number {
  if (v < 0 || f.source_domain === undefined) return v;
  const k = f.domain.indexOf(f.source_domain[v]!);
  return k >= 0 ? k : f.other ?? -1;
}

export function inputSpec(info: DataInfo): InputSpec {
  const categorical: CategoricalInput[] = [];
  const sourceOf = (column: string, levels: readonly string[]): number => {
    const at = categorical.findIndex((c) => c.column === column);
    if (at < 0) return categorical.push({ column, levels: [...levels] }) - 1;
    const known = categorical[at]!.levels;
    if (known.length !== levels.length || known.some((l, i) => l !== levels[i])) {
      throw new AquiferError('INTERNAL', `column '${column}' feeds two predictors with different levels`, { subject: column });
    }
    return at;
  };
  const oneHotWidth = info.layout.numOffset;
  const unitTables = info.categoricals.map((f, i): UnitTable => {
    const levels = f.source_domain ?? f.domain;
    const source = sourceOf(f.column, levels);
    const unitOf = (v: number) => { const u = info.catUnit(i, featureLevel(f, v)); return u < 0 ? oneHotWidth : u; };
    return { source, units: [...levels.map((_, v) => unitOf(v)), unitOf(-1)] };
  });
  const numeric: string[] = [];
  const numericSources = info.numerics.map((f): InputSpec['numericSources'][number] => {
    if (f.encoding === 'none') return { kind: 'input', index: numeric.push(f.column) - 1 };
    const levels = f.domain!;
    const source = sourceOf(f.column, levels);
    return { kind: 'table', table: { source, values: [...levels.map((_, v) => encodedValue(f, v)), encodedValue(f, -1)] } };
  });
  return { numeric, categorical, offset: info.params.offset_column, unitTables, oneHotWidth, numericSources };
}
