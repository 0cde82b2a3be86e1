import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createServer } from 'node:http';
import { importFile, parseCSV } from '../../src/frame/import';
import type { Frame } from '../../src/frame/frame';
import { isAquiferError } from '../../src/util/errors';

const dir = mkdtempSync(join(tmpdir(), 'aquifer-import-'));
const file = (name: string, data: string | Uint8Array) => { const p = join(dir, name); writeFileSync(p, data); return p; };
const values = (f: Frame, name: string) => Array.from({ length: f.nrow }, (_, i) => f.col(name).str(i));

async function rejects(p: Promise<unknown>, code: string, text: RegExp): Promise<void> {
  try { await p; } catch (e) {
    assert.ok(isAquiferError(e), `not an AquiferError: ${e}`);
    assert.is((e as { code: string }).code, code, (e as Error).message);
    assert.match((e as Error).message, text);
    return;
  }
  assert.unreachable('did not reject');
}

// ---- values, NA and quoting -------------------------------------------------------------------

test('a small CSV with NA tokens, an empty string and quotes gets the right types and values', async () => {
  const f = await parseCSV('id,name,score,grp\n1,"Smith, J",3.5,a\n2,"say ""hi""",NA,b\n3,,N/A,a\n4,"",?,null\n5,x,NaN,b\n');
  assert.equal(f.names, ['id', 'name', 'score', 'grp']);
  assert.equal(f.types, ['int', 'string', 'real', 'enum']);
  assert.equal(values(f, 'name'), ['Smith, J', 'say "hi"', null, '', 'x']);
  assert.equal(values(f, 'score'), ['3.5', null, null, null, null]);
  assert.equal(values(f, 'grp'), ['a', 'b', 'a', null, 'b']);
});

test('a quoted NA token is the literal text, an unquoted one is missing', async () => {
  const f = await parseCSV('s\n"NA"\nNA\nx\nx\n', { header: 1 });
  assert.equal(values(f, 's'), ['NA', null, 'x', 'x']);
});

test('quoted fields keep separators, doubled quotes and line breaks', async () => {
  const f = await parseCSV('a,b\n"x,y","he said ""no"""\n"two\nlines",z\n"",q\n');
  assert.equal(values(f, 'a'), ['x,y', 'two\nlines', '']);
  assert.equal(values(f, 'b'), ['he said "no"', 'z', 'q']);
});

test('quoted numbers are numbers, and a quoted blank in a numeric column is NA', async () => {
  const f = await parseCSV('v,w\n"1",a\n"",b\n"2.5",a\n');
  assert.is(f.types[0], 'real');
  assert.equal(values(f, 'v'), ['1', null, '2.5']);
});

test('CRLF line ends, a trailing empty line and blank lines are all fine', async () => {
  const f = await parseCSV('a,b\r\n1,x\r\n\r\n2,y\r\n\r\n');
  assert.is(f.nrow, 2);
  assert.equal(values(f, 'b'), ['x', 'y']);
  const g = await parseCSV('a,b\n1,x\n2,y');
  assert.equal(values(g, 'a'), ['1', '2']);
});

test('user na_strings add to the defaults, for all columns or per column', async () => {
  const f = await parseCSV('a,b\n-999,-999\n1,2\n3,4\n', { na_strings: ['-999'] });
  assert.equal([values(f, 'a')[0], values(f, 'b')[0]], [null, null]);
  const g = await parseCSV('a,b\n-999,-999\n1,2\n3,4\n', { na_strings: { a: ['-999'] } });
  assert.equal([values(g, 'a')[0], values(g, 'b')[0]], [null, '-999']);
});

test('numbers in every notation are read exactly as Number() reads them', async () => {
  const texts = ['0', '-0.5', '+7', '1e3', '1.5E-7', '123456789012345', '1234567890123456789', '0.1', '.25', '5.', '3.141592653589793', '-1e-300', '9007199254740993'];
  const f = await parseCSV('v\n' + texts.join('\n') + '\n');
  const v = f.col('v').toFloat64();
  texts.forEach((t, i) => assert.is(v[i], Number(t), t));
});

test('integers stay narrow: bytes for 0..255 and Int32 for larger', async () => {
  const f = await parseCSV('a,b,c\n0,-5,100000\n255,300,1\n');
  assert.equal(f.columns.map((c) => c.values!.constructor.name), ['Uint8Array', 'Int16Array', 'Int32Array']);
  assert.equal(f.types, ['int', 'int', 'int']);
});

