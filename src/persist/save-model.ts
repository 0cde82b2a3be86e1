// model.save(path): the model file written atomically (node-files.ts). Node only: a browser has no
// paths, and gets an error that says what to do instead.

import { AquiferError } from '../util/errors';
import { isNode } from '../wasm/assets';
import { msg } from './messages';

export async function saveModelBytes(bytes: Uint8Array, path: string): Promise<string> {
  if (typeof path !== 'string' || path.length === 0) {
    throw new AquiferError('FILE_ERROR', msg.saveFailed(String(path), 'the path must be a non-empty string'), { subject: 'path' });
  }
  if (!isNode) throw new AquiferError('FILE_ERROR', msg.browserPath('saving a model to'), { subject: path });
  const { writeFileAtomic } = await import('./node-files');
  return writeFileAtomic(path, bytes);
}
