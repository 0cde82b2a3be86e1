// model.save writes atomically: the file appears complete or not at all, an existing file survives
// a failed save, and no temporary file is left behind either way.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from '../../src/persist/node-files';
import { loadModel } from '../../src/persist/load-model';
import { isAquiferError } from '../../src/util/errors';
import { binomialModel } from './fixtures';

const root = mkdtempSync(join(tmpdir(), 'aquifer-save-'));
let n = 0;
const freshDir = () => { const d = join(root, `d${++n}`); mkdirSync(d); return d; };

async function fileError(fn: () => Promise<unknown>, pattern: RegExp) {
  try { await fn(); assert.unreachable('expected an error'); } catch (e) {
    assert.ok(isAquiferError(e), String(e));
    assert.is(e.code, 'FILE_ERROR', e.message);
    assert.match(e.message, pattern);
  }
}

test('save writes the model bytes under the name, returns the absolute path, and leaves nothing else', async () => {
  const m = await binomialModel();
  const d = freshDir();
  const path = await m.save(join(d, 'model.aqm'));
  assert.is(path, join(d, 'model.aqm'));
  assert.equal(new Uint8Array(readFileSync(path)), m.toBytes());
  assert.equal(readdirSync(d), ['model.aqm']);
});

test('save replaces an existing file', async () => {
  const m = await binomialModel();
  const d = freshDir();
  writeFileSync(join(d, 'model.aqm'), 'old contents');
  await m.save(join(d, 'model.aqm'));
  assert.equal(new Uint8Array(readFileSync(join(d, 'model.aqm'))), m.toBytes());
  assert.equal(readdirSync(d), ['model.aqm']);
});

test('a write that fails halfway leaves no file and no temporary file', async () => {
  const d = freshDir();
  const bytes = (await binomialModel()).toBytes();
  let tmp = '';
  await fileError(() => writeFileAtomic(join(d, 'model.aqm'), bytes, {
    write: async (fh, b) => {
      await fh.write(b.subarray(0, b.length >> 1));
      const e = new Error('ENOSPC: no space left on device') as NodeJS.ErrnoException;
      e.code = 'ENOSPC';
      throw e;
    },
    beforeRename: (t) => { tmp = t; },
  }), /cannot save the model to '.*model\.aqm': no space left on the device/);
  assert.is(tmp, '', 'the rename step was reached');
  assert.equal(readdirSync(d), []);
});

test('a failure after the temporary file is complete leaves the old file as it was, and no temporary file', async () => {
  const d = freshDir();
  writeFileSync(join(d, 'model.aqm'), 'old contents');
  let tmp = '';
  await fileError(() => writeFileAtomic(join(d, 'model.aqm'), new Uint8Array([1, 2, 3]), {
    beforeRename: (t) => { tmp = t; assert.ok(existsSync(t)); throw new Error('interrupted'); },
  }), /interrupted/);
  assert.is(dirname(tmp), d, 'the temporary file is in the target directory');
  assert.is(readFileSync(join(d, 'model.aqm'), 'utf8'), 'old contents');
  assert.equal(readdirSync(d), ['model.aqm']);
});

test('saving over a directory fails at the rename and cleans up', async () => {
  const m = await binomialModel();
  const d = freshDir();
  mkdirSync(join(d, 'model.aqm'));
  await fileError(() => m.save(join(d, 'model.aqm')), /model\.aqm/);
  assert.equal(readdirSync(d), ['model.aqm']);
  assert.equal(readdirSync(join(d, 'model.aqm')), []);
});

test('saving into a missing directory, or to an empty path, is a FILE_ERROR', async () => {
  const m = await binomialModel();
  await fileError(() => m.save(join(root, 'no', 'such', 'dir', 'model.aqm')), /no such file or directory/);
  await fileError(() => m.save(''), /non-empty string/);
});

test('a saved model loads back', async () => {
  const m = await binomialModel();
  const path = await m.save(join(freshDir(), 'again.aqm'));
  assert.equal((await loadModel(path)).toBytes(), m.toBytes());
});

test.after(() => rmSync(root, { recursive: true, force: true }));

test.run();
