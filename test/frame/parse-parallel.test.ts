// A parse split over workers must give the frame a single-threaded parse gives, byte for byte:
// same types, storage, values, levels, warnings and errors. The pieces are made tiny (tens to
// hundreds of bytes) so that every file here is cut many times, in and out of quoted fields.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Random } from '../../src/util/random';
import { importFile, parseCSV } from '../../src/frame/import';
import { DEFAULT_TUNING, parseThreads } from '../../src/frame/parse-parallel';
import { parsePiece, pieceParser, type PassSetup } from '../../src/frame/parse-task';
import { FieldKind } from '../../src/frame/csv-parser';
import { DEFAULT_NA_STRINGS } from '../../src/frame/na';
import type { Frame } from '../../src/frame/frame';
import { isAquiferError } from '../../src/util/errors';

const PARALLEL = { nthreads: 2 } as const;

function assertSame(par: Frame, one: Frame): void {
  assert.equal(par.names, one.names);
  assert.equal(par.types, one.types);
  assert.equal(par.warnings, one.warnings);
  assert.is(par.nrow, one.nrow);
  for (const name of one.names) {
    const a = par.col(name), b = one.col(name);
    assert.is(a.values?.constructor.name, b.values?.constructor.name, `storage of ${name}`);
    assert.equal(a.domain, b.domain, `levels of ${name}`);
    for (let i = 0; i < one.nrow; i++) if (a.str(i) !== b.str(i)) assert.unreachable(`${name}[${i}]: ${a.str(i)} vs ${b.str(i)}`);
  }
}

/** Parses `text` on one thread and in workers with pieces of `pieceBytes`; both must agree. */
async function bothWays(text: string, pieceBytes: number, options: Parameters<typeof parseCSV>[1] = {}): Promise<Frame> {
  const one = await parseCSV(text, { ...options, nthreads: 1 });
  const par = await parseCSV(text, { ...options, ...PARALLEL }, { pieceBytes });
  assertSame(par, one);
  return par;
}

async function errorOf(p: Promise<unknown>): Promise<string> {
  try { await p; } catch (e) { assert.ok(isAquiferError(e), String(e)); return (e as Error).message; }
  return assert.unreachable('did not reject') as never;
}

/** Random rows: ints, reals with NA tokens, an enum, quoted text with line breaks, dates; CRLF ends. */
function randomCsv(seed: number, rows: number): string {
  const rng = new Random(seed);
  const pick = <T>(xs: readonly T[]) => xs[rng.nextInt(xs.length)]!;
  const lines = ['id,amount,grp,note,day'];
  for (let i = 0; i < rows; i++) {
    const amount = rng.nextInt(5) === 0 ? pick(DEFAULT_NA_STRINGS) : (rng.nextInt(2000) / 8 - 60).toString();
    const grp = pick(['a', 'b', 'NA', '']) + (i > rows * 0.8 ? pick(['', 'late']) : '');
    const words = Array.from({ length: rng.nextInt(4) }, () => pick(['x', 'y,z', 'say ""hi""', '\n', '\r\n', 'é', 'NA']));
    const note = rng.nextInt(3) === 0 ? pick(['', 'NA', `plain ${i}`]) : `"${words.join(' ')} ${i}"`;
    const day = rng.nextInt(6) === 0 ? '' : `2024-0${1 + rng.nextInt(9)}-1${rng.nextInt(10)}`;
    lines.push(`${i},${amount},${grp},${note},${day}`);
    if (rng.nextInt(40) === 0) lines.push('');
  }
  return lines.join('\r\n') + '\r\n';
}

test('random files with quoted line breaks, CRLF and NA tokens: workers and one thread agree', async () => {
  for (const [seed, pieceBytes] of [[1, 37], [2, 200], [3, 1000]] as const) {
    const f = await bothWays(randomCsv(seed, 600), pieceBytes);
    assert.equal(f.types, ['int', 'real', 'enum', 'string', 'time']);
  }
});

