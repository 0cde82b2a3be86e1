// Files the command line reads and writes: inputs checked before any work starts (so a typo fails
// at once, not after an hour of training), and outputs written atomically: a temporary file beside
// the target, renamed over it, so a crash or Ctrl-C never leaves a half-written file.

import { open, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { AquiferError } from '../util/errors';
import { cliMsg } from './messages';

const isURL = (s: string) => /^(https?|file):/i.test(s);

/** Throws FILE_ERROR naming the flag unless `path` is a readable file (URLs are left to importFile). */
export async function checkInputFile(flag: string, path: string): Promise<void> {
  if (isURL(path)) return;
  let s;
  try { s = await stat(path); } catch {
    throw new AquiferError('FILE_ERROR', cliMsg.noSuchFile(flag, path), { subject: path });
  }
  if (s.isDirectory()) throw new AquiferError('FILE_ERROR', cliMsg.notAFile(flag, path), { subject: path });
}

/** Throws FILE_ERROR naming the flag unless the directory `path` goes into exists. */
export async function checkOutputPath(flag: string, path: string): Promise<void> {
  const dir = dirname(path);
  let s;
  try { s = await stat(dir); } catch {
    throw new AquiferError('FILE_ERROR', cliMsg.noOutputDir(flag, path, dir), { subject: path });
  }
  if (!s.isDirectory()) throw new AquiferError('FILE_ERROR', cliMsg.noOutputDir(flag, path, dir), { subject: path });
  try {
    if ((await stat(path)).isDirectory()) throw new AquiferError('FILE_ERROR', cliMsg.notAFile(flag, path), { subject: path });
  } catch (e) {
    if (e instanceof AquiferError) throw e;
  }
}

let serial = 0;

/** Writes `text` (or bytes) to `path` through a temporary file in the same directory and a rename. */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${serial++}.tmp`);
  const fh = await open(tmp, 'wx');
  try {
    try {
      await fh.writeFile(data);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, path);
  } catch (e) {
    await unlink(tmp).catch(() => {});
    throw new AquiferError('FILE_ERROR', `cannot write '${path}': ${(e as Error).message}`, { subject: path, cause: e });
  }
}
