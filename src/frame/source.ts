// Where importFile's bytes come from: a local path (Node), an http(s) URL, or a Blob/File, and
// what wraps them: gzip or a single-entry zip, detected by magic bytes rather than by the name.
// Every source can be read again from the start (the parser's second pass needs that).

import { AquiferError } from '../util/errors';
import { unzipSingleEntry } from './zip';

export interface ByteSource {
  /** What error messages call the input: the path, URL or file name as given. */
  name: string;
  /** Size in bytes when known before reading (local file, Blob). */
  size?: number;
  /** A fresh pass over the bytes, from the start. */
  chunks(): AsyncIterable<Uint8Array>;
  /** Random access to the bytes (zip needs its central directory, at the end). */
  blob(): Promise<Blob>;
  /** Local files: the bytes from `offset` on, as views of one reused buffer (each is valid until
   *  the next is asked for). No fresh buffer per chunk: MNIST's 110 MB CSV read in 0.03 s instead
   *  of 0.25 s through a read stream, and 34 MB less peak RSS (measured on a 2-core VM). */
  readFrom?(offset: number): AsyncIterable<Uint8Array>;
}

export interface TextSource {
  name: string;
  /** Bytes of text, when known up front (a plain, uncompressed file). */
  size?: number;
  compression: 'none' | 'gzip' | 'zip';
  /** A fresh pass over the decompressed bytes. */
  chunks(): AsyncIterable<Uint8Array>;
  /** Uncompressed local files: as ByteSource.readFrom. */
  readFrom?(offset: number): AsyncIterable<Uint8Array>;
}

export async function openSource(source: string | URL | Blob): Promise<ByteSource> {
  if (typeof Blob !== 'undefined' && source instanceof Blob) return blobSource(source, (source as File).name || 'blob');
  if (typeof source === 'string' && /[\r\n]/.test(source))
    throw new AquiferError('BAD_PARAMETER', `importFile takes a path, a URL or a Blob, and was given text with a line break ('${clip(source, 60)}'); parse CSV text with parseCSV(text)`, { subject: 'source' });
  const url = source instanceof URL ? source : typeof source === 'string' ? sourceUrl(source, isNode(), pageBase()) : null;
  // blob: (URL.createObjectURL) and data: URLs are fetched like http ones.
  if (url !== null && FETCHED.has(url.protocol)) return urlSource(url, clip(String(source), 200));
  if (url !== null && url.protocol !== 'file:')
    throw new AquiferError('FILE_ERROR', `cannot read '${clip(String(source), 200)}': only local paths, file:, http:, https:, blob: and data: URLs, and Blobs are supported`, { subject: String(source) });
  if (typeof source !== 'string' && url === null)
    throw new AquiferError('BAD_PARAMETER', `importFile needs a path, a URL or a Blob, not ${source === null ? 'null' : typeof source}`, { subject: 'source' });
  if (!isNode())
    throw new AquiferError('RUNTIME_UNSUPPORTED', `cannot read the local path '${String(source)}' outside Node, and there is no page URL to resolve it against; pass an absolute URL or a File/Blob`, { subject: String(source) });
  const { pathSource } = await import('./source-node');
  return pathSource(url ?? (source as string), String(source));
}

/**
 * A string source as a URL, or null for a local path. Absolute URLs are URLs everywhere; in Node
 * any other string is a path, elsewhere it is resolved against the page's base URL, as fetch()
 * would ('/data.csv' in a browser). null outside Node too when there is no base to resolve against.
 */
export function sourceUrl(source: string, node: boolean, base: string | undefined): URL | null {
  const absolute = isAbsoluteUrl(source);
  if (!absolute && (node || base === undefined)) return null;
  try {
    return absolute ? new URL(source) : new URL(source, base);
  } catch (e) {
    throw new AquiferError('BAD_PARAMETER', `importFile cannot read '${clip(source, 200)}': not a valid URL (${(e as Error).message})`, { subject: 'source', cause: e });
  }
}

/** Whether importFile reads `source` as a URL everywhere (a scheme with //, or blob: and data:). */
export function isAbsoluteUrl(source: string): boolean {
  return /^(?:[a-z][a-z0-9+.-]*:\/\/|blob:|data:)/i.test(source);
}

const FETCHED = new Set(['http:', 'https:', 'blob:', 'data:']);

/** The document's base URL in a page, the script's URL in a worker; undefined elsewhere. */
function pageBase(): string | undefined {
  const g = globalThis as { document?: { baseURI?: string }; location?: { href?: string } };
  return g.document?.baseURI ?? g.location?.href;
}

/** The first `n` characters of `s` on one line, for quoting user input in a message. */
function clip(s: string, n: number): string {
  const t = s.replace(/\r?\n|\r/g, '\\n');
  return t.length <= n ? t : `${t.slice(0, n)}...`;
}

function blobSource(blob: Blob, name: string): ByteSource {
  return { name, size: blob.size, chunks: () => streamChunks(blob.stream()), blob: async () => blob };
}

function urlSource(url: URL, name: string): ByteSource {
  // A relative URL is named as given and as resolved: the page's base may not be what was meant.
  const what = url.href === name ? `'${name}'` : `'${name}' (${url.href})`;
  const get = async (): Promise<Response> => {
    let res: Response;
    try {
      res = await fetch(url);
    } catch (e) {
      throw new AquiferError('FILE_ERROR', `cannot fetch ${what}: ${(e as Error).message}`, { subject: name, cause: e });
    }
    if (!res.ok) throw new AquiferError('FILE_ERROR', `cannot fetch ${what}: HTTP ${res.status} ${res.statusText}`, { subject: name });
    return res;
  };
  return {
    name,
    chunks: async function* () {
      const res = await get();
      if (res.body === null) return;
      yield* streamChunks(res.body);
    },
    blob: async () => (await get()).blob(),
  };
}

