// The container of the model file (format.ts, docs/model-format.md): a header, a section table with
// a CRC-32 per section, the table's own CRC-32, then the payloads. Writing lays the sections out;
// reading checks, in order, magic, version, length, the table and its checksum, then each section's
// checksum, and names the first thing that is wrong. A reader may leave sections it does not use
// unchecked (the scorer skips the optimizer state). Format 1 files (one CRC-32 over the whole file)
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
  /** Payloads by tag: views into the bytes read. */
  sections: Map<string, Uint8Array>;
}

export interface ReadOptions {
  /** Format 2: sections whose payload is not read, so not checksummed either (their lengths are
   *  still checked). Format 1 has one checksum for everything: there every byte is checked. */
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

export function readContainer(bytes: Uint8Array, name: string, options: ReadOptions = {}): Container {
  if (bytes.length === 0) throw bad(msg.empty(name));
  const magicBytes = Math.min(bytes.length, MAGIC.length);
  for (let i = 0; i < magicBytes; i++) if (bytes[i] !== MAGIC[i]) throw bad(msg.notModelFile(name, guessKind(bytes)));
  if (bytes.length < 12) throw bad(msg.truncated(name, bytes.length, HEADER_BYTES, 'the header'));
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const major = view.getUint16(8, true), minor = view.getUint16(10, true);
  // The version comes first: a newer major version may lay out everything after it differently.
  if (major > FORMAT_MAJOR) throw bad(msg.newerVersion(name, major, minor));
  if (major < 1) throw bad(msg.badVersion(name, major, minor));
  if (bytes.length < HEADER_BYTES) throw bad(msg.truncated(name, bytes.length, HEADER_BYTES, 'the header'));
  const count = view.getUint32(12, true);
  const declared = view.getBigUint64(16, true);
  const minimal = HEADER_BYTES + CHECKSUM_BYTES;
  if (declared < BigInt(minimal) || declared > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw bad(msg.badSectionTable(name, `the header gives an impossible file length (${declared} bytes)`));
  }
  const length = Number(declared);
  if (bytes.length < length) throw bad(msg.truncated(name, bytes.length, length, 'the model its header describes'));
  if (bytes.length > length) throw bad(msg.trailing(name, bytes.length, length));
  const sections = major === 1 ? readSectionsV1(bytes, view, count, length, name) : readSections(bytes, view, count, length, name, options);
  return { major, minor, sections };
}

/** Format 2: the table, its checksum, then each section within the file, in order, checksummed. */
function readSections(bytes: Uint8Array, view: DataView, count: number, length: number, name: string, options: ReadOptions): Map<string, Uint8Array> {
  const table = HEADER_BYTES + TABLE_ENTRY_BYTES * count + CHECKSUM_BYTES;
  if (table > length) throw bad(msg.badSectionTable(name, `a table of ${count} sections does not fit in ${length} bytes`));
  const stored = view.getUint32(table - CHECKSUM_BYTES, true), computed = crc32(bytes, 0, table - CHECKSUM_BYTES);
  if (stored !== computed) throw bad(msg.checksum(name, stored, computed, 'the section table'));
  const sections = new Map<string, Uint8Array>();
  let at = table;
  for (let k = 0; k < count; k++) {
    const entry = HEADER_BYTES + TABLE_ENTRY_BYTES * k;
    const tag = String.fromCharCode(...bytes.subarray(entry, entry + 4));
    if (!TAG.test(tag)) throw bad(msg.badSectionTable(name, `section ${k + 1} has an invalid tag`));
    const size = view.getUint32(entry + 4, true);
    if (at + padded(size) > length) throw bad(msg.badSectionTable(name, `section ${tag} (${size} bytes) runs past the end`));
    if (sections.has(tag)) throw bad(msg.duplicateSection(name, tag));
    if (!options.unchecked?.includes(tag)) {
      const want = view.getUint32(entry + 8, true), got = crc32(bytes, at, at + padded(size));
      if (want !== got) throw bad(msg.checksum(name, want, got, `section ${tag}`));
    }
    sections.set(tag, bytes.subarray(at, at + size));
    at += padded(size);
  }
  if (at !== length) throw bad(msg.badSectionTable(name, `${length - at} bytes after the last section`));
  return sections;
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
