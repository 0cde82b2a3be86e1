// The container: header, section table, checksums; and the order in which a bad file is diagnosed.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readContainer, writeContainer } from '../../src/persist/container';
import { crc32 } from '../../src/persist/crc32';
import { CHECKSUM_BYTES, FORMAT_MAJOR, FORMAT_MINOR, HEADER_BYTES, MAGIC, TABLE_ENTRY_BYTES } from '../../src/persist/format';
import { VERSION } from '../../src/version';
import { isAquiferError } from '../../src/util/errors';
import { createRequire } from 'node:module';

const sections = [
  { tag: 'ABCD', payload: new TextEncoder().encode('{"x":1}') },
  { tag: 'EMPT', payload: new Uint8Array(0) },
  { tag: 'FLTS', payload: new Uint8Array(new Float32Array([1, -2.5, NaN]).buffer) },
];

function fails(bytes: Uint8Array, pattern: RegExp) {
  try { readContainer(bytes, 'm.aqm'); assert.unreachable('expected an error'); } catch (e) {
    assert.ok(isAquiferError(e), String(e));
    assert.is(e.code, 'BAD_MODEL_FILE');
    assert.match(e.message, /'m\.aqm'/);
    assert.match(e.message, pattern);
  }
}

const tableEnd = (n: number) => HEADER_BYTES + TABLE_ENTRY_BYTES * n + CHECKSUM_BYTES;

/** Rewrites the table's CRC after an edit of the header or the table, as a crafted file would. */
function reseal(bytes: Uint8Array): Uint8Array {
  const b = bytes.slice(), view = new DataView(b.buffer);
  const at = tableEnd(view.getUint32(12, true)) - CHECKSUM_BYTES;
  view.setUint32(at, crc32(b, 0, at), true);
  return b;
}

test('the header, the section table with a CRC-32 per section, its own CRC-32; payloads 4-byte aligned', () => {
  const bytes = writeContainer(sections);
  const view = new DataView(bytes.buffer);
  assert.equal(Array.from(bytes.subarray(0, 8)), Array.from(MAGIC));
  assert.is(new TextDecoder().decode(bytes.subarray(0, 7)), 'AQUIFER');
  assert.is(view.getUint16(8, true), FORMAT_MAJOR);
  assert.is(view.getUint16(10, true), FORMAT_MINOR);
  assert.is(view.getUint32(12, true), 3);
  assert.is(Number(view.getBigUint64(16, true)), bytes.length);
  const end = tableEnd(3);
  assert.is(view.getUint32(end - 4, true), crc32(bytes, 0, end - 4));
  let at = end;
  sections.forEach((s, k) => {
    const e = HEADER_BYTES + TABLE_ENTRY_BYTES * k, size = Math.ceil(s.payload.length / 4) * 4;
    assert.is(new TextDecoder().decode(bytes.subarray(e, e + 4)), s.tag);
    assert.is(view.getUint32(e + 4, true), s.payload.length);
    assert.is(view.getUint32(e + 8, true), crc32(bytes, at, at + size));
    at += size;
  });
  assert.is(at, bytes.length);
  const read = readContainer(bytes, 'x');
  for (const s of sections) {
    const p = read.sections.get(s.tag)!;
    assert.equal(Array.from(p), Array.from(s.payload));
    assert.is(p.byteOffset % 4, 0);
  }
});

test('a section left unchecked is not checksummed (its damage goes unseen), every other one is', () => {
  const bytes = writeContainer(sections);
  const flts = readContainer(bytes, 'x').sections.get('FLTS')!;
  const b = bytes.slice(); b[flts.byteOffset] ^= 1;
  assert.is(readContainer(b, 'x', { unchecked: ['FLTS'] }).sections.get('FLTS')![0], flts[0]! ^ 1);
  fails(b, /checksum mismatch in section FLTS/);
  const abcd = bytes.slice(); abcd[tableEnd(3)] ^= 1;
  fails(abcd, /checksum mismatch in section ABCD/);
});

test('the library version written into files is package.json\'s', () => {
  const pkg = createRequire(import.meta.url)('../../package.json') as { version: string };
  assert.is(VERSION, pkg.version);
});

test('an empty file, another magic, a JSON or gzip file are named as such', () => {
  fails(new Uint8Array(0), /empty/);
  fails(new TextEncoder().encode('{"hidden": [3]}'), /magic.*JSON file/);
  fails(new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0]), /gzip/);
  fails(new TextEncoder().encode('sepal_len,sepal_wid,species\n1,2,setosa\n'), /text file/);
});

test('a file cut inside the magic or the header is truncated', () => {
  const bytes = writeContainer(sections);
  for (const n of [1, 7, 8, 11, 12, 20, HEADER_BYTES - 1]) fails(bytes.subarray(0, n), /truncated/);
});

test('a newer major version is refused with an upgrade hint, before anything else is read', () => {
  const b = writeContainer(sections);
  new DataView(b.buffer).setUint16(8, FORMAT_MAJOR + 1, true);
  fails(b.subarray(0, 12), new RegExp(`newer aquifer.*format ${FORMAT_MAJOR + 1}\\.0.*upgrade`));
  const zero = writeContainer(sections);
  new DataView(zero.buffer).setUint16(8, 0, true);
  fails(zero, /unknown model format version 0/);
});

test('a newer minor version with an extra section reads, the section kept for whoever knows it', () => {
  const b = writeContainer([...sections, { tag: 'NEWS', payload: new Uint8Array([1, 2, 3]) }]);
  new DataView(b.buffer).setUint16(10, FORMAT_MINOR + 1, true);
  const read = readContainer(reseal(b), 'x');
  assert.is(read.minor, FORMAT_MINOR + 1);
  assert.is(read.sections.size, 4);
});

test('extra bytes after the end, and a flipped byte anywhere, are refused', () => {
  const bytes = writeContainer(sections);
  const longer = new Uint8Array(bytes.length + 3);
  longer.set(bytes);
  fails(longer, /3 unexpected bytes after the end/);
  for (let i = HEADER_BYTES; i < bytes.length; i++) {
    const b = bytes.slice();
    b[i] ^= 0x20;
    fails(b, /checksum mismatch|corrupted/);
  }
});

test('a damaged section table is refused even with a correct checksum', () => {
  const bytes = writeContainer(sections);
  const tooMany = bytes.slice(); new DataView(tooMany.buffer).setUint32(12, 1e6, true);
  fails(tooMany, /section table.*does not fit/);
  // One section fewer in the table: the last payload is left over.
  const crafted = new Uint8Array(bytes.length - TABLE_ENTRY_BYTES);
  crafted.set(bytes.subarray(0, HEADER_BYTES + 2 * TABLE_ENTRY_BYTES));
  crafted.set(bytes.subarray(tableEnd(3)), tableEnd(2));
  const view = new DataView(crafted.buffer);
  view.setUint32(12, 2, true); view.setBigUint64(16, BigInt(crafted.length), true);
  fails(reseal(crafted), /section table.*bytes after the last section/);
  const longSection = bytes.slice(); new DataView(longSection.buffer).setUint32(HEADER_BYTES + 4, 1e6, true);
  fails(reseal(longSection), /runs past the end/);
  const badTag = bytes.slice(); badTag[HEADER_BYTES] = 0x61;
  fails(reseal(badTag), /invalid tag/);
  const dup = writeContainer([sections[0]!, sections[0]!]);
  fails(dup, /appears twice/);
  const length = bytes.slice(); new DataView(length.buffer).setBigUint64(16, 3n, true);
  fails(length, /impossible file length/);
});

test.run();