test('a numeric column with NA keeps integer storage and an NA mark', async () => {
  const f = await parseCSV('a\n1\n\n2\nNA\n3\n', { header: 1 });
  assert.is(f.col('a').values!.constructor.name, 'Uint8Array');
  assert.equal(values(f, 'a'), ['1', '2', null, '3']);
});

test('ISO dates and times become a time column', async () => {
  const f = await parseCSV('d,v\n2024-01-02,1\n2024-01-03 04:05:06,2\n,3\n');
  assert.is(f.types[0], 'time');
  assert.is(f.col('d').at(1), Date.UTC(2024, 0, 3, 4, 5, 6));
  assert.ok(f.col('d').isNA(2));
});

// ---- setup guesses ------------------------------------------------------------------------------

test('the separator is guessed: tab, semicolon, pipe', async () => {
  for (const sep of ['\t', ';', '|']) {
    const f = await parseCSV(`a${sep}b${sep}c\n1${sep}2,5${sep}x\n3${sep}4${sep}y\n`);
    assert.equal(f.names, ['a', 'b', 'c'], JSON.stringify(sep));
  }
});

test('a given sep overrides the guess', async () => {
  const f = await parseCSV('a;b,c\n1,5;2\n', { sep: ',' });
  assert.equal(f.names, ['a;b', 'c']);
  assert.equal(values(f, 'c'), ['5;2']);
});

test('no header is guessed when the first row is numeric, and columns are C1..Cn', async () => {
  const f = await parseCSV('1,2\n3,4\n');
  assert.equal(f.names, ['C1', 'C2']);
  assert.is(f.nrow, 2);
});

test('an all-text file has a header only when its first row never repeats below', async () => {
  const withHeader = await parseCSV('name,color\nbob,red\nann,blue\nbob,blue\n');
  assert.equal(withHeader.names, ['name', 'color']);
  const without = await parseCSV('red,small\nblue,big\nred,big\n');
  assert.equal(without.names, ['C1', 'C2']);
  assert.is(without.nrow, 3);
});

test('a header with a blank first name (a pandas index) is still a header', async () => {
  const f = await parseCSV(',a,b\n0,1.5,x\n1,2.5,y\n');
  assert.equal(f.names, ['C1', 'a', 'b']);
  assert.is(f.nrow, 2);
});

test('a comma file whose text has spaces is not split on spaces', async () => {
  const f = await parseCSV('full name,city\nAda Lovelace,New York\nAlan Turing,Los Angeles\n');
  assert.equal(f.names, ['full name', 'city']);
});

test('header -1 and 1 force the choice', async () => {
  const f = await parseCSV('a,b\n1,2\n1,3\n', { header: -1 });
  assert.is(f.nrow, 3);
  assert.equal(f.types, ['enum', 'string']);
  const g = await parseCSV('1,2\n3,4\n', { header: 1 });
  assert.equal(g.names, ['1', '2']);
});

test('col_names replace the header and skipped_columns leave columns out', async () => {
  const f = await parseCSV('a,b,c\n1,2,3\n', { col_names: ['x', 'y', 'z'], skipped_columns: [1] });
  assert.equal(f.names, ['x', 'z']);
});

test('col_types override inference, by name or by position', async () => {
  const f = await parseCSV('a,b,c\n1,2,x\n2,3,y\n', { col_types: { a: 'enum', b: 'real', c: 'string' } });
  assert.equal(f.types, ['enum', 'real', 'string']);
  const g = await parseCSV('a,b,c\n1,2,x\n2,3,y\n', { col_types: ['factor', 'int', 'enum'] });
  assert.equal(g.types, ['enum', 'int', 'enum']);
});

test('mostly distinct text is a string column, repeated text an enum (H2O rule)', async () => {
  const rows = Array.from({ length: 40 }, (_, i) => `id${i},${i % 3 === 0 ? 'a' : 'b'}`);
  const f = await parseCSV('id,g\n' + rows.join('\n'));
  assert.equal(f.types, ['string', 'enum']);
});

