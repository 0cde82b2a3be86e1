// The atomic text file behind predictStream's `out`: nothing under the target's name until
// commit, the old file untouched on abort, no temporary file left either way.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAtomicFile } from '../../src/frame/atomic-file-node';
import { isAquiferError } from '../../src/util/errors';

const dir = mkdtempSync(join(tmpdir(), 'aquifer-atomic-'));
const at = (name: string) => join(dir, name);

test('pieces appear under the name only at commit, in order', async () => {
  const f = await createAtomicFile(at('a.csv'));
  await f.write('h\n');
  for (let i = 0; i < 3; i++) await f.write(`${'x'.repeat(600_000)}${i}\n`);  // past the 1 MB buffer
  assert.not.ok(existsSync(at('a.csv')));
  assert.is(await f.commit(), at('a.csv'));
  const lines = readFileSync(at('a.csv'), 'utf8').split('\n');
  assert.equal(lines.map((l) => l.at(-1)), ['h', '0', '1', '2', undefined]);
  assert.equal(readdirSync(dir).filter((n) => n.endsWith('.tmp')), []);
});

test('abort leaves an older file as it was and no temporary file', async () => {
  writeFileSync(at('b.csv'), 'old\n');
  const f = await createAtomicFile(at('b.csv'));
  await f.write('new\n');
  await f.abort();
  assert.is(readFileSync(at('b.csv'), 'utf8'), 'old\n');
  assert.equal(readdirSync(dir).filter((n) => n.endsWith('.tmp')), []);
});

test('a directory that does not exist: FILE_ERROR naming the path', async () => {
  try { await createAtomicFile(at('no/such/c.csv')); assert.unreachable(); } catch (e) {
    assert.ok(isAquiferError(e) && e.code === 'FILE_ERROR', String(e));
    assert.match(e.message, /cannot write '.*no\/such\/c\.csv': no such file or directory/);
  }
});

test.after(() => rmSync(dir, { recursive: true, force: true }));

test.run();
