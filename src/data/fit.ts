// Fitting a DataInfo on the training frame: select the columns, encode the categoricals, order the
// predictors as H2O's DataInfo does, and compute the imputation means and the transforms of the
// predictors (h2o-training.md §1.4) and of the response (§1.6) over the rows training will use.

import { AquiferError } from '../util/errors';
import { selectColumns } from './column-filter';
import { numericStats, weightedStats } from './column-stats';
import { encodeCategoricals } from './categorical-encoding';
import type { DataInfoJSON, ResponseInfo } from './data-info';
import { type CategoricalFeature, completeRows, FeatureReader, type NumericFeature } from './features';
import type { FrameLike } from './frame-access';
import { msg } from './messages';
import { type DataInfoParams, hasIdentityLink, resolveParams, transformType } from './params';

/**
 * H2O's DataInfo orders categoricals by decreasing cardinality with this exact exchange pass, which
 * is not a stable sort (cards [1a, 1b, 2] become [2, 1b, 1a]); reproduced literally.
 */
export function exchangeSortByCardinality<T extends { domain: readonly string[] }>(cats: readonly T[]): T[] {
  const out = [...cats];
  for (let i = 0; i < out.length; i++) {
    for (let j = i + 1; j < out.length; j++) {
      if (out[i]!.domain.length < out[j]!.domain.length) [out[i], out[j]] = [out[j]!, out[i]!];
    }
  }
  return out;
}

/** 1/sd, or 1 where the sd is 0 (a constant column is left unscaled). */
const inverse = (s: number) => (s > 0 && Number.isFinite(s) ? 1 / s : 1);

/** Whether a row that trains (kept, with a response) has the categorical missing. */
function naSeen(codes: Int32Array, keep: Uint8Array | null, y: ArrayLike<number> | null): boolean {
  for (let i = 0; i < codes.length; i++) {
    if (codes[i]! < 0 && (keep === null || keep[i] === 1) && (y === null || y[i] === y[i])) return true;
  }
  return false;
}

export function fitDataInfo(frame: FrameLike, params: DataInfoParams): DataInfoJSON {
  const p = resolveParams(params);
  if (frame.nrow === 0) throw new AquiferError('BAD_FRAME', msg.emptyFrame());
  const sel = selectColumns(frame, p);
  const warnings = [...sel.warnings];
  const y = sel.response === null ? null : frame.col(sel.response.column).numbers();

  const encoded = encodeCategoricals(frame, sel.predictors, p, y);
  const cats = exchangeSortByCardinality(encoded.filter((f): f is CategoricalFeature => f.kind === 'categorical'));
  const nums = encoded.filter((f): f is NumericFeature => f.kind === 'numeric');

  // Statistics come from the rows training uses: with 'Skip', only rows without a missing predictor.
  const reader = new FeatureReader(frame, p.sparse);
  const numValues = nums.map((f) => reader.numeric(f));
  const catCodes = cats.map((f) => reader.categorical(f));
  let keep: Uint8Array | null = null;
  if (p.missing_values_handling === 'Skip') {
    keep = completeRows(frame.nrow, catCodes, numValues);
    if (!keep.some((k) => k === 1)) throw new AquiferError('BAD_FRAME', msg.noRowsLeft());
  }
  const features = [...cats.map((f, i) => ({ ...f, na_seen: naSeen(catCodes[i]!, keep, y) })), ...nums];

  const transform = transformType(p);
  const weights = p.weights_column === null ? null : frame.col(p.weights_column).numbers();
  // Weighted statistics need weights without an offset (§1.4); NORMALIZE stays unweighted.
  const weighted = weights !== null && p.offset_column === null;
  if (weights !== null && p.offset_column !== null && p.standardize) warnings.push(msg.weightsAndOffsetStats());

  const num_means: number[] = [], norm_sub: number[] = [], norm_mul: number[] = [];
  for (const values of numValues) {
    const s = numericStats(values, keep);
    const w = weighted && (transform === 'standardize' || transform === 'descale') ? weightedStats(values, weights!, keep) : s;
    num_means.push(s.mean);
    switch (transform) {
      case 'standardize': norm_sub.push(w.mean); norm_mul.push(inverse(w.sd)); break;
      case 'descale': norm_sub.push(0); norm_mul.push(inverse(w.sd)); break;
      case 'normalize': norm_sub.push(s.mean); norm_mul.push(inverse(s.max - s.min)); break;
      case 'none': norm_sub.push(0); norm_mul.push(1); break;
    }
  }

  let response: ResponseInfo | null = null;
  if (sel.response !== null) {
    const standardized = sel.response.kind === 'numeric' && p.standardize && hasIdentityLink(p.distribution);
    let sub = 0, mul = 1;
    if (standardized) {
      const s = weighted ? weightedStats(y!, weights!, keep) : numericStats(y!, keep);
      sub = s.mean; mul = inverse(s.sd);
    }
    response = { ...sel.response, standardized, norm_resp_sub: sub, norm_resp_mul: mul };
  }

  return {
    format: 'aquifer.data_info', version: 1, params: p, transform,
    features, num_means, norm_sub, norm_mul, response,
    dropped: sel.dropped, warnings: [...warnings, ...reader.warnings()],
  };
}