test('a column that turns out not numeric after the sample is read again as text', async () => {
  const rows = Array.from({ length: 5000 }, (_, i) => `${i},${i % 7}`);
  rows[4321] = '4321,seven';
  const warnings: string[] = [];
  const f = await parseCSV('i,v\n' + rows.join('\n') + '\n', { onWarning: (w) => warnings.push(w) });
  assert.is(f.types[1], 'enum');
  assert.is(f.col('v').str(4321), 'seven');
  assert.is(f.col('v').str(4320), String(4320 % 7));
  assert.is(f.warnings.length, 1);
  assert.match(f.warnings[0]!, /'v'.*line 4323.*"seven".*enum/);
  assert.equal(warnings, f.warnings);
});

test('a column empty in the whole sample takes its type from the data after it', async () => {
  const rows = Array.from({ length: 3000 }, (_, i) => `${i},`);
  rows[2999] = '2999,late';
  const f = await parseCSV('i,v\n' + rows.join('\n') + '\n');
  assert.is(f.types[1], 'enum');
  assert.is(f.col('v').str(2999), 'late');
  assert.ok(f.col('v').isNA(0));
});

// ---- warnings -------------------------------------------------------------------------------------

test('rows with fewer fields are NA-filled and counted in a warning', async () => {
  const f = await parseCSV('a,b,c\n1,2,3\n4\n5,6\n');
  assert.equal(values(f, 'c'), ['3', null, null]);
  assert.equal(values(f, 'b'), ['2', null, '6']);
  assert.equal(f.warnings, ['2 rows had fewer than 3 fields and were filled with NA (first at line 3)']);
});

test('duplicate column names are renamed with a suffix and a warning', async () => {
  const f = await parseCSV('a,b,a,a\n1,2,3,4\n');
  assert.equal(f.names, ['a', 'b', 'a_2', 'a_3']);
  assert.is(f.warnings.length, 2);
  assert.match(f.warnings[0]!, /duplicate column name 'a' at position 3 renamed to 'a_2'/);
});

test('a header without data rows gives an empty frame and a warning', async () => {
  const f = await parseCSV('a,b\n', { header: 1 });
  assert.equal([f.nrow, f.ncol], [0, 2]);
  assert.match(f.warnings[0]!, /no data rows/);
});

// ---- errors -----------------------------------------------------------------------------------------

test('an unterminated quote names the file, line and column', async () => {
  await rejects(parseCSV('a,b\n1,2\n3,"open\n4,5\n', { name: 'bad.csv' }), 'PARSE_ERROR', /bad\.csv, line 3.*unterminated quote/);
});

test('a row with more fields than the header is an error naming line and column', async () => {
  await rejects(parseCSV('a,b\n1,2\n3,4,5\n', { name: 'wide.csv' }), 'PARSE_ERROR', /wide\.csv, line 3, column 3: .*more than the 2 fields of the header/);
  const late = Array(3000).fill('1,2').join('\n') + '\n3,4,5\n';               // past the sample
  await rejects(parseCSV(late, { name: 'nohead.csv' }), 'PARSE_ERROR', /nohead\.csv, line 3001, column 3: .*the widest of the first rows/);
});

test('text after a closing quote is an error', async () => {
  await rejects(parseCSV('a,b\n"x"y,1\n', { name: 'q.csv' }), 'PARSE_ERROR', /q\.csv, line 2, column 1 'a': unexpected character 'y'/);
});

test('a value that does not fit a given type names line, column and value', async () => {
  await rejects(parseCSV('a,b\n1,2\n3,x\n', { col_types: { b: 'real' }, name: 'types.csv' }), 'PARSE_ERROR', /types\.csv, line 3, column 2 'b': value "x" does not fit .*'real'/);
  await rejects(parseCSV('a\n1\n2.5\n', { col_types: { a: 'int' }, name: 'int.csv' }), 'PARSE_ERROR', /int\.csv, line 3, column 1 'a': value "2\.5"/);
  await rejects(parseCSV('t\n2020-01-01\nsoon\n', { col_types: ['time'] }), 'PARSE_ERROR', /line 3.*"soon".*'time'/);
});

test('an empty file and a blank file are errors', async () => {
  await rejects(importFile(file('empty.csv', '')), 'FILE_ERROR', /empty\.csv is empty/);
  await rejects(parseCSV('\n\n  \n', { name: 'blank.csv' }), 'FILE_ERROR', /blank\.csv is empty/);
});

test('a binary file is an error', async () => {
  await rejects(importFile(file('bin.csv', Uint8Array.of(1, 2, 0, 4, 5))), 'FILE_ERROR', /binary/);
  await rejects(importFile(file('x.parquet', new TextEncoder().encode('PAR1xxxx'))), 'FILE_ERROR', /Parquet/);
});

