// Boundary checks shared by the three metric families (h2o-lifecycle.md §3, common conventions).
// Validation happens here once; the metric loops trust their inputs afterwards.

import { AquiferError } from '../util/errors';
import { msg } from './messages';

/** Any indexable numeric column: typed arrays (the usual case) or plain arrays. */
export type Numbers = ArrayLike<number>;

export function checkLength(name: string, values: Numbers, expected: number, of: string): void {
  if (values.length !== expected) {
    throw new AquiferError('BAD_FRAME', msg.lengthMismatch(name, values.length, expected, of), { subject: name });
  }
}

/**
 * Observation weights must be finite and non-negative. A weight of 0 or NaN is legal and skips the row
 * (h2o-lifecycle.md §3: "a row is skipped ... if the weight is 0/NaN").
 */
export function checkWeights(weights: Numbers | undefined, rows: number): void {
  if (weights === undefined) return;
  checkLength('weights', weights, rows, 'y');
  for (let i = 0; i < rows; i++) {
    const w = weights[i];
    if (w < 0 || w === Infinity) throw new AquiferError('BAD_FRAME', msg.badWeight(i, w), { subject: 'weights' });
  }
}

/** The weight of row i, 1 without a weights column. A row is used only when this is > 0. */
export function weightAt(weights: Numbers | undefined, i: number): number {
  return weights === undefined ? 1 : weights[i];
}

export function checkRange(name: string, v: number, lo: number, hi: number, open: boolean): void {
  const ok = open ? v > lo && v < hi : v >= lo && v <= hi;
  if (!ok) {
    const range = open ? `(${lo}, ${hi})` : `[${lo}, ${hi}]`;
    throw new AquiferError('BAD_PARAMETER', msg.outOfRange(name, v, range), { subject: name });
  }
}
