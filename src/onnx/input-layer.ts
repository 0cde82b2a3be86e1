// The graph's input layer: from the `numeric` and `categorical` inputs to the network's input vector
// x [N, n0], as DataInfo builds it (h2o-lifecycle.md §0, §10.2 step 2): the one-hot units of each
// categorical (NA and unseen levels light the NA bucket) first, then each numeric predictor with NA
// replaced by its training mean and transformed as (x − normSub)·normMul.

import type { DataInfo } from '../data/data-info';
import type { GraphBuilder } from './graph-builder';
import type { InputSpec } from './input-spec';
import { ElemType } from './onnx-proto';

const isIdentity = (perm: readonly number[], n: number) => perm.length === n && perm.every((v, i) => v === i);

/** Level indices [N, k] (column j of `tables` sized levels_j) to flat indices into the
 *  concatenated tables: an index outside 0..levels_j−1 becomes levels_j, the table's NA entry. */
function tableIndex(b: GraphBuilder, codes: string, levels: number[], hint: string): string {
  const card = b.int64s(`${hint}_levels`, levels);
  const bases: number[] = [];
  levels.reduce((at, n) => { bases.push(at); return at + n + 1; }, 0);
  const negative = b.op('Less', [codes, b.int64s('zero', [0], [])], {}, `${hint}_is_na`);
  const clamped = b.op('Min', [b.op('Where', [negative, card, codes], {}, `${hint}_na`), card], {}, `${hint}_clamped`);
  return b.op('Add', [clamped, b.int64s(`${hint}_base`, bases)], {}, `${hint}_entry`);
}

/** Columns `sources` of the categorical input ([N, k]), without a Gather when they are all of it. */
function pick(b: GraphBuilder, codes: string, sources: number[], nInputs: number, hint: string): string {
  return isIdentity(sources, nInputs) ? codes : b.op('Gather', [codes, b.int64s(`${hint}_columns`, sources)], { axis: 1 }, `${hint}_codes`);
}

function oneHot(b: GraphBuilder, spec: InputSpec, codes: string): string {
  const tables = spec.unitTables;
  const sel = pick(b, codes, tables.map((t) => t.source), spec.categorical.length, 'cat');
  const entry = tableIndex(b, sel, tables.map((t) => spec.categorical[t.source]!.levels.length), 'cat');
  const units = b.op('Gather', [b.int64s('cat_units', tables.flatMap((t) => t.units)), entry], {}, 'cat_unit');
  // Depth D + 1 so that unit D (no unit lit: level 0 without use_all_factor_levels) has a slot that
  // the Slice then drops. Summing over the categoricals lights a hashed unit twice when two collide,
  // as DataInfo's expanded row does.
  const D = spec.oneHotWidth;
  const hot = b.op('OneHot', [units, b.int64s('cat_depth', [D + 1], []), b.floats('off_on', [0, 1])], { axis: -1 }, 'cat_onehot');
  const summed = b.op('ReduceSum', [hot, b.int64s('axis_1', [1])], { keepdims: 0 }, 'cat_units_lit');
  return b.op('Slice', [summed, b.int64s('zero_1', [0]), b.int64s('cat_width', [D]), b.int64s('axis_1', [1])], {}, 'x_cat');
}

function numerics(b: GraphBuilder, info: DataInfo, spec: InputSpec, numeric: string | null, codes: string | null): string {
  const tables = spec.numericSources.flatMap((s) => (s.kind === 'table' ? [s.table] : []));
  const parts: string[] = [];
  if (numeric !== null) parts.push(numeric);
  if (tables.length > 0) {
    const sel = pick(b, codes!, tables.map((t) => t.source), spec.categorical.length, 'enc');
    const entry = tableIndex(b, sel, tables.map((t) => spec.categorical[t.source]!.levels.length), 'enc');
    parts.push(b.op('Gather', [b.floats('enc_values', tables.flatMap((t) => t.values)), entry], {}, 'enc_value'));
  }
  let raw = parts.length === 1 ? parts[0]! : b.op('Concat', parts, { axis: 1 }, 'num_raw');
  // Columns of `raw`: the numeric input, then the encoded values; DataInfo's order interleaves them.
  let t = 0;
  const order = spec.numericSources.map((s) => (s.kind === 'input' ? s.index : spec.numeric.length + t++));
  if (!isIdentity(order, order.length)) raw = b.op('Gather', [raw, b.int64s('num_order', order)], { axis: 1 }, 'num_ordered');
  let x = b.op('Where', [b.op('IsNaN', [raw], {}, 'num_is_na'), b.floats('num_mean', info.numMeans), raw], {}, 'num_imputed');
  if (info.normSub.some((v) => v !== 0)) x = b.op('Sub', [x, b.floats('norm_sub', info.normSub)], {}, 'num_centered');
  if (info.normMul.some((v) => v !== 1)) x = b.op('Mul', [x, b.floats('norm_mul', info.normMul)], {}, 'x_num');
  return x;
}

/** Declares the graph inputs (numeric, categorical) and returns the name of x [N, n0]. */
export function inputLayer(b: GraphBuilder, info: DataInfo, spec: InputSpec): string {
  const numeric = spec.numeric.length === 0 ? null
    : b.input('numeric', ElemType.FLOAT, ['N', spec.numeric.length], `numeric predictors, NaN = missing: ${spec.numeric.join(', ')}`);
  const codes = spec.categorical.length === 0 ? null
    : b.input('categorical', ElemType.INT64, ['N', spec.categorical.length],
      `categorical predictors as level indices (see metadata aquifer.inputs; -1 = missing): ${spec.categorical.map((c) => c.column).join(', ')}`);
  const parts: string[] = [];
  if (spec.unitTables.length > 0) parts.push(oneHot(b, spec, codes!));
  if (spec.numericSources.length > 0) parts.push(numerics(b, info, spec, numeric, codes));
  return parts.length === 1 ? parts[0]! : b.op('Concat', parts, { axis: 1 }, 'x');
}
