import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Frame } from '../../src/frame/frame';
import { parseCSV } from '../../src/frame/import';

// Every awkward value once: NA, empty string, the text "NA", separators, quotes, line breaks.
const awkward = () => Frame.fromArrays({
  r: [0.1, -2.5e-300, null, 3, 1 / 3],
  i: [0, -7, 255, null, 100000],
  e: ['NA', '', null, 'a,b', 'say "x"'],
  s: ['multi\nline', 'cr\r\nlf', null, ' padded ', '?'],
  t: [new Date(Date.UTC(2024, 0, 2)), null, new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 6)), new Date(0), new Date(-86400000)],
}, { types: { s: 'string' } });

const same = (a: Frame, b: Frame) => {
  assert.equal(b.names, a.names);
  for (const n of a.names) for (let i = 0; i < a.nrow; i++) assert.is(b.col(n).str(i), a.col(n).str(i), `${n}[${i}]`);
};

test('NA is an empty unquoted field and awkward strings are quoted', () => {
  const csv = awkward().toCSV();
  const lines = csv.split('\n');
  assert.is(lines[0], 'r,i,e,s,t');
  assert.is(lines[1], '0.1,0,"NA","multi');
  assert.ok(csv.includes(',"",'));
  assert.ok(csv.includes('"say ""x"""'));
  assert.ok(csv.endsWith('\n'));
});

test('Frame to CSV and back gives the same values with the same types', async () => {
  const f = awkward();
  const g = await parseCSV(f.toCSV(), { col_types: Object.fromEntries(f.names.map((n) => [n, f.col(n).type])) });
  assert.equal(g.types, f.types);
  same(f, g);
});

test('the round trip also holds with types left to inference', async () => {
  const f = Frame.fromArrays({
    x: Array.from({ length: 30 }, (_, i) => (i % 5 === 0 ? null : i / 8)),
    k: Array.from({ length: 30 }, (_, i) => i % 4),
    g: Array.from({ length: 30 }, (_, i) => ['lo', 'mid', 'hi'][i % 3]!),
  });
  const g = await parseCSV(f.toCSV());
  assert.equal(g.types, ['real', 'int', 'enum']);
  same(f, g);
});

test('a tab separator and no header are options', () => {
  const csv = Frame.fromArrays({ a: [1, 2], b: ['x\ty', 'z'] }).toCSV({ sep: '\t', header: false });
  assert.is(csv, '1\t"x\ty"\n2\tz\n');
});

test.run();
