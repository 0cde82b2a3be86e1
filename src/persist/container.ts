// The container of the model file (format.ts, docs/model-format.md): a header, a section table with
// a CRC-32 per section, the table's own CRC-32, then the payloads. Writing lays the sections out;
// reading checks, in order, magic, version, length, the table and its checksum, then each section's
// checksum, and names the first thing that is wrong. The header and the table are checked apart
// from the payloads, so that a reader of a Blob knows where every section lies before it reads one
// (blob-container.ts). A reader may leave sections it does not use unread and unchecked (the scorer
// skips the optimizer state). Format 1 files (one CRC-32 over the whole file)
// are still read. Plain Uint8Array and DataView only, so Node and browsers read and write the same bytes.

import { AquiferError } from '../util/errors';
import { crc32 } from './crc32';
import {
  CHECKSUM_BYTES, FORMAT_MAJOR, FORMAT_MINOR, HEADER_BYTES, MAGIC, SECTION_ALIGN, TABLE_ENTRY_BYTES, V1_SECTION_HEADER_BYTES,
} from './format';
import { msg } from './messages';

export interface Section { tag: string; payload: Uint8Array }

export interface Container {
  major: number;
  minor: number;
  /** Payloads by tag: views into the bytes read. A reader of a Blob leaves out the sections it
   *  was asked to skip. */
  sections: Map<string, Uint8Array>;
  /** Every section's payload length, read or not. */
  lengths: Map<string, number>;
}

export interface ReadOptions {
  /** Format 2: sections whose payload is not read, so not checksummed either (their lengths are
   *  still checked against the file's). Format 1 has one checksum for everything: there every byte
   *  is checked. */
  unchecked?: readonly string[];
}

const padded = (n: number) => Math.ceil(n / SECTION_ALIGN) * SECTION_ALIGN;
const bad = (text: string) => new AquiferError('BAD_MODEL_FILE', text);
const TAG = /^[A-Z]{4}$/;

export function writeContainer(sections: readonly Section[]): Uint8Array {
  const table = HEADER_BYTES + TABLE_ENTRY_BYTES * sections.length + CHECKSUM_BYTES;
  let length = table;
  for (const s of sections) {
    if (!TAG.test(s.tag)) throw new AquiferError('INTERNAL', `bad section tag ${JSON.stringify(s.tag)}`);
    if (s.payload.length > 0xffffffff) throw new AquiferError('BAD_PARAMETER', msg.tooLarge(s.payload.length));
    length += padded(s.payload.length);
  }
  const bytes = new Uint8Array(length);
  const view = new DataView(bytes.buffer);
  bytes.set(MAGIC, 0);
  view.setUint16(8, FORMAT_MAJOR, true);
  view.setUint16(10, FORMAT_MINOR, true);
  view.setUint32(12, sections.length, true);
  view.setBigUint64(16, BigInt(length), true);
  let at = table;
  sections.forEach((s, k) => {
    const entry = HEADER_BYTES + TABLE_ENTRY_BYTES * k, size = padded(s.payload.length);
    for (let i = 0; i < 4; i++) bytes[entry + i] = s.tag.charCodeAt(i);
    view.setUint32(entry + 4, s.payload.length, true);
    bytes.set(s.payload, at); // the padding stays zero
    view.setUint32(entry + 8, crc32(bytes, at, at + size), true);
    at += size;
  });
  view.setUint32(table - CHECKSUM_BYTES, crc32(bytes, 0, table - CHECKSUM_BYTES), true);
  return bytes;
}

/** What a file that is not a model seems to be, for the error message. */
function guessKind(bytes: Uint8Array): string | null {
  const head = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 64)).trimStart();
  if (head.startsWith('{') || head.startsWith('[')) return 'a JSON file';
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) return 'a gzip file';
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return 'a zip file (an H2O MOJO?)';
  if (/^[\x20-\x7e\t\r\n]{16,}/.test(head)) return 'a text file';
  return null;
}

/** The header's fields, checked against the file's length. */
export interface Header { major: number; minor: number; count: number; length: number }

/** Format 2: one entry of the section table, with its payload's offset in the file. */
export interface TableEntry { tag: string; offset: number; size: number; crc: number }

/** Bytes from the file's start through the end of a format 2 section table of `count` sections. */
export const tableBytes = (count: number) => HEADER_BYTES + TABLE_ENTRY_BYTES * count + CHECKSUM_BYTES;

/** Magic, version and length: `head` holds the file's first bytes (all of them, or at least
 *  HEADER_BYTES), `length` is the whole file's. A reader that has only the start of a file (a Blob)
 *  checks it here before reading anything else. */
