// Input and output paths checked before any work, naming the flag.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkInputFile, checkOutputPath } from '../../src/cli/files';
import { isAquiferError } from '../../src/util/errors';

const dir = mkdtempSync(join(tmpdir(), 'aquifer-files-'));

async function fileError(fn: () => Promise<unknown>, message: string): Promise<void> {
  try { await fn(); assert.unreachable('expected an error'); } catch (e) {
    assert.ok(isAquiferError(e), String(e));
    assert.is(e.code, 'FILE_ERROR');
    assert.is(e.message, message);
  }
}

test('a missing input file or a directory is refused, naming the flag', async () => {
  await fileError(() => checkInputFile('--data', join(dir, 'none.csv')), `--data '${join(dir, 'none.csv')}': no such file`);
  await fileError(() => checkInputFile('--data', dir), `--data '${dir}' is a directory, not a file`);
});

test('URLs are left to importFile', async () => {
  await checkInputFile('--train', 'https://example.com/x.csv');
});

test('an output in a missing directory, or onto a directory, is refused before any work', async () => {
  await fileError(() => checkOutputPath('--out', join(dir, 'no', 'p.csv')), `--out '${join(dir, 'no', 'p.csv')}': the directory '${join(dir, 'no')}' does not exist`);
  mkdirSync(join(dir, 'sub'));
  await fileError(() => checkOutputPath('--out', join(dir, 'sub')), `--out '${join(dir, 'sub')}' is a directory, not a file`);
  await checkOutputPath('--out', join(dir, 'fine.csv'));
});

test.after(() => rmSync(dir, { recursive: true, force: true }));

test.run();
