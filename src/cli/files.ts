// Files the command line reads and writes, checked before any work starts (so a typo fails at once,
// not after an hour of training). Outputs are written atomically by the library (model.save,
// predictStream): a temporary file beside the target, renamed over it.

import { stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { AquiferError } from '../util/errors';
import { isAbsoluteUrl } from '../frame/source';
import { cliMsg } from './messages';

/** Throws FILE_ERROR naming the flag unless `path` is a readable file (URLs are left to importFile). */
export async function checkInputFile(flag: string, path: string): Promise<void> {
  if (isAbsoluteUrl(path)) return;
  let s;
  try { s = await stat(path); } catch {
    throw new AquiferError('FILE_ERROR', cliMsg.noSuchFile(flag, path), { subject: path });
  }
  if (s.isDirectory()) throw new AquiferError('FILE_ERROR', cliMsg.notAFile(flag, path), { subject: path });
}

/** Throws FILE_ERROR naming the flag unless the directory `path` goes into exists, `path` is not a
 *  directory, and `path` is not one of the command's `inputs` ([flag, path] pairs; the same file
 *  under another name or link counts): writing the output would replace that input. */
export async function checkOutputPath(flag: string, path: string, inputs: [string, string | undefined][] = []): Promise<void> {
  const dir = dirname(path);
  const d = await stat(dir).catch(() => undefined);
  if (!d?.isDirectory()) throw new AquiferError('FILE_ERROR', cliMsg.noOutputDir(flag, path, dir), { subject: path });
  const out = await stat(path).catch(() => undefined);
  if (out === undefined) return;
  if (out.isDirectory()) throw new AquiferError('FILE_ERROR', cliMsg.notAFile(flag, path), { subject: path });
  for (const [inFlag, inPath] of inputs) {
    if (inPath === undefined || isAbsoluteUrl(inPath)) continue;
    const s = await stat(inPath).catch(() => undefined);
    if (s && s.dev === out.dev && s.ino === out.ino) throw new AquiferError('FILE_ERROR', cliMsg.outputIsInput(flag, path, inFlag), { subject: path });
  }
}