test('a quoted field longer than many pieces, and a row longer than a piece, are parsed whole', async () => {
  const long = `"${'line\n'.repeat(200)}"`;
  const f = await bothWays(`a,b\n1,${long}\n2,x\n3,${'y'.repeat(3000)}\n4,z\n`, 64);
  assert.is(f.nrow, 4);
  assert.is(f.col('b').str(0), 'line\n'.repeat(200));
});

test('levels first seen in different pieces form one sorted domain', async () => {
  const rows = Array.from({ length: 300 }, (_, i) => `${i},L${String(299 - i).padStart(3, '0')},${i % 2 ? 'odd' : 'even'}`);
  const f = await bothWays(`i,lev,parity\n${rows.join('\n')}\n`, 100, { col_types: { lev: 'enum' } });
  assert.is(f.col('lev').cardinality, 300);
  assert.is(f.col('lev').domain![0], 'L000');
});

test('storage widens across pieces: bytes early, then Int16, Int32 and float64 with NA late', async () => {
  const vals = [...Array.from({ length: 200 }, (_, i) => String(i % 250)), 'NA', '-300', '70000', '', '2.5', '1e300', 'NaN', '7'];
  const f = await bothWays(`v,w\n${vals.map((v, i) => `${v},${i}`).join('\n')}\n`, 50);
  assert.is(f.col('v').values!.constructor.name, 'Float64Array');
  assert.is(f.col('w').values!.constructor.name, 'Uint8Array');
});

test('a column disproved in a late piece is read again as text, with the same warning and line', async () => {
  const rows = Array.from({ length: 3000 }, (_, i) => `${i},${i === 2900 ? 'oops' : i % 17},t${i % 5}`);
  const f = await bothWays(`a,b,c\n${rows.join('\n')}\n`, 2000);
  assert.is(f.types[1], 'enum');
  assert.match(f.warnings.join('\n'), /line 2902 holds "oops"/);
});

test('short rows are NA-filled and the warning names the first one by its line in the whole file', async () => {
  const rows = Array.from({ length: 500 }, (_, i) => (i === 333 || i === 450 ? `${i}` : `${i},"a\nb",${i}`));
  const f = await bothWays(`a,b,c\n${rows.join('\n')}\n`, 80);
  assert.match(f.warnings.join('\n'), /2 rows had fewer than 3 fields .* \(first at line 668\)/);
});

test('an error on a late line names the line in the whole file, as a single-threaded parse does', async () => {
  const rows = Array.from({ length: 800 }, (_, i) => `${i},"q\n${i}",${i}`);
  const cases = [
    rows.map((r, i) => (i === 700 ? `${r},extra` : r)),                 // too many fields
    rows.map((r, i) => (i === 650 ? `${i},"bad"x,1` : r)),              // text after a closing quote
    [...rows, '801,"never closed,1', '802,a,2'],                          // unterminated quote at the end
  ];
  for (const lines of cases) {
    const text = `a,b,c\n${lines.join('\n')}\n`;
    const one = await errorOf(parseCSV(text, { nthreads: 1, name: 'late.csv' }));
    assert.is(await errorOf(parseCSV(text, { ...PARALLEL, name: 'late.csv' }, { pieceBytes: 90 })), one);
  }
});

test('a value that does not fit a col_types type in a late piece is the same error', async () => {
  const rows = Array.from({ length: 400 }, (_, i) => `${i},${i === 390 ? '1.5' : i}`);
  const text = `a,b\n${rows.join('\n')}\n`;
  const options = { col_types: { b: 'int' }, name: 'typed.csv' };
  const one = await errorOf(parseCSV(text, { ...options, nthreads: 1 }));
  assert.match(one, /typed\.csv, line 392, column 2 'b'/);
  assert.is(await errorOf(parseCSV(text, { ...options, ...PARALLEL }, { pieceBytes: 64 })), one);
});

