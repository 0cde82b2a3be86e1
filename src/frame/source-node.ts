// Node adapter for importFile: local paths, file: URLs and zlib. Kept apart, and importing node:*
// modules only dynamically, so that a browser bundle (where node:* stays external) still loads:
// these imports run only when importFile finds itself in Node.

import { AquiferError } from '../util/errors';
import { fsReason } from '../util/fs-reason';
import type { ByteSource } from './source';

/** Chunk size for file reads: large enough that per-chunk overhead disappears in the parse. */
const READ_CHUNK = 1 << 20;

export async function pathSource(location: string | URL, name: string): Promise<ByteSource> {
  const [{ createReadStream, openAsBlob }, { open, stat }, { fileURLToPath }] = await Promise.all([import('node:fs'), import('node:fs/promises'), import('node:url')]);
  const path = location instanceof URL ? fileURLToPath(location) : location;
  let size: number;
  try {
    const s = await stat(path);
    if (s.isDirectory()) throw new AquiferError('FILE_ERROR', `'${name}' is a directory, not a file`, { subject: name });
    size = s.size;
  } catch (e) {
    if (e instanceof AquiferError) throw e;
    throw new AquiferError('FILE_ERROR', `cannot read '${name}': ${fsReason(e)}`, { subject: name, cause: e });
  }
  return {
    name,
    size,
    chunks: async function* () {
      const stream = createReadStream(path, { highWaterMark: READ_CHUNK });
      try {
        for await (const chunk of stream) yield chunk as Uint8Array;
      } catch (e) {
        throw new AquiferError('FILE_ERROR', `cannot read '${name}': ${(e as Error).message}`, { subject: name, cause: e });
      } finally {
        stream.destroy();
      }
    },
    blob: () => openAsBlob(path),
    readFrom: async function* (offset: number) {
      const fh = await open(path).catch((e: Error) => { throw new AquiferError('FILE_ERROR', `cannot read '${name}': ${e.message}`, { subject: name, cause: e }); });
      try {
        const buf = new Uint8Array(READ_CHUNK);
        for (let at = offset; ;) {
          const { bytesRead } = await fh.read(buf, 0, buf.length, at).catch((e: Error) => {
            throw new AquiferError('FILE_ERROR', `cannot read '${name}': ${e.message}`, { subject: name, cause: e });
          });
          if (bytesRead === 0) return;
          at += bytesRead;
          yield buf.subarray(0, bytesRead);
        }
      } finally {
        await fh.close();
      }
    },
  };
}

/** gzip (all members) or raw deflate through node:zlib, in 1 MB output chunks. */
export async function* inflateNode(chunks: AsyncIterable<Uint8Array>, format: 'gzip' | 'deflate-raw'): AsyncGenerator<Uint8Array> {
  const [{ Readable }, { createGunzip, createInflateRaw }] = await Promise.all([import('node:stream'), import('node:zlib')]);
  const z = format === 'gzip' ? createGunzip({ chunkSize: READ_CHUNK }) : createInflateRaw({ chunkSize: READ_CHUNK });
  const src = Readable.from(chunks, { objectMode: false });
  src.on('error', (e) => z.destroy(e));
  src.pipe(z);
  try {
    for await (const chunk of z) yield chunk as Uint8Array;
  } finally {
    src.destroy();
    z.destroy();
  }
}
