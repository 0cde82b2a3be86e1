// The container read from a Blob: only the sections wanted are read, and a truncated or damaged blob
// is refused with the very error the same bytes get.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readBlobContainer } from '../../src/persist/blob-container';
import { readContainer, writeContainer } from '../../src/persist/container';
import { isAquiferError } from '../../src/util/errors';
import { irisModel, sectionsOf, toFormat1 } from './fixtures';

/** A Blob that records the byte ranges read through it. */
class Recording extends Blob {
  readonly ranges: [number, number][] = [];
  override slice(start = 0, end = this.size): Blob {
    this.ranges.push([start, Math.min(end, this.size)]);
    return super.slice(start, end);
  }
}

const SKIP = ['OPTS'];
const HEADS = [24, 100, 300, 1000, 4096, 1 << 16];

async function error(p: Promise<unknown> | (() => unknown)): Promise<string> {
  try { await (typeof p === 'function' ? p() : p); } catch (e) {
    assert.ok(isAquiferError(e), String(e));
    return `${e.code}: ${e.message}`;
  }
  return 'no error';
}

test('from a blob, the sections wanted equal those read from the bytes; past the first read the skipped one is not read', async () => {
  const bytes = (await irisModel()).toBytes();
  const want = readContainer(bytes, 'x');
  const opts = sectionsOf(bytes).length;
  for (const headBytes of HEADS) {
    const blob = new Recording([bytes as BlobPart]);
    const got = await readBlobContainer(blob, 'x', { skip: SKIP, headBytes });
    assert.equal([...got.sections.keys()], [...want.sections.keys()].filter((t) => t !== 'OPTS'));
    for (const [tag, payload] of got.sections) {
      assert.equal(Array.from(payload), Array.from(want.sections.get(tag)!), tag);
      assert.is(payload.byteOffset % 4, 0, `${tag} is 4-byte aligned`);
    }
    assert.equal(got.lengths, want.lengths);
    const optsAt = want.sections.get('OPTS')!.byteOffset;
    const [first, ...rest] = blob.ranges;
    assert.equal(first, [0, Math.min(headBytes, bytes.length)]);
    for (const [from, to] of rest) assert.ok(from < to && to <= optsAt, `read [${from}, ${to}) with OPTS at ${optsAt}, ${opts} sections`);
  }
});

test('without sections to skip, and for a format 1 file, the blob is read whole and checked as bytes are', async () => {
  const bytes = (await irisModel()).toBytes();
  const all = await readBlobContainer(new Blob([bytes as BlobPart]), 'x', { headBytes: 100 });
  assert.equal([...all.sections.keys()], [...readContainer(bytes, 'x').sections.keys()]);
  const v1 = toFormat1(bytes);
  const got = await readBlobContainer(new Blob([v1 as BlobPart]), 'x', { skip: SKIP, headBytes: 100 });
  assert.equal(Array.from(got.sections.get('THTA')!), Array.from(readContainer(v1, 'x').sections.get('THTA')!));
  const flipped = v1.slice(); flipped[v1.length - 10] ^= 1;
  assert.match(await error(readBlobContainer(new Blob([flipped as BlobPart]), 'x', { skip: SKIP })), /checksum mismatch/);
});

test('a blob cut anywhere before, inside or after any section gets the error its bytes get', async () => {
  const bytes = (await irisModel()).toBytes();
  const cuts = new Set([0, 1, 7, 8, 11, 12, 23, 24, 60, bytes.length - 1]);
  let at = 0;
  for (const { tag, payload } of sectionsOf(bytes)) {
    at = readContainer(bytes, 'x').sections.get(tag)!.byteOffset;
    for (const d of [-4, -1, 0, 1, payload.length, payload.length + 1]) if (at + d > 0 && at + d < bytes.length) cuts.add(at + d);
  }
  for (const n of cuts) {
    const cut = bytes.subarray(0, n);
    const want = await error(() => readContainer(cut, 'm.aqm', { unchecked: SKIP }));
    assert.match(want, n === 0 ? /empty/ : /truncated/);
    for (const headBytes of [24, 1 << 16]) assert.is(await error(readBlobContainer(new Blob([cut as BlobPart]), 'm.aqm', { skip: SKIP, headBytes })), want, `cut at ${n}`);
  }
});

test('a flipped byte outside the skipped section gets the error its bytes get; inside it goes unseen', async () => {
  const bytes = (await irisModel()).toBytes();
  const opts = readContainer(bytes, 'x').sections.get('OPTS')!;
  for (let i = 0; i < bytes.length; i += i < 200 ? 1 : 7) {
    const b = bytes.slice(); b[i] ^= 0x10;
    const want = await error(() => readContainer(b, 'm.aqm', { unchecked: SKIP }));
    const inOpts = i >= opts.byteOffset;
    assert.is(want === 'no error', inOpts, `byte ${i}`);
    assert.is(await error(readBlobContainer(new Blob([b as BlobPart]), 'm.aqm', { skip: SKIP, headBytes: 300 })), want, `byte ${i}`);
  }
});

test('a section table longer than the first read is read in full; a crafted one is refused as bytes are', async () => {
  const sections = Array.from({ length: 40 }, (_, k) => ({ tag: `S${String.fromCharCode(65 + (k >> 4 & 15))}${String.fromCharCode(65 + (k & 15))}Z`, payload: new Uint8Array(k) }));
  const bytes = writeContainer(sections);
  const got = await readBlobContainer(new Blob([bytes as BlobPart]), 'x', { skip: ['SACZ'], headBytes: 24 });
  assert.is(got.sections.size, 39);
  assert.is(got.lengths.get('SACZ'), 2);
  const count = bytes.slice(); new DataView(count.buffer).setUint32(12, 1e6, true);
  const want = await error(() => readContainer(count, 'x', { unchecked: ['SACZ'] }));
  assert.match(want, /does not fit/);
  assert.is(await error(readBlobContainer(new Blob([count as BlobPart]), 'x', { skip: ['SACZ'], headBytes: 24 })), want);
});

test('a blob that cannot be read is a FILE_ERROR naming it', async () => {
  class Broken extends Blob {
    override slice(): Blob { return { arrayBuffer: () => Promise.reject(new Error('the file changed')) } as unknown as Blob; }
  }
  assert.match(await error(readBlobContainer(new Broken([new Uint8Array(100) as BlobPart]), 'm.aqm', { skip: SKIP })), /^FILE_ERROR: cannot read 'm\.aqm': the file changed/);
});

test.run();
