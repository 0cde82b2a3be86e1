import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { deflateRawSync, gzipSync } from 'node:zlib';
import { inflate, inflateWeb, openSource, openText, sourceUrl } from '../../src/frame/source';
import { isAquiferError } from '../../src/util/errors';

const TEXT = 'a,b\n' + Array.from({ length: 5000 }, (_, i) => `${i},${i % 13}`).join('\n');

async function collect(it: AsyncIterable<Uint8Array>): Promise<string> {
  const parts: Uint8Array[] = [];
  for await (const c of it) parts.push(c);
  return new TextDecoder().decode(Buffer.concat(parts));
}

async function* pieces(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let p = 0; p < bytes.length; p += size) yield bytes.subarray(p, p + size);
}

test('the browser path (DecompressionStream) inflates gzip and raw deflate', async () => {
  assert.is(await collect(inflateWeb(pieces(gzipSync(TEXT), 777), 'gzip')), TEXT);
  assert.is(await collect(inflateWeb(pieces(deflateRawSync(TEXT), 777), 'deflate-raw')), TEXT);
});

test('the Node path inflates gzip with several members', async () => {
  const two = Buffer.concat([gzipSync('first\n'), gzipSync('second\n')]);
  assert.is(await collect(inflate(pieces(two, 5), 'gzip', 'two.gz')), 'first\nsecond\n');
});

test('corrupt gzip data is a FILE_ERROR naming the input', async () => {
  const bad = gzipSync(TEXT);
  bad.fill(7, 20, 60);
  try {
    await collect(inflate(pieces(bad, 1000), 'gzip', 'bad.gz'));
    assert.unreachable();
  } catch (e) {
    assert.ok(isAquiferError(e) && e.code === 'FILE_ERROR', String(e));
    assert.match((e as Error).message, /'bad\.gz' is not a valid gzip file/);
  }
});

test('openText finds gzip by its bytes and reads the size from the trailer', async () => {
  const t = await openText(await openSource(new Blob([gzipSync(TEXT)])));
  assert.is(t.compression, 'gzip');
  assert.is(t.size, TEXT.length);
  assert.is(await collect(t.chunks()), TEXT);
});

test('an unsupported URL scheme is rejected', async () => {
  try { await openSource('ftp://example.com/x.csv'); assert.unreachable(); }
  catch (e) { assert.ok(isAquiferError(e) && e.code === 'FILE_ERROR' && /ftp:/.test((e as Error).message)); }
});

test('outside Node a relative URL string is resolved against the page, as fetch would', () => {
  const page = 'https://example.com/app/index.html';
  assert.is(sourceUrl('/data.csv', false, page)?.href, 'https://example.com/data.csv');
  assert.is(sourceUrl('data/x.csv.gz', false, page)?.href, 'https://example.com/app/data/x.csv.gz');
  assert.is(sourceUrl('https://cdn.example.org/a.csv', false, page)?.href, 'https://cdn.example.org/a.csv');
  assert.is(sourceUrl('/data.csv', false, undefined), null);
});

test('in Node a string stays a file path unless it is an absolute URL', () => {
  assert.is(sourceUrl('/data.csv', true, 'https://example.com/'), null);
  assert.is(sourceUrl('data.csv', true, undefined), null);
  assert.is(sourceUrl('http://localhost:8080/a.csv', true, undefined)?.href, 'http://localhost:8080/a.csv');
});

test('CSV text given to importFile points to parseCSV and is not echoed in full', async () => {
  const csv = 'sepal_len,sepal_wid,petal_len,petal_wid,species\n' + '5.1,3.5,1.4,0.2,setosa\n'.repeat(100);
  try { await openSource(csv); assert.unreachable(); }
  catch (e) {
    assert.ok(isAquiferError(e) && e.code === 'BAD_PARAMETER', String(e));
    const m = (e as Error).message;
    assert.match(m, /path, a URL or a Blob.*parseCSV/);
    assert.ok(m.length < 200 && !m.includes('\n'), m);
  }
});

test('data: URLs are read like http ones (blob: URLs too, where the runtime can fetch them)', async () => {
  const { importFile } = await import('../../src/frame/import');
  const f = await importFile('data:text/csv,a,b%0A1,2%0A3,4%0A');
  assert.equal(f.names, ['a', 'b']);
  assert.is(f.col('b').at(1), 4);
  assert.is(sourceUrl('blob:http://localhost/0f1c', true, undefined)?.protocol, 'blob:');
});

test.run();
