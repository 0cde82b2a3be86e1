// importFileChunks: the rows of a file as Frames of at most chunk_rows rows, with importFile's setup,
// one set of names and types for every chunk, errors and warnings with the line in the whole file,
// and only one chunk alive at a time.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { gzipSync } from 'node:zlib';
import { importFile } from '../../src/frame/import';
import { importFileChunks, type ChunkOptions } from '../../src/frame/import-chunks';
import type { Frame } from '../../src/frame/frame';
import { isAquiferError } from '../../src/util/errors';

const dir = mkdtempSync(join(tmpdir(), 'aquifer-chunks-'));
const file = (name: string, data: string | Uint8Array) => { const p = join(dir, name); writeFileSync(p, data); return p; };
const values = (f: Frame, name: string) => Array.from({ length: f.nrow }, (_, i) => f.col(name).str(i));

async function chunks(path: string, options: ChunkOptions = {}): Promise<Frame[]> {
  const out: Frame[] = [];
  for await (const f of importFileChunks(path, options)) out.push(f);
  return out;
}

async function rejects(p: Promise<unknown>, code: string, text: RegExp): Promise<void> {
  try { await p; } catch (e) {
    assert.ok(isAquiferError(e), `not an AquiferError: ${e}`);
    assert.is(e.code, code, e.message);
    assert.match(e.message, text);
    return;
  }
  assert.unreachable('did not reject');
}

// NA tokens, a quoted field with a line break and one with the separator, CRLF, blank lines.
const MIXED = 'id,name,score,grp\r\n1,"Smith, J",3.5,a\r\n2,"two\nlines",NA,b\r\n\r\n3,,N/A,a\r\n4,x,7,c\r\n5,"y",-1.25,b\r\n\r\n';

test('the chunks, one after the other, hold importFile\'s rows for chunk sizes 1, 2, 3 and more', async () => {
  const path = file('mixed.csv', MIXED);
  const whole = await importFile(path);
  for (const n of [1, 2, 3, 100]) {
    const fs = await chunks(path, { chunk_rows: n });
    assert.equal(fs.map((f) => f.nrow), n === 100 ? [5] : Array.from({ length: Math.ceil(5 / n) }, (_, k) => Math.min(n, 5 - k * n)), `chunk_rows ${n}`);
    for (const name of whole.names) assert.equal(fs.flatMap((f) => values(f, name)), values(whole, name), `${name}, chunk_rows ${n}`);
  }
});

test('every chunk has the same names and types; a guessed numeric column is real, col_types int keeps int', async () => {
  const path = file('types.csv', `a,b,c\n${Array.from({ length: 30 }, (_, i) => `${i},${i % 3 === 0 ? 'u' : 'v'},${i / 2}`).join('\n')}\n`);
  const fs = await chunks(path, { chunk_rows: 4 });
  for (const f of fs) { assert.equal(f.names, ['a', 'b', 'c']); assert.equal(f.types, ['real', 'enum', 'real']); }
  const typed = await chunks(path, { chunk_rows: 4, col_types: { a: 'int' } });
  for (const f of typed) assert.is(f.types[0], 'int');
});

test('an enum chunk\'s domain is its own levels, sorted', async () => {
  const path = file('levels.csv', 'g\nz\ny\nz\nb\na\n\n');
  const fs = await chunks(path, { chunk_rows: 2, col_types: { g: 'enum' } });
  assert.equal(fs.map((f) => f.col('g').domain), [['y', 'z'], ['b', 'z'], ['a']]);
});

test('a gzip file is read as a stream and gives the same chunks', async () => {
  const text = `x,y\n${Array.from({ length: 500 }, (_, i) => `${i * 0.5},${i % 7 ? 'p' : 'q'}`).join('\n')}\n`;
  const plain = await chunks(file('g.csv', text), { chunk_rows: 64 });
  const gz = await chunks(file('g.csv.gz', gzipSync(text)), { chunk_rows: 64 });
  assert.is(gz.length, 8);
  gz.forEach((f, k) => { assert.equal(values(f, 'x'), values(plain[k]!, 'x')); assert.equal(values(f, 'y'), values(plain[k]!, 'y')); });
});

