// Node adapter for model files: reading one, and writing one atomically. node:* modules are imported
// only when called, so a browser bundle (where node:* stays external) still loads.
//
// Atomic: the bytes go to a temporary file in the target's directory (same file system, so the
// rename cannot turn into a copy), are flushed to disk, and only then is the temporary file renamed
// over the target. A reader sees the old file or the new one, never a part; on any failure the
// temporary file is removed and the old file, if any, is left as it was.

import type { FileHandle } from 'node:fs/promises';
import { AquiferError } from '../util/errors';
import { fsReason } from '../util/fs-reason';
import { MAGIC } from './format';
import { msg } from './messages';


/** The whole file, or, when it does not even start like a model file, just its first bytes (enough
 *  for the loader to say what it is), so that loading a large file of another kind costs nothing. */
export async function readModelFile(path: string): Promise<Uint8Array> {
  const { open } = await import('node:fs/promises');
  let fh: FileHandle | undefined;
  try {
    fh = await open(path, 'r');
    const head = new Uint8Array(64);
    const { bytesRead } = await fh.read(head, 0, head.length, 0);
    if (bytesRead >= MAGIC.length && MAGIC.some((b, i) => head[i] !== b)) return head.subarray(0, bytesRead);
    return new Uint8Array(await fh.readFile());
  } catch (e) {
    throw new AquiferError('FILE_ERROR', msg.readFailed(path, fsReason(e)), { subject: path, cause: e });
  } finally {
    await fh?.close().catch(() => undefined);
  }
}

export interface WriteHooks {
  /** Writes the bytes to the open temporary file (tests inject failures here). */
  write?: (fh: FileHandle, bytes: Uint8Array) => Promise<void>;
  /** Runs after the temporary file is complete, before the rename. */
  beforeRename?: (tmp: string) => Promise<void> | void;
}

/** Writes `bytes` to `path` atomically; returns the absolute path written. */
export async function writeFileAtomic(path: string, bytes: Uint8Array, hooks: WriteHooks = {}): Promise<string> {
  const [{ open, rename, rm }, nodePath, { atomicTempPath }] = await Promise.all([import('node:fs/promises'), import('node:path'), import('../frame/atomic-file-node')]);
  const target = nodePath.resolve(path);
  const tmp = atomicTempPath(target, nodePath);
  let fh: FileHandle | undefined;
  let created = false;
  try {
    fh = await open(tmp, 'wx'); // exclusive: never truncate a file this call did not create
    created = true;
    await (hooks.write ?? ((h, b) => h.writeFile(b)))(fh, bytes);
    await fh.sync(); // flushed before the rename, so a crash cannot leave an empty file under the name
    await fh.close();
    fh = undefined;
    await hooks.beforeRename?.(tmp);
    await rename(tmp, target);
    return target;
  } catch (e) {
    await fh?.close().catch(() => undefined);
    if (created) await rm(tmp, { force: true }).catch(() => undefined);
    throw new AquiferError('FILE_ERROR', msg.saveFailed(path, fsReason(e)), { subject: path, cause: e });
  }
}
