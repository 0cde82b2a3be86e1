// Shared helpers for the src/data tests.
import * as assert from 'uvu/assert';
import { isAquiferError, type ErrorCode } from '../../src/util/errors';
import type { DataInfo, PackOptions } from '../../src/data/data-info';
import type { FrameLike } from '../../src/data/frame-access';
import { expandRow } from '../../src/data/training-rows';

/** Asserts that `fn` throws an AquiferError with `code` (and `subject`, when given). */
export function throwsAquifer(fn: () => unknown, code: ErrorCode, subject?: string, pattern?: RegExp): void {
  try {
    fn();
  } catch (e) {
    assert.ok(isAquiferError(e), `expected an AquiferError, got ${String(e)}`);
    assert.is(e.code, code, e.message);
    if (subject !== undefined) assert.is(e.subject, subject, e.message);
    if (pattern !== undefined) assert.match(e.message, pattern);
    return;
  }
  assert.unreachable(`expected AquiferError ${code}`);
}

/** Element-wise |a − b| <= tol, with NaN equal to NaN. */
export function close(actual: ArrayLike<number>, expected: ArrayLike<number>, tol = 1e-6, what = ''): void {
  assert.is(actual.length, expected.length, `${what} length`);
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i]!, b = expected[i]!;
    if (Number.isNaN(b)) { assert.ok(Number.isNaN(a), `${what}[${i}]: expected NaN, got ${a}`); continue; }
    assert.ok(Math.abs(a - b) <= tol, `${what}[${i}]: expected ${b}, got ${a}`);
  }
}

/** Every packed row of `frame` as its full n0-wide input vector. */
export function denseRows(di: DataInfo, frame: FrameLike, opts: PackOptions = {}): number[][] {
  const out: number[][] = [];
  const d = new Float32Array(di.n0);
  for (const chunk of di.packRows(frame, opts)) {
    for (let r = 0; r < chunk.nrows; r++) { expandRow(chunk, r, d); out.push(Array.from(d)); }
  }
  return out;
}

/** One column of the packed rows: numeric input j, or `response`/`weight`/`offset`/`row`. */
export function packedColumn(di: DataInfo, frame: FrameLike, what: number | 'response' | 'weight' | 'offset' | 'row',
    opts: PackOptions = {}): number[] {
  const out: number[] = [];
  const d = new Float32Array(di.n0);
  for (const chunk of di.packRows(frame, opts)) {
    for (let r = 0; r < chunk.nrows; r++) {
      if (typeof what !== 'number') { out.push(chunk[what][r]!); continue; }
      expandRow(chunk, r, d);
      out.push(d[chunk.layout.numOffset + what]!);
    }
  }
  return out;
}
