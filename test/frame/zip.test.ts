import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { deflateRawSync, crc32 } from 'node:zlib';
import { unzipSingleEntry } from '../../src/frame/zip';
import { importFile } from '../../src/frame/import';
import { isAquiferError } from '../../src/util/errors';

interface Entry { name: string; data: string; method?: 0 | 8; descriptor?: boolean }

/** A zip archive per APPNOTE 4.3: local headers + data (+ descriptors), central directory, EOCD. */
function makeZip(entries: Entry[]): Uint8Array<ArrayBuffer> {
  const enc = new TextEncoder();
  const out: number[] = [];
  const central: number[] = [];
  const u16 = (a: number[], v: number) => a.push(v & 255, (v >>> 8) & 255);
  const u32 = (a: number[], v: number) => a.push(v & 255, (v >>> 8) & 255, (v >>> 16) & 255, (v >>> 24) & 255);
  for (const e of entries) {
    const raw = enc.encode(e.data), name = enc.encode(e.name);
    const method = e.method ?? 8;
    const body = method === 8 ? new Uint8Array(deflateRawSync(raw)) : raw;
    const crc = crc32(raw), offset = out.length, flags = e.descriptor ? 8 : 0;
    u32(out, 0x04034b50); u16(out, 20); u16(out, flags); u16(out, method); u32(out, 0);
    u32(out, e.descriptor ? 0 : crc); u32(out, e.descriptor ? 0 : body.length); u32(out, e.descriptor ? 0 : raw.length);
    u16(out, name.length); u16(out, 0); out.push(...name, ...body);
    if (e.descriptor) { u32(out, 0x08074b50); u32(out, crc); u32(out, body.length); u32(out, raw.length); }
    u32(central, 0x02014b50); u16(central, 20); u16(central, 20); u16(central, flags); u16(central, method); u32(central, 0);
    u32(central, crc); u32(central, body.length); u32(central, raw.length); u16(central, name.length);
    u16(central, 0); u16(central, 0); u16(central, 0); u16(central, 0); u32(central, 0); u32(central, offset);
    central.push(...name);
  }
  const cdOffset = out.length;
  out.push(...central);
  u32(out, 0x06054b50); u16(out, 0); u16(out, 0); u16(out, entries.length); u16(out, entries.length);
  u32(out, central.length); u32(out, cdOffset); u16(out, 0);
  return Uint8Array.from(out);
}

const CSV = 'a,b\n1,x\n2,y\n3,"z,z"\n';

async function text(entry: { chunks(): AsyncIterable<Uint8Array> }): Promise<string> {
  const parts: Uint8Array[] = [];
  for await (const c of entry.chunks()) parts.push(c);
  return new TextDecoder().decode(Buffer.concat(parts));
}

test('a deflated entry is inflated', async () => {
  const e = await unzipSingleEntry(new Blob([makeZip([{ name: 'd.csv', data: CSV }])]), 'd.zip');
  assert.is(e.name, 'd.csv');
  assert.is(e.size, CSV.length);
  assert.is(await text(e), CSV);
});

test('a stored entry is read as is', async () => {
  const e = await unzipSingleEntry(new Blob([makeZip([{ name: 's.csv', data: CSV, method: 0 }])]), 's.zip');
  assert.is(await text(e), CSV);
});

test('an entry written with a data descriptor takes its size from the central directory', async () => {
  const e = await unzipSingleEntry(new Blob([makeZip([{ name: 'dd.csv', data: CSV, descriptor: true }])]), 'dd.zip');
  assert.is(await text(e), CSV);
});

test('folders and __MACOSX entries do not count as files', async () => {
  const zip = makeZip([{ name: 'dir/', data: '', method: 0 }, { name: 'dir/f.csv', data: CSV }, { name: '__MACOSX/dir/._f.csv', data: 'junk' }]);
  const e = await unzipSingleEntry(new Blob([zip]), 'm.zip');
  assert.is(e.name, 'dir/f.csv');
});

test('a zip with two files is an error naming them', async () => {
  try {
    await unzipSingleEntry(new Blob([makeZip([{ name: 'a.csv', data: CSV }, { name: 'b.csv', data: CSV }])]), 'two.zip');
    assert.unreachable();
  } catch (e) {
    assert.ok(isAquiferError(e) && e.code === 'FILE_ERROR');
    assert.match((e as Error).message, /two\.zip' holds 2 files \(a\.csv, b\.csv\)/);
  }
});

test('a truncated zip is an error, not a crash', async () => {
  const zip = makeZip([{ name: 'a.csv', data: CSV }]);
  try {
    await unzipSingleEntry(new Blob([zip.subarray(0, zip.length - 30)]), 'cut.zip');
    assert.unreachable();
  } catch (e) {
    assert.ok(isAquiferError(e) && e.code === 'FILE_ERROR', String(e));
  }
});

test('importFile reads a zip by its magic bytes and names the entry in errors', async () => {
  const f = await importFile(new File([makeZip([{ name: 'in.csv', data: CSV }])], 'data.zip'));
  assert.equal(f.names, ['a', 'b']);
  assert.is(f.col('b').str(2), 'z,z');
  try {
    await importFile(new File([makeZip([{ name: 'bad.csv', data: 'a\n"open\n' }])], 'data.zip'));
    assert.unreachable();
  } catch (e) {
    assert.match((e as Error).message, /data\.zip!bad\.csv, line 2/);
  }
});

test.run();
