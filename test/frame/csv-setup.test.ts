import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { guessHeader, guessSeparator, guessType, tokenizeSample } from '../../src/frame/csv-setup';
import { DEFAULT_NA_STRINGS } from '../../src/frame/na';

const enc = (s: string) => new TextEncoder().encode(s);
const NA = new Set(DEFAULT_NA_STRINGS);
const rows = (s: string, final = true) => tokenizeSample(enc(s), 44, 34, final, 100).rows;
const fields = (...xs: (string | [string])[]) => xs.map((x) => (typeof x === 'string' ? { text: x, quoted: false } : { text: x[0], quoted: true }));

test('the sample tokenizer drops a last row that may continue, unless the input ended', () => {
  assert.is(rows('a,b\n1,2\n3,', false).length, 2);
  assert.is(rows('a,b\n1,2\n3,', true).length, 3);
  assert.equal(rows('"x\n""y""",z\n')[0]!.fields, fields(['x\n"y"'], 'z'));
});

test('the tokenizer reports where an unterminated quote starts', () => {
  assert.is(tokenizeSample(enc('a\nb\n"c\nd\n'), 44, 34, true, 100).unterminated, 3);
});

test('guessSeparator prefers a separator that splits every row the same way', () => {
  assert.is(guessSeparator(enc('a;b;c\n1,5;2;3\n'), 34, true), ';');
  assert.is(guessSeparator(enc('a\tb\n1\t2\n'), 34, true), '\t');
  assert.is(guessSeparator(enc('x y z\n1 2 3\n'), 34, true), ' ');
  assert.is(guessSeparator(enc('justone\nfield\n'), 34, true), ',');
});

test('guessType: numbers, times, repeated text, distinct text, all missing', () => {
  assert.is(guessType(fields('1', '2.5', 'NA', ''), NA), 'numeric');
  assert.is(guessType(fields('2020-01-01', '', '2021-02-03 10:00'), NA), 'time');
  assert.is(guessType(fields('a', 'b', 'a', 'a'), NA), 'enum');
  assert.is(guessType(fields('a', 'b', 'c', 'd'), NA), 'string');
  assert.is(guessType(fields('1', 'x', '1', '1'), NA), 'enum');
  assert.is(guessType(fields('NA', ''), NA), 'numeric');
  assert.is(guessType(fields(['']), NA), 'numeric');
});

test('guessHeader: text over numbers, blanks allowed, numbers never', () => {
  assert.ok(guessHeader(rows('a,b\n1,2\n'), NA));
  assert.ok(guessHeader(rows(',a\n0,1\n'), NA));
  assert.not.ok(guessHeader(rows('1,2\n3,4\n'), NA));
  assert.not.ok(guessHeader(rows('a,1\nb,2\n'), NA));
  assert.not.ok(guessHeader(rows('x,y\nx,z\n'), NA));
});

test.run();
