// Property test: random tables, randomly quoted and chunked, parsed by importFile's parser and by
// a tiny reference parser written for this test; both must agree field for field.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Random } from '../../src/util/random';
import { parseCSV } from '../../src/frame/import';
import { DEFAULT_NA_STRINGS } from '../../src/frame/na';

interface Field { text: string; quoted: boolean }

/** Reference: RFC 4180 by characters. Blank lines are skipped, as in the parser under test. */
function referenceParse(s: string, sep: string): Field[][] {
  const rows: Field[][] = [];
  let i = 0;
  while (i < s.length) {
    if (s[i] === '\n') { i++; continue; }
    if (s[i] === '\r') { i += s[i + 1] === '\n' ? 2 : 1; continue; }
    const row: Field[] = [];
    for (;;) {
      let text = '', quoted = false;
      if (s[i] === '"') {
        quoted = true; i++;
        for (;;) {
          if (s[i] === '"' && s[i + 1] === '"') { text += '"'; i += 2; }
          else if (s[i] === '"') { i++; break; }
          else text += s[i++];
        }
      } else {
        while (i < s.length && s[i] !== sep && s[i] !== '\n' && s[i] !== '\r') text += s[i++];
      }
      row.push({ text, quoted });
      if (s[i] === sep) { i++; continue; }
      break;
    }
    rows.push(row);
  }
  return rows;
}

const ALPHABET = ['a', 'b', 'Z', ' ', ',', ';', '"', '\n', '\r\n', 'é', '東', '1', '0', '.', '-', 'e'];

function randomText(r: Random): string {
  const n = r.nextInt(6);
  let s = '';
  for (let k = 0; k < n; k++) s += ALPHABET[r.nextInt(ALPHABET.length)];
  return s;
}

function randomNumber(r: Random): string {
  switch (r.nextInt(7)) {
    case 0: return String(r.nextInt(256));
    case 1: return String(r.nextInt(2000000) - 1000000);
    case 2: return String((r.nextDouble() - 0.5) * 10 ** (r.nextInt(20) - 10));
    case 3: return (r.nextDouble() * 100).toFixed(r.nextInt(6));
    case 4: return (r.nextDouble() * 1000).toExponential(r.nextInt(8));
    case 5: return `${r.nextInt(2) ? '+' : '-'}${r.nextInt(1000)}.${r.nextInt(1000)}`;
    default: return String(r.nextU32() * 2 ** 21 + r.nextInt(2 ** 21));   // beyond 2^53: the slow path
  }
}

/** One CSV text with `sep`, its header, the intended cells, and per column whether it is numeric. */
function randomCsv(seed: number) {
  const r = new Random(seed);
  const sep = [',', '\t', ';'][r.nextInt(3)]!;
  const ncol = 1 + r.nextInt(5), nrow = r.nextInt(40);
  const numeric = Array.from({ length: ncol }, () => r.nextInt(2) === 0);
  const eol = r.nextInt(2) ? '\n' : '\r\n';
  const lines: string[] = [Array.from({ length: ncol }, (_, j) => `c${j}`).join(sep)];
  for (let i = 0; i < nrow; i++) {
    const cells: string[] = [];
    for (let j = 0; j < ncol; j++) {
      const na = r.nextInt(6) === 0;
      const value = na ? DEFAULT_NA_STRINGS[r.nextInt(DEFAULT_NA_STRINGS.length)]! : numeric[j] ? randomNumber(r) : randomText(r);
      const mustQuote = value.includes(sep) || value.includes('"') || value.includes('\n') || value.includes('\r') || value.startsWith('"');
      // NA tokens stay unquoted (quoting would make them literal text); others are quoted when needed or at random.
      const quote = !na && (mustQuote || r.nextInt(4) === 0);
      cells.push(quote ? `"${value.replaceAll('"', '""')}"` : value);
    }
    lines.push(cells.join(sep));
  }
  const text = lines.join(eol) + (r.nextInt(2) ? eol : '');
  return { text, sep, ncol, numeric };
}

function chunked(bytes: Uint8Array, r: Random): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let p = 0; p < bytes.length;) { const k = 1 + r.nextInt(40); out.push(bytes.subarray(p, p + k)); p += k; }
  return out;
}

const isNA = (f: Field) => !f.quoted && DEFAULT_NA_STRINGS.includes(f.text);

test('text columns agree with the reference parser on 300 random files, in random chunks', async () => {
  for (let seed = 1; seed <= 300; seed++) {
    const { text, sep, ncol } = randomCsv(seed);
    const ref = referenceParse(text, sep).slice(1);
    const bytes = new TextEncoder().encode(text);
    const f = await parseCSV(chunked(bytes, new Random(seed + 1e6)), { sep, header: 1, col_types: Array(ncol).fill('string') });
    assert.is(f.nrow, ref.length, `seed ${seed}: rows`);
    ref.forEach((row, i) => {
      for (let j = 0; j < ncol; j++) {
        const cell = row[j] ?? { text: '', quoted: false };
        assert.is(f.columns[j]!.str(i), isNA(cell) ? null : cell.text, `seed ${seed}: row ${i} col ${j}`);
      }
    });
  }
});

test('numeric columns equal Number() of the reference text, with guessed types', async () => {
  for (let seed = 1001; seed <= 1300; seed++) {
    const { text, sep, ncol, numeric } = randomCsv(seed);
    const ref = referenceParse(text, sep).slice(1);
    const f = await parseCSV(text, { sep, header: 1 });
    assert.is(f.nrow, ref.length, `seed ${seed}: rows`);
    for (let j = 0; j < ncol; j++) {
      const col = f.columns[j]!;
      const isNum = col.type === 'int' || col.type === 'real';
      if (numeric[j]) assert.ok(isNum, `seed ${seed}: col ${j} is ${col.type}`);
      ref.forEach((row, i) => {
        const cell = row[j] ?? { text: '', quoted: false };
        const t = cell.text.trim();
        if (isNum) {
          const missing = isNA(cell) || t === '' || (cell.quoted && DEFAULT_NA_STRINGS.includes(t));
          if (missing) assert.ok(col.isNA(i), `seed ${seed}: row ${i} col ${j} should be NA`);
          else assert.is(col.at(i), Number(t), `seed ${seed}: row ${i} col ${j} ${JSON.stringify(cell.text)}`);
        } else {
          assert.is(col.str(i), isNA(cell) ? null : cell.text, `seed ${seed}: row ${i} col ${j}`);
        }
      });
    }
  }
});

test('the reference parser reads back what the generator meant (checking the checker)', () => {
  const ref = referenceParse('a,"b,""c"""\r\n\r\n"x\ny",\n', ',');
  assert.equal(ref, [[{ text: 'a', quoted: false }, { text: 'b,"c"', quoted: true }], [{ text: 'x\ny', quoted: true }, { text: '', quoted: false }]]);
});

test.run();
