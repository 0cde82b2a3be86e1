// categorical_encoding as a frame pre-transform (h2o-training.md §1.2, lifecycle §0.9): fitted on the
// training frame, it turns each predictor column into one or more Features in the order H2O's
// encoders produce their output frame. one_hot_internal (AUTO), sort_by_response and enum_limited
// keep categoricals (one-hot encoded later by DataInfo); binary, label_encoder and eigen make numbers.

import { AquiferError } from '../util/errors';
import type { Column } from '../frame/column';
import { levelCounts } from './column-stats';
import { countsWithNAAsMode, eigenValues } from './eigen-encoding';
import type { CategoricalFeature, Feature, NumericFeature } from './features';
import type { FrameLike } from './frame-access';
import { msg } from './messages';
import type { ResolvedParams } from './params';

/** The response as numbers (class index for a categorical one), NaN = NA; for sort_by_response. */
export type ResponseValues = ArrayLike<number> | null;

const numeric = (name: string): NumericFeature => ({ kind: 'numeric', column: name, name, encoding: 'none' });
const oneHot = (c: Column): CategoricalFeature => ({ kind: 'categorical', column: c.name, name: c.name, domain: [...c.domain!] });

/** H2O's MathUtils.log2 on an int: floor(log2 x). */
const floorLog2 = (x: number) => 31 - Math.clz32(x);

/** Bits H2O's binary encoder uses for D levels plus NA: 1 + floor(log2 D). */
export const binaryWidth = (levels: number) => 1 + floorLog2(Math.max(1, levels));

function binary(c: Column): NumericFeature[] {
  const domain = [...c.domain!];
  return Array.from({ length: binaryWidth(domain.length) }, (_, bit) => ({
    kind: 'numeric' as const, column: c.name, name: `${c.name}:${bit}`, encoding: 'binary' as const, domain, bit,
  }));
}

function eigen(c: Column): NumericFeature {
  const domain = [...c.domain!];
  const codes = c.codes!;
  let na = 0;
  for (let i = 0; i < codes.length; i++) if (codes[i]! < 0) na++;
  const values = eigenValues(countsWithNAAsMode(levelCounts(codes, domain.length, null), na));
  return { kind: 'numeric', column: c.name, name: `${c.name}.Eigen`, encoding: 'eigen', domain, values };
}

/**
 * Levels reordered by increasing mean response over the rows where the response is known (a class
 * index for a categorical response); ties and levels without rows keep their order, the latter last.
 */
function sortByResponse(c: Column, response: ArrayLike<number>): CategoricalFeature {
  const domain = c.domain!, codes = c.codes!;
  const sum = new Float64Array(domain.length), count = new Float64Array(domain.length);
  for (let i = 0; i < codes.length; i++) {
    const k = codes[i]!, y = response[i]!;
    if (k < 0 || y !== y) continue;
    sum[k] += y; count[k]++;
  }
  const mean = (k: number) => (count[k]! > 0 ? sum[k]! / count[k]! : Infinity);
  const order = domain.map((_, k) => k).sort((a, b) => mean(a) - mean(b) || a - b);
  return { kind: 'categorical', column: c.name, name: c.name, domain: order.map((k) => domain[k]!) };
}

/**
 * H2O's enum_limited (CategoricalEnumLimitedEncoder through Interaction): a column with more than
 * `maxLevels` levels keeps its most frequent levels (at most maxLevels, each seen at least twice),
 * most frequent first (ties: domain order), and merges the rest into a last level 'other'.
 */
function enumLimited(c: Column, maxLevels: number): CategoricalFeature {
  const domain = c.domain!;
  if (domain.length <= maxLevels) return oneHot(c);
  const counts = levelCounts(c.codes!, domain.length, null);
  const order = domain.map((_, k) => k).filter((k) => counts[k]! > 0).sort((a, b) => counts[b]! - counts[a]! || a - b);
  const kept: number[] = [];
  for (const k of order) {
    if (kept.length >= maxLevels || counts[k]! < 2) break;
    kept.push(k);
  }
  const levels = kept.map((k) => domain[k]!);
  const other = kept.length < order.length ? levels.push('other') - 1 : -1;
  return {
    kind: 'categorical', column: c.name, name: `${c.name}.top_${maxLevels}_levels`,
    domain: levels, source_domain: [...domain], other,
  };
}

/** Fits the encoding on the training frame: Features in the order of H2O's encoded frame. */
export function encodeCategoricals(frame: FrameLike, predictors: readonly string[], p: ResolvedParams,
    response: ResponseValues): Feature[] {
  const enc = p.categorical_encoding;
  if (enc === 'sort_by_response' && response === null) {
    throw new AquiferError('BAD_PARAMETER', msg.sortByResponseNeedsY(), { subject: 'categorical_encoding' });
  }
  const out: Feature[] = [], bits: Feature[] = [];
  for (const name of predictors) {
    const c = frame.col(name);
    if (c.type !== 'enum') { out.push(numeric(name)); continue; }
    switch (enc) {
      case 'one_hot_internal': out.push(oneHot(c)); break;
      case 'sort_by_response': out.push(sortByResponse(c, response!)); break;
      case 'enum_limited': out.push(enumLimited(c, p.max_categorical_levels)); break;
      case 'label_encoder': out.push({ kind: 'numeric', column: name, name, encoding: 'label_encoder', domain: [...c.domain!] }); break;
      case 'eigen': out.push(eigen(c)); break;
      // H2O's binary encoder appends all bit columns after the other columns.
      case 'binary': bits.push(...binary(c)); break;
    }
  }
  return out.concat(bits);
}
