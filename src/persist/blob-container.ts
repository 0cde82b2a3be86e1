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
  // Runs of consecutive wanted sections, each read as one slice. A section the first read holds
  // whole is a view into it; the slice starts at the first one it does not, so no payload is ever
  // pieced together (a copy into fresh memory costs a page fault per 4 KiB).
  const runs: TableEntry[][] = [];
  let run: TableEntry[] | null = null;
  for (const e of entries) {
    if (skip.includes(e.tag)) { run = null; continue; }
    if (!run) runs.push(run = []);
    run.push(e);
  }
  const slices = await Promise.all(runs.map(async (r) => {
    const from = r.find((e) => end(e) > head.length)?.offset;
    return from === undefined ? null : { from, bytes: await read(from, end(r.at(-1)!)) };
  }));
  // Checked in the table's order, so that the first damaged section is the one named, as for bytes.
  const sections = new Map<string, Uint8Array>();
  runs.forEach((r, k) => {
    const s = slices[k];
    for (const e of r) sections.set(e.tag, s && e.offset >= s.from ? checkedPayload(s.bytes, s.from, e, name) : checkedPayload(head, 0, e, name));
  });
  return { major: header.major, minor: header.minor, sections, lengths: new Map(entries.map((e) => [e.tag, e.size])) };
}
