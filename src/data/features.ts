// The adapted predictors a DataInfo is made of, as plain data (they go into the model file), and
// the reader that turns a frame's columns into their values. The same reader serves training and
// scoring, so a frame is encoded identically both times: levels are matched by name onto the training
// domain, unseen levels become NA (and are reported once per column), a missing column becomes NA
// (0 in sparse mode, as H2O's missingColumnsType).

import { AquiferError } from '../util/errors';
import { codesInDomain, type FrameLike, hasColumn, isNumericType } from './frame-access';
import { msg } from './messages';

/** A one-hot encoded predictor (one_hot_internal, sort_by_response, enum_limited). */
export interface CategoricalFeature {
  kind: 'categorical';
  /** The frame column it is read from. */
  column: string;
  /** Its name in the adapted frame (H2O's _output._names), e.g. `city.top_10_levels`. */
  name: string;
  /** Levels in one-hot order. */
  domain: string[];
  /** enum_limited: the training column's levels; those not kept map to `other`. */
  source_domain?: string[];
  /** enum_limited: index of the catch-all level 'other' in `domain`, -1 when none was needed. */
  other?: number;
  /** Whether a training row has this predictor missing, i.e. whether training lit its NA bucket
   *  (H2O's _saw_missing_cats: variable importances zero a bucket that was never lit,
   *  h2o-lifecycle.md §5). Absent in DataInfo saved before it was recorded: treated as seen. */
  na_seen?: boolean;
}

/** A numeric predictor: a numeric column, or one produced from a categorical by an encoding. */
export interface NumericFeature {
  kind: 'numeric';
  column: string;
  name: string;
  encoding: 'none' | 'binary' | 'label_encoder' | 'eigen';
  /** binary, label_encoder, eigen: the training domain of the source column. */
  domain?: string[];
  /** binary: which bit of (level index + 1); NA is 0. */
  bit?: number;
  /** eigen: the value of each level. */
  values?: number[];
}

export type Feature = CategoricalFeature | NumericFeature;

/** Reads feature values from one frame, caching the domain mapping of each source column. */
export class FeatureReader {
  private readonly codeCache = new Map<string, Int32Array>();
  private readonly unseen = new Map<string, string[]>();
  private readonly missing = new Set<string>();

  constructor(private readonly frame: FrameLike, private readonly sparse: boolean) {}

  /** One-hot level index per row (-1 = NA). */
  categorical(f: CategoricalFeature): Int32Array {
    if (f.source_domain === undefined) return this.codes(f.column, f.domain);
    const src = this.codes(f.column, f.source_domain);
    const index = new Map(f.domain.map((level, k) => [level, k]));
    const other = f.other ?? -1;
    const table = Int32Array.from(f.source_domain, (level) => index.get(level) ?? other);
    const out = new Int32Array(src.length);
    for (let i = 0; i < src.length; i++) out[i] = src[i]! < 0 ? -1 : table[src[i]!]!;
    return out;
  }

  /** Raw (untransformed) value per row, NaN = NA (the column's own storage when it has no NAs). */
  numeric(f: NumericFeature): ArrayLike<number> {
    if (f.encoding === 'none') {
      if (!hasColumn(this.frame, f.column)) {
        this.missing.add(f.column);
        return new Float64Array(this.frame.nrow).fill(this.sparse ? 0 : NaN);
      }
      const c = this.frame.col(f.column);
      if (!isNumericType(c.type)) {
        throw new AquiferError('BAD_COLUMN', msg.numericWasCategorical(f.column, c.type), { subject: f.column });
      }
      return c.numbers();
    }
    const codes = this.codes(f.column, f.domain!);
    const out = new Float64Array(codes.length);
    if (f.encoding === 'binary') {
      // H2O's CategoricalBinaryEncoder: bits of (level + 1), least significant first; NA → 0.
      const bit = f.bit!;
      for (let i = 0; i < codes.length; i++) out[i] = codes[i]! < 0 ? 0 : Math.floor((codes[i]! + 1) / 2 ** bit) % 2;
    } else if (f.encoding === 'label_encoder') {
      for (let i = 0; i < codes.length; i++) out[i] = codes[i]! < 0 ? NaN : codes[i]!;
    } else {
      const values = f.values!;
      for (let i = 0; i < codes.length; i++) out[i] = codes[i]! < 0 ? NaN : values[codes[i]!]!;
    }
    return out;
  }

  /** Warnings gathered so far: unseen levels per column, missing columns. */
  warnings(): string[] {
    const out: string[] = [];
    for (const c of this.missing) out.push(msg.missingPredictor(c, this.sparse ? '0' : 'NA'));
    for (const [c, levels] of this.unseen) out.push(msg.unseenLevels(c, levels));
    return out;
  }

  private codes(column: string, domain: readonly string[]): Int32Array {
    const cached = this.codeCache.get(column);
    if (cached !== undefined) return cached;
    let codes: Int32Array;
    if (!hasColumn(this.frame, column)) {
      this.missing.add(column);
      codes = new Int32Array(this.frame.nrow).fill(-1);
    } else {
      const r = codesInDomain(this.frame.col(column), domain);
      if (r.unseen.length > 0) this.unseen.set(column, r.unseen);
      codes = r.codes;
    }
    this.codeCache.set(column, codes);
    return codes;
  }
}

/** Rows with no missing predictor (after encoding: binary bits are never NA, as in H2O). */
export function completeRows(nrow: number, cats: readonly Int32Array[], nums: readonly ArrayLike<number>[]): Uint8Array {
  const keep = new Uint8Array(nrow).fill(1);
  for (const codes of cats) for (let i = 0; i < nrow; i++) if (codes[i]! < 0) keep[i] = 0;
  for (const values of nums) for (let i = 0; i < nrow; i++) if (values[i] !== values[i]) keep[i] = 0;
  return keep;
}