test('bad options and unknown col_types columns are rejected before reading', async () => {
  await rejects(parseCSV('a\n1\n', { sep: ',,' }), 'BAD_PARAMETER', /sep/);
  await rejects(parseCSV('a\n1\n', { col_types: { A: 'real' } }), 'BAD_COLUMN', /'A'.*did you mean 'a'/);
  await rejects(parseCSV('a\n1\n', { col_types: { a: 'decimal' } }), 'BAD_PARAMETER', /'decimal'/);
  await rejects(parseCSV('a,b\n1,2\n', { col_names: ['x'] }), 'BAD_PARAMETER', /col_names has 1 names/);
  await rejects(parseCSV('a\n1\n', { na_strings: 'NA' as never }), 'BAD_PARAMETER', /na_strings/);
});

test('a missing file is a FILE_ERROR naming it', async () => {
  await rejects(importFile(join(dir, 'nope.csv')), 'FILE_ERROR', /nope\.csv.*no such file/);
});

// ---- sources -------------------------------------------------------------------------------------

const TEXT = 'x,y,s\n1,2.5,a\n2,,b\n3,4.5,"c,d"\n';
const check = (f: Frame) => {
  assert.equal(f.names, ['x', 'y', 's']);
  assert.equal(values(f, 'y'), ['2.5', null, '4.5']);
  assert.equal(values(f, 's'), ['a', 'b', 'c,d']);
};

test('a local path, a file: URL, a .tsv and chunked text all read the same', async () => {
  check(await importFile(file('plain.csv', TEXT)));
  check(await importFile(new URL(`file://${file('url.csv', TEXT)}`)));
  check(await importFile(file('tabs.tsv', TEXT.replaceAll(',', '\t').replace('c\td', 'c,d'))));
  const bytes = new TextEncoder().encode(TEXT);
  check(await parseCSV(Array.from(bytes, (b) => Uint8Array.of(b))));
});

test('a gzip file is detected by its bytes and inflated', async () => {
  check(await importFile(file('data.csv.gz', gzipSync(TEXT))));
  check(await importFile(file('no-extension', gzipSync(TEXT))));
});

test('a Blob and a File read like a file', async () => {
  check(await importFile(new Blob([TEXT])));
  check(await importFile(new File([gzipSync(TEXT)], 'f.csv.gz')));
  await rejects(importFile(new File(['a\n"x\n'], 'named.csv')), 'PARSE_ERROR', /named\.csv, line 2/);
});

test('an http URL is fetched; a 404 is a FILE_ERROR', async () => {
  const server = createServer((req, res) => {
    if (req.url === '/data.csv') { res.end(TEXT); return; }
    if (req.url === '/data.csv.gz') { res.end(gzipSync(TEXT)); return; }
    res.statusCode = 404; res.end();
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const port = (server.address() as { port: number }).port;
  try {
    check(await importFile(`http://127.0.0.1:${port}/data.csv`));
    check(await importFile(`http://127.0.0.1:${port}/data.csv.gz`));
    await rejects(importFile(`http://127.0.0.1:${port}/missing.csv`), 'FILE_ERROR', /HTTP 404/);
  } finally {
    server.close();
  }
});

test('a UTF-8 byte order mark is skipped and UTF-8 text is kept', async () => {
  const f = await parseCSV(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('città,n\nZürich,1\n東京,2\n')]));
  assert.equal(f.names, ['città', 'n']);
  assert.equal(values(f, 'città'), ['Zürich', '東京']);
});

test.after(() => rmSync(dir, { recursive: true, force: true }));

test('a misspelt import option is refused with a did-you-mean instead of being ignored', async () => {
  const f = file('opts.csv', 'a,b\n1,2\n');
  await rejects(importFile(f, { hedaer: false } as never), 'UNKNOWN_PARAMETER', /unknown import option 'hedaer'; did you mean 'header'\?/);
  await rejects(importFile(f, { na_string: ['x'] } as never), 'UNKNOWN_PARAMETER', /did you mean 'na_strings'/);
  await rejects(parseCSV('a\n1\n', { nmae: 'x.csv' } as never), 'UNKNOWN_PARAMETER', /did you mean 'name'/);
  assert.is((await parseCSV('a\n1\n', { name: 'x.csv', header: 1 })).nrow, 1);
});

test.run();
