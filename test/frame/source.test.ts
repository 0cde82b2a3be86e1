import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { deflateRawSync, gzipSync } from 'node:zlib';
import { inflate, inflateWeb, openSource, openText } from '../../src/frame/source';
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

test.run();
