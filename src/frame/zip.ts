// Single-entry .zip reading without a dependency: the central directory (at the end of the file)
// gives the entry's compressed size even when the writer streamed it with a data descriptor, and
// the entry's bytes are inflated with the platform's DecompressionStream('deflate-raw').
// Format: PKWARE APPNOTE.TXT 6.3 (sections 4.3.7 local header, 4.3.12 central directory,
// 4.3.16 end of central directory, 4.3.14-15 and 4.5.3 ZIP64).

import { AquiferError } from '../util/errors';
import { inflate, streamChunks } from './source';

export interface ZipEntry {
  name: string;
  /** Uncompressed size, from the central directory. */
  size: number;
  chunks(): AsyncIterable<Uint8Array>;
}

const EOCD = 0x06054b50, ZIP64_LOCATOR = 0x07064b50, ZIP64_EOCD = 0x06064b50, CENTRAL = 0x02014b50, LOCAL = 0x04034b50;

async function bytes(blob: Blob, start: number, end: number): Promise<DataView> {
  return new DataView(await blob.slice(start, end).arrayBuffer());
}

export async function unzipSingleEntry(blob: Blob, name: string): Promise<ZipEntry> {
  const bad = (why: string) => new AquiferError('FILE_ERROR', `'${name}' is not a readable zip file: ${why}`, { subject: name });
  const tailStart = Math.max(0, blob.size - (22 + 65535));
  const tail = await bytes(blob, tailStart, blob.size);
  let e = -1;
  for (let i = tail.byteLength - 22; i >= 0; i--) if (tail.getUint32(i, true) === EOCD) { e = i; break; }
  if (e < 0) throw bad('no end-of-central-directory record');
  let count = tail.getUint16(e + 10, true);
  let cdSize = tail.getUint32(e + 12, true);
  let cdOffset = tail.getUint32(e + 16, true);
  if (e >= 20 && tail.getUint32(e - 20, true) === ZIP64_LOCATOR) {
    const at = Number(tail.getBigUint64(e - 20 + 8, true));
    const z = await bytes(blob, at, at + 56);
    if (z.getUint32(0, true) !== ZIP64_EOCD) throw bad('broken ZIP64 record');
    count = Number(z.getBigUint64(32, true));
    cdSize = Number(z.getBigUint64(40, true));
    cdOffset = Number(z.getBigUint64(48, true));
  }
  const cd = await bytes(blob, cdOffset, cdOffset + cdSize);
  const entries: { name: string; method: number; flags: number; size: number; usize: number; offset: number }[] = [];
  for (let p = 0, k = 0; k < count; k++) {
    if (p + 46 > cd.byteLength || cd.getUint32(p, true) !== CENTRAL) throw bad('broken central directory');
    const flags = cd.getUint16(p + 8, true), method = cd.getUint16(p + 10, true);
    let size = cd.getUint32(p + 20, true), usize = cd.getUint32(p + 24, true), offset = cd.getUint32(p + 42, true);
    const nameLen = cd.getUint16(p + 28, true), extraLen = cd.getUint16(p + 30, true), commentLen = cd.getUint16(p + 32, true);
    const entryName = new TextDecoder().decode(new Uint8Array(cd.buffer, cd.byteOffset + p + 46, nameLen));
    // ZIP64 extra field (id 1): the 64-bit values, in this order, for each field saturated at 0xffffffff.
    for (let x = p + 46 + nameLen; x + 4 <= p + 46 + nameLen + extraLen;) {
      const id = cd.getUint16(x, true), len = cd.getUint16(x + 2, true);
      if (id === 1) {
        let f = x + 4;
        if (usize === 0xffffffff) { usize = Number(cd.getBigUint64(f, true)); f += 8; }
        if (size === 0xffffffff) { size = Number(cd.getBigUint64(f, true)); f += 8; }
        if (offset === 0xffffffff) offset = Number(cd.getBigUint64(f, true));
      }
      x += 4 + len;
    }
    p += 46 + nameLen + extraLen + commentLen;
    const base = entryName.split('/').pop()!;
    if (entryName.endsWith('/') || entryName.startsWith('__MACOSX/') || base === '.DS_Store') continue;
    entries.push({ name: entryName, method, flags, size, usize, offset });
  }
  if (entries.length === 0) throw bad('it holds no files');
  if (entries.length > 1)
    throw new AquiferError('FILE_ERROR', `'${name}' holds ${entries.length} files (${entries.slice(0, 3).map((x) => x.name).join(', ')}${entries.length > 3 ? ', ...' : ''}); importFile reads a zip with exactly one`, { subject: name });
  const entry = entries[0]!;
  if (entry.flags & 1) throw bad(`'${entry.name}' is encrypted`);
  if (entry.method !== 0 && entry.method !== 8) throw bad(`'${entry.name}' uses compression method ${entry.method}; only stored (0) and deflate (8) are supported`);
  const local = await bytes(blob, entry.offset, entry.offset + 30);
  if (local.getUint32(0, true) !== LOCAL) throw bad('broken local file header');
  const start = entry.offset + 30 + local.getUint16(26, true) + local.getUint16(28, true);
  const data = blob.slice(start, start + entry.size);
  return {
    name: entry.name,
    size: entry.usize,
    chunks: () => entry.method === 0 ? streamChunks(data.stream()) : inflate(streamChunks(data.stream()), 'deflate-raw', name),
  };
}
