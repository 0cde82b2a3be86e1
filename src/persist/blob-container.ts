// The container read from a Blob (a browser File, a Response's blob, Node's fs.openAsBlob), reading
// only the bytes it needs: the file's start (header and section table), then the sections wanted, as
// few slices as their order allows. Skipped sections are never read, so neither checksummed; every
// other check is the bytes reader's own (container.ts), run on the blob's size and the bytes read, so
// a truncated or damaged blob gets the same error as the same bytes.

import { checkedPayload, readContainer, readHeader, readTable, tableBytes, type Container, type TableEntry } from './container';
import { HEADER_BYTES, SECTION_ALIGN } from './format';
import { AquiferError } from '../util/errors';
import { msg } from './messages';

/** The first read: the header, the table and, for most models, the JSON sections. */
const HEAD_BYTES = 64 * 1024;

export interface BlobReadOptions {
  /** Format 2: sections not read (their lengths are still checked). Format 1 reads everything. */
  skip?: readonly string[];
  /** The first read's size (tests use small ones to reach every path). */
  headBytes?: number;
}

const end = (e: TableEntry) => e.offset + Math.ceil(e.size / SECTION_ALIGN) * SECTION_ALIGN;

export async function readBlobContainer(blob: Blob, name: string, options: BlobReadOptions = {}): Promise<Container> {
  const length = blob.size;
  const read = async (from: number, to: number) => {
    try {
      return new Uint8Array(await blob.slice(from, to).arrayBuffer());
    } catch (e) {
      // A file behind the blob that changed or went away since (Node, browsers: NotReadableError).
      throw new AquiferError('FILE_ERROR', msg.blobReadFailed(name, (e as Error).message), { cause: e });
    }
  };
  let head = await read(0, Math.min(length, Math.max(options.headBytes ?? HEAD_BYTES, HEADER_BYTES)));
  const header = readHeader(head, length, name);
  const skip = options.skip ?? [];
  // Format 1 has one checksum over the whole file.
  if (header.major === 1 || skip.length === 0) return readContainer(head.length === length ? head : await read(0, length), name);
  const table = tableBytes(header.count);
  if (table > head.length && table <= length) head = await read(0, table);
  const entries = readTable(head, header, name);
  // Runs of consecutive wanted sections, each read as one slice; what the head holds is not read again.
  const runs: TableEntry[][] = [];
  let run: TableEntry[] | null = null;
  for (const e of entries) {
    if (skip.includes(e.tag)) { run = null; continue; }
    if (!run) runs.push(run = []);
    run.push(e);
  }
  const slice = async (from: number, to: number): Promise<Uint8Array> => {
    if (to <= head.length) return head.subarray(from, to);
    const rest = await read(Math.max(from, head.length), to);
    if (from >= head.length) return rest;
    const out = new Uint8Array(to - from);
    out.set(head.subarray(from));
    out.set(rest, head.length - from);
    return out;
  };
  const bytes = await Promise.all(runs.map((r) => slice(r[0]!.offset, end(r.at(-1)!))));
  const sections = new Map<string, Uint8Array>();
  runs.forEach((r, k) => { for (const e of r) sections.set(e.tag, checkedPayload(bytes[k]!, r[0]!.offset, e, name)); });
  return { major: header.major, minor: header.minor, sections, lengths: new Map(entries.map((e) => [e.tag, e.size])) };
}