/** Reads a web ReadableStream with a reader (async iteration of streams is not everywhere yet). */
export async function* streamChunks(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      if (value.length > 0) yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

function toReadable(chunks: AsyncIterable<Uint8Array>): ReadableStream<Uint8Array> {
  const it = chunks[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const r = await it.next();
      if (r.done) controller.close(); else controller.enqueue(r.value);
    },
    async cancel(reason) { await it.return?.(reason); },
  });
}

/**
 * Decompresses a byte stream. Node gets node:zlib with 1 MB output chunks (its DecompressionStream
 * hands out 16 KB pieces through web streams and measured 8x slower on MNIST's CSV); elsewhere
 * the platform's DecompressionStream (all current browsers, Deno, workerd).
 */
export function inflate(chunks: AsyncIterable<Uint8Array>, format: 'gzip' | 'deflate-raw', name: string): AsyncGenerator<Uint8Array> {
  return (async function* () {
    try {
      if (isNode()) {
        const { inflateNode } = await import('./source-node');
        yield* inflateNode(chunks, format);
      } else {
        yield* inflateWeb(chunks, format);
      }
    } catch (e) {
      if (e instanceof AquiferError) throw e;
      throw new AquiferError('FILE_ERROR', `'${name}' is not a valid ${format === 'gzip' ? 'gzip' : 'zip'} file: ${(e as Error).message}`, { subject: name, cause: e });
    }
  })();
}

/** The DecompressionStream path (what browsers and edge runtimes use). */
export function inflateWeb(chunks: AsyncIterable<Uint8Array>, format: 'gzip' | 'deflate-raw'): AsyncGenerator<Uint8Array> {
  return streamChunks(toReadable(chunks).pipeThrough(new DecompressionStream(format) as unknown as ReadableWritablePair<Uint8Array, Uint8Array>));
}

export function isNode(): boolean {
  return typeof process !== 'undefined' && typeof process.versions?.node === 'string';
}

/** The first bytes of a source (for magic numbers), reading as little as possible. */
async function head(src: ByteSource, n: number): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let have = 0;
  const it = src.chunks()[Symbol.asyncIterator]();
  try {
    while (have < n) {
      const r = await it.next();
      if (r.done) break;
      parts.push(r.value); have += r.value.length;
    }
  } finally {
    await it.return?.(undefined);
  }
  return concat(parts).subarray(0, n);
}

export function concat(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let o = 0;
  for (const p of parts) { out.set(p, o); o += p.length; }
  return out;
}

/** Wraps a byte source in the decompression its magic bytes call for. */
export async function openText(src: ByteSource): Promise<TextSource> {
  const magic = await head(src, 4);
  if (magic[0] === 0x1f && magic[1] === 0x8b)
    return { name: src.name, size: await gzipSize(src), compression: 'gzip', chunks: () => inflate(src.chunks(), 'gzip', src.name) };
  if (magic[0] === 0x50 && magic[1] === 0x4b && (magic[2] === 3 || magic[2] === 5)) {
    const blob = await src.blob();
    const entry = await unzipSingleEntry(blob, src.name);
    return { name: `${src.name}!${entry.name}`, size: entry.size, compression: 'zip', chunks: entry.chunks };
  }
  const other = otherFormat(magic);
  if (other !== null)
    throw new AquiferError('FILE_ERROR', `'${src.name}' looks like ${other}, which importFile does not read; give it CSV or TSV (plain, .gz or .zip)`, { subject: src.name });
  return { name: src.name, size: src.size, compression: 'none', chunks: () => src.chunks(), ...(src.readFrom ? { readFrom: src.readFrom } : {}) };
}

/**
 * The uncompressed size from a gzip trailer (ISIZE, RFC 1952: the size mod 2^32, of the last
 * member), when the compressed size is known and small enough for it to be unambiguous. It only
 * sizes the parser's first allocation, so a wrong value costs memory, never correctness.
 */
async function gzipSize(src: ByteSource): Promise<number | undefined> {
  if (src.size === undefined || src.size < 18 || src.size >= 2 ** 32) return undefined;
  const tail = new DataView(await (await src.blob()).slice(src.size - 4).arrayBuffer());
  const isize = tail.getUint32(0, true);
  return isize >= src.size ? isize : undefined;
}

function otherFormat(m: Uint8Array): string | null {
  const s = String.fromCharCode(...m);
  if (s.startsWith('BZh')) return 'a bzip2 file';
  if (m[0] === 0xfd && s.slice(1, 4) === '7zX') return 'an xz file';
  if (m[0] === 0x28 && m[1] === 0xb5 && m[2] === 0x2f && m[3] === 0xfd) return 'a zstd file';
  if (s === 'PAR1') return 'a Parquet file';
  if (s === 'ARRO') return 'an Arrow file';
  if (m[0] === 0x37 && m[1] === 0x7a && m[2] === 0xbc && m[3] === 0xaf) return 'a 7-zip file';
  if ((m[0] === 0xff && m[1] === 0xfe) || (m[0] === 0xfe && m[1] === 0xff)) return 'UTF-16 text';
  return null;
}