export function readHeader(head: Uint8Array, length: number, name: string): Header {
  if (length === 0) throw bad(msg.empty(name));
  const magicBytes = Math.min(head.length, MAGIC.length);
  for (let i = 0; i < magicBytes; i++) if (head[i] !== MAGIC[i]) throw bad(msg.notModelFile(name, guessKind(head)));
  if (length < 12) throw bad(msg.truncated(name, length, HEADER_BYTES, 'the header'));
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const major = view.getUint16(8, true), minor = view.getUint16(10, true);
  // The version comes first: a newer major version may lay out everything after it differently.
  if (major > FORMAT_MAJOR) throw bad(msg.newerVersion(name, major, minor));
  if (major < 1) throw bad(msg.badVersion(name, major, minor));
  if (length < HEADER_BYTES) throw bad(msg.truncated(name, length, HEADER_BYTES, 'the header'));
  const count = view.getUint32(12, true);
  const declared = view.getBigUint64(16, true);
  const minimal = HEADER_BYTES + CHECKSUM_BYTES;
  if (declared < BigInt(minimal) || declared > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw bad(msg.badSectionTable(name, `the header gives an impossible file length (${declared} bytes)`));
  }
  const want = Number(declared);
  if (length < want) throw bad(msg.truncated(name, length, want, 'the model its header describes'));
  if (length > want) throw bad(msg.trailing(name, length, want));
  return { major, minor, count, length };
}

/** Format 2: the section table, its checksum checked, then each entry in order: a valid tag, the
 *  payload within the file, no tag twice, nothing after the last section. `head` holds at least the
 *  file's first tableBytes(count) bytes; the payloads are not read here. */
export function readTable(head: Uint8Array, { count, length }: Header, name: string): TableEntry[] {
  const table = tableBytes(count);
  if (table > length) throw bad(msg.badSectionTable(name, `a table of ${count} sections does not fit in ${length} bytes`));
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const stored = view.getUint32(table - CHECKSUM_BYTES, true), computed = crc32(head, 0, table - CHECKSUM_BYTES);
  if (stored !== computed) throw bad(msg.checksum(name, stored, computed, 'the section table'));
  const entries: TableEntry[] = [], seen = new Set<string>();
  let at = table;
  for (let k = 0; k < count; k++) {
    const entry = HEADER_BYTES + TABLE_ENTRY_BYTES * k;
    const tag = String.fromCharCode(...head.subarray(entry, entry + 4));
    if (!TAG.test(tag)) throw bad(msg.badSectionTable(name, `section ${k + 1} has an invalid tag`));
    const size = view.getUint32(entry + 4, true);
    if (at + padded(size) > length) throw bad(msg.badSectionTable(name, `section ${tag} (${size} bytes) runs past the end`));
    if (seen.has(tag)) throw bad(msg.duplicateSection(name, tag));
    seen.add(tag);
    entries.push({ tag, offset: at, size, crc: view.getUint32(entry + 8, true) });
    at += padded(size);
  }
  if (at !== length) throw bad(msg.badSectionTable(name, `${length - at} bytes after the last section`));
  return entries;
}

/** A section's payload (a view), its checksum (payload and padding) checked: `bytes` hold the file
 *  from offset `base` on, through the section's padding at least. */
export function checkedPayload(bytes: Uint8Array, base: number, e: TableEntry, name: string): Uint8Array {
  const from = e.offset - base, got = crc32(bytes, from, from + padded(e.size));
  if (got !== e.crc) throw bad(msg.checksum(name, e.crc, got, `section ${e.tag}`));
  return bytes.subarray(from, from + e.size);
}

export function readContainer(bytes: Uint8Array, name: string, options: ReadOptions = {}): Container {
  const header = readHeader(bytes, bytes.length, name);
  const { major, minor, count, length } = header;
  if (major === 1) {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const sections = readSectionsV1(bytes, view, count, length, name);
    return { major, minor, sections, lengths: new Map([...sections].map(([tag, p]) => [tag, p.length])) };
  }
  // Format 2: the whole table first, then each section's checksum.
  const entries = readTable(bytes, header, name);
  const sections = new Map<string, Uint8Array>();
  for (const e of entries) {
    sections.set(e.tag, options.unchecked?.includes(e.tag) ? bytes.subarray(e.offset, e.offset + e.size) : checkedPayload(bytes, 0, e, name));
  }
  return { major, minor, sections, lengths: new Map(entries.map((e) => [e.tag, e.size])) };
}

/** Format 1: the whole file's checksum, then the sections one after another. */
function readSectionsV1(bytes: Uint8Array, view: DataView, count: number, length: number, name: string): Map<string, Uint8Array> {
  const end = length - CHECKSUM_BYTES;
  const stored = view.getUint32(end, true), computed = crc32(bytes, 0, end);
  if (stored !== computed) throw bad(msg.checksum(name, stored, computed));
  const sections = new Map<string, Uint8Array>();
  let at = HEADER_BYTES;
  for (let k = 0; k < count; k++) {
    if (at + V1_SECTION_HEADER_BYTES > end) throw bad(msg.badSectionTable(name, `section ${k + 1} of ${count} starts past the end`));
    const tag = String.fromCharCode(...bytes.subarray(at, at + 4));
    if (!TAG.test(tag)) throw bad(msg.badSectionTable(name, `section ${k + 1} has an invalid tag`));
    const size = view.getUint32(at + 4, true);
    const start = at + V1_SECTION_HEADER_BYTES;
    if (start + padded(size) > end) throw bad(msg.badSectionTable(name, `section ${tag} (${size} bytes) runs past the end`));
    if (sections.has(tag)) throw bad(msg.duplicateSection(name, tag));
    sections.set(tag, bytes.subarray(start, start + size));
    at = start + padded(size);
  }
  if (at !== end) throw bad(msg.badSectionTable(name, `${end - at} bytes after the last section`));
  return sections;
}
