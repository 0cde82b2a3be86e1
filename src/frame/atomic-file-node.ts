// Node adapter: a text file written piece by piece and published atomically. The pieces go to a
// temporary file in the target's directory (same file system, so the rename cannot become a copy);
// commit() flushes it to disk and renames it over the target, abort() removes it. Until commit the
// target is untouched: a failure midway leaves no partial file. Imported only when called, so a
// browser bundle never resolves node:* modules.

import type { FileHandle } from 'node:fs/promises';
import { AquiferError } from '../util/errors';
import { fsReason } from '../util/fs-reason';

export interface AtomicFile {
  /** Appends text (buffered; written in pieces of about 1 MB). */
  write(text: string): Promise<void>;
  /** Flushes, syncs and renames over the target; returns its absolute path. */
  commit(): Promise<string>;
  /** Removes the temporary file (after a failure); never throws. */
  abort(): Promise<void>;
}

const FLUSH_CHARS = 1 << 20;
let counter = 0;

/** The temporary file beside `target` (absolute) that an atomic write fills and renames: one
 *  counter for every atomic writer of the process (model.save too), so two never share a name. */
export function atomicTempPath(target: string, path: { basename(p: string): string; dirname(p: string): string; join(...p: string[]): string }): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}-${++counter}.tmp`);
}

export async function createAtomicFile(path: string): Promise<AtomicFile> {
  const [{ open, rename, rm }, nodePath] = await Promise.all([import('node:fs/promises'), import('node:path')]);
  const target = nodePath.resolve(path);
  const tmp = atomicTempPath(target, nodePath);
  const fail = (e: unknown) => new AquiferError('FILE_ERROR', `cannot write '${path}': ${fsReason(e)}`, { subject: path, cause: e });
  let fh: FileHandle | undefined;
  try {
    fh = await open(tmp, 'wx');  // exclusive: never truncate a file this call did not create
  } catch (e) {
    throw fail(e);
  }
  let pending: string[] = [], chars = 0;
  const flush = async () => {
    if (chars === 0) return;
    const text = pending.join('');
    pending = []; chars = 0;
    try { await fh!.appendFile(text); } catch (e) { throw fail(e); }
  };
  const abort = async () => {
    pending = []; chars = 0;
    await fh?.close().catch(() => undefined);
    fh = undefined;
    await rm(tmp, { force: true }).catch(() => undefined);
  };
  return {
    async write(text) {
      pending.push(text);
      chars += text.length;
      if (chars >= FLUSH_CHARS) await flush();
    },
    async commit() {
      await flush();
      try {
        await fh!.sync();  // on disk before the rename, so a crash cannot leave an empty file under the name
        await fh!.close();
        fh = undefined;
        await rename(tmp, target);
      } catch (e) {
        await abort();
        throw fail(e);
      }
      return target;
    },
    abort,
  };
}