test('a value that disproves the guessed type after the sample: an error with its line, column and the col_types hint', async () => {
  const lines = ['v,w', ...Array.from({ length: 3000 }, (_, i) => `${i},k${i % 5}`)];
  lines[2901] = 'n/a?,k1';                                           // line 2902 of the file
  const path = file('late.csv', `${lines.join('\n')}\n`);
  await rejects(chunks(path, { chunk_rows: 250 }), 'PARSE_ERROR',
    /late\.csv, line 2902, column 1 'v': "n\/a\?" is not a number, but the first rows made the column numeric.*col_types: \{ "v": 'enum' \}/);
  // importFile reads the column again as text; with its type given, the chunks read it as text too.
  assert.is((await importFile(path)).col('v').type, 'string');
  const fs = await chunks(path, { chunk_rows: 250, col_types: { v: 'enum' } });
  assert.is(fs[11]!.col('v').str(150), 'n/a?');
});

test('a malformed row in a later chunk: the line counts quoted line breaks and blank lines before it', async () => {
  const path = file('wide.csv', 'a,b\n"1\n2",x\n\n3,y\n4,z\n5,w,extra\n');
  await rejects(chunks(path, { chunk_rows: 1 }), 'PARSE_ERROR', /wide\.csv, line 7, column 3: this row has more than the 2 fields of the header/);
});

test('rows with too few fields: one warning over the whole file, with the last chunk', async () => {
  const path = file('short.csv', 'a,b,c\n1,2,3\n4,5\n6,7,8\n9\n10,11,12\n');
  const seen: string[] = [];
  const fs = await chunks(path, { chunk_rows: 2, onWarning: (w) => seen.push(w) });
  assert.equal(fs.map((f) => f.warnings), [[], [], ['2 rows had fewer than 3 fields and were filled with NA (first at line 3)']]);
  assert.equal(seen, fs[2]!.warnings);
  assert.equal(values(fs[1]!, 'b'), ['7', null]);
});

test('a file with a header and no rows gives one empty chunk with its columns and a warning', async () => {
  const fs = await chunks(file('empty.csv', 'p,q\n'));
  assert.is(fs.length, 1);
  assert.equal(fs[0]!.names, ['p', 'q']);
  assert.is(fs[0]!.nrow, 0);
  assert.match(fs[0]!.warnings.join(), /has a header but no data rows/);
});

test('blank lines after the last full chunk do not make an empty chunk', async () => {
  const fs = await chunks(file('tail.csv', 'a\n1\n2\n\n\n\n'), { chunk_rows: 2 });
  assert.equal(fs.map((f) => f.nrow), [2]);
});

test('chunk_rows must be a whole number >= 1', async () => {
  await rejects(chunks(file('one.csv', 'a\n1\n'), { chunk_rows: 0 }), 'BAD_PARAMETER', /chunk_rows must be an integer >= 1, got 0/);
  await rejects(chunks(file('one.csv', 'a\n1\n'), { chunk_rows: 2.5 as never }), 'BAD_PARAMETER', /chunk_rows/);
});

test('only the current chunk is alive: earlier ones are garbage once the reader moves on', async () => {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const path = file('many.csv', `a,b\n${Array.from({ length: 20_000 }, (_, i) => `${i},${i % 2 ? 's' : 't'}`).join('\n')}\n`);
  const refs: WeakRef<Frame>[] = [];
  let most = 0;
  for await (const f of importFileChunks(path, { chunk_rows: 1000 })) {
    refs.push(new WeakRef(f));
    await new Promise((resolve) => setImmediate(resolve));          // WeakRefs hold their targets for the current job
    gc();
    most = Math.max(most, refs.filter((r) => r.deref() !== undefined).length);
  }
  assert.is(refs.length, 20);
  assert.is(most, 1);
});

test.after(() => rmSync(dir, { recursive: true, force: true }));

test.run();