test('a gzip file is inflated on the main thread and parsed in workers', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'aquifer-parallel-'));
  const path = join(dir, 'rows.csv.gz');
  const text = randomCsv(7, 400);
  writeFileSync(path, gzipSync(text));
  assertSame(await importFile(path, PARALLEL, { pieceBytes: 300 }), await parseCSV(text, { name: path }));
});

test('a local file longer than the sample is read in place after it, on one thread and in workers', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'aquifer-parallel-'));
  const path = join(dir, 'long.csv');
  const rows = Array.from({ length: 120_000 }, (_, i) => `${i},${i % 100},${i === 110_000 ? 'late' : i % 7}`);
  const text = `a,b,c\n${rows.join('\n')}\n`;
  writeFileSync(path, text);
  const inMemory = await parseCSV(text, { name: path });
  assert.match(inMemory.warnings.join('\n'), /line 110002 holds "late"/);
  assertSame(await importFile(path, { nthreads: 1 }), inMemory);
  assertSame(await importFile(path, PARALLEL, { pieceBytes: 1 << 16 }), inMemory);
});

test('a piece cut inside a quoted field reports where its last whole row ended', () => {
  const columns = ['a', 'b'].map((name) => ({ name, kind: FieldKind.Text, strict: false, intOnly: false, na: new Set(DEFAULT_NA_STRINGS) }));
  const setup: PassSetup = { columns, sep: 44, quote: 34, file: 'f', widthFrom: 'the header', pieceRows: 2 };
  const bytes = new TextEncoder().encode('1,x\r\n2,"open\n\n');
  const r = parsePiece(pieceParser(setup), setup, { bytes, length: bytes.length - 1, final: false });
  assert.equal([r.rows, r.lines, r.consumed], [1, 1, 5]);
  assert.equal(r.parts[1], ['x']);
});

test('a worker parses piece after piece in the same blocks, each from row 0 with its own levels and NA marks', () => {
  const na = new Set(DEFAULT_NA_STRINGS);
  const columns = [{ name: 'v', kind: FieldKind.Numeric, strict: false, intOnly: false, na }, { name: 'g', kind: FieldKind.Enum, strict: false, intOnly: false, na }];
  const setup: PassSetup = { columns, sep: 44, quote: 34, file: 'f', widthFrom: 'the header', pieceRows: 2 };
  const parser = pieceParser(setup);
  const piece = (text: string) => { const bytes = new TextEncoder().encode(`${text}\n`); return parsePiece(parser, setup, { bytes, length: bytes.length - 1, final: true }); };
  const first = piece('NA,a\n2,b\n3,a\n');                              // three rows: past the first block of two
  const second = piece('7,c\n8,NA\n');
  assert.equal([first.rows, second.rows], [3, 2]);
  assert.equal((second.parts[1] as { levels: string[] }).levels, ['c']);
  const v = second.parts[0] as { values: Uint8Array; na: Uint8Array | null };
  assert.equal([...v.values], [7, 8]);
  assert.ok(v.na === null || v.na.every((b) => b === 0), 'no NA mark left from the first piece');
});

test('workers are used only where asked or for large inputs of known size', async () => {
  assert.is(await parseThreads(1, 1e9, DEFAULT_TUNING), null);
  assert.is(await parseThreads(-1, 1000, DEFAULT_TUNING), null);
  assert.is(await parseThreads(-1, undefined, DEFAULT_TUNING), null);
  assert.is((await parseThreads(3, 10, DEFAULT_TUNING))?.threads, 3);
  const auto = await parseThreads(-1, 1e9, { ...DEFAULT_TUNING, maxThreads: 2 });
  assert.ok(auto === null || auto.threads === 2);
  assert.match(await errorOf(parseCSV('a\n1\n', { nthreads: 0 })), /nthreads must be -1/);
});

test.run();
