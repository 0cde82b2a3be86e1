// Argument parsing: every form a flag takes, and the one-line usage error for every way it goes wrong.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseArgs, UsageError, type CommandSpec } from '../../src/cli/args';

const spec: CommandSpec = {
  name: 'train', summary: '', usage: '',
  options: [
    { name: 'train', kind: 'string', value: 'FILE', help: '', aliases: ['training_frame'] },
    { name: 'x', kind: 'list', value: 'A,B', help: '' },
    { name: 'out', kind: 'string', value: 'MODEL', help: '' },
    { name: 'json', kind: 'boolean', help: '' },
  ],
  params: true,
  positionals: [],
};
const noParams: CommandSpec = { ...spec, name: 'describe', params: false, positionals: ['FILE'] };

function usageError(fn: () => unknown, pattern: RegExp): void {
  try { fn(); assert.unreachable('expected a usage error'); } catch (e) {
    assert.instance(e, UsageError);
    assert.match((e as Error).message, pattern);
    assert.not.match((e as Error).message, /\n/);
  }
}

test('string options take the next word or the text after =', () => {
  const a = parseArgs(spec, ['--train', 'a.csv', '--out=m.aqm']);
  assert.equal(a.options, { train: 'a.csv', out: 'm.aqm' });
});

test('an option may be given by its H2O parameter name', () => {
  assert.is(parseArgs(spec, ['--training_frame', 'a.csv']).options.train, 'a.csv');
});

test('list options split at commas and drop blanks', () => {
  assert.equal(parseArgs(spec, ['--x', 'a, b,,c']).options.x, ['a', 'b', 'c']);
});

test('a boolean option stands alone or takes true/false', () => {
  assert.is(parseArgs(spec, ['--json']).options.json, true);
  assert.is(parseArgs(spec, ['--json', 'false']).options.json, false);
  assert.is(parseArgs(spec, ['--json=no']).options.json, false);
});

test('integer list, number, enum and seed parameters come out typed', () => {
  const a = parseArgs(spec, ['--hidden', '32,32,32', '--input_dropout_ratio', '0.2', '--activation', 'rectifier_with_dropout', '--seed', '-1']);
  assert.equal(a.params, { hidden: [32, 32, 32], input_dropout_ratio: 0.2, activation: 'RectifierWithDropout', seed: -1 });
});

test('boolean parameters: bare, true/false as the next word, or after =', () => {
  assert.equal(parseArgs(spec, ['--sparse']).params, { sparse: true });
  assert.equal(parseArgs(spec, ['--sparse', 'false', '--epochs', '1']).params, { sparse: false, epochs: 1 });
  assert.equal(parseArgs(spec, ['--standardize=0']).params, { standardize: false });
  assert.equal(parseArgs(spec, ['--sparse', '--epochs', '2']).params, { sparse: true, epochs: 2 });
});

test('y is H2O\'s alias of response_column, and dashes stand for underscores', () => {
  assert.equal(parseArgs(spec, ['--y', 'label', '--input-dropout-ratio', '0.1']).params, { response_column: 'label', input_dropout_ratio: 0.1 });
});

test('a negative number is a value, not a flag', () => {
  assert.equal(parseArgs(spec, ['--nthreads', '-1', '--l1', '-0']).params, { nthreads: -1, l1: -0 });
});

test('null where a parameter may be null; Infinity where it may be infinite', () => {
  assert.equal(parseArgs(spec, ['--hidden_dropout_ratios', 'null', '--max_w2', 'Inf']).params, { hidden_dropout_ratios: null, max_w2: Infinity });
});

test('an unknown flag suggests the closest parameter', () => {
  usageError(() => parseArgs(spec, ['--hiden', '3']), /^unknown option '--hiden'; did you mean '--hidden'\?$/);
  usageError(() => parseArgs(spec, ['--epoch', '3']), /did you mean '--epochs'/);
});

test('an unknown flag suggests the closest command option', () => {
  usageError(() => parseArgs(spec, ['--ot', 'm.aqm']), /did you mean '--out'/);
});

test('a command without parameters does not accept them', () => {
  usageError(() => parseArgs(noParams, ['f.csv', '--epochs', '3']), /^unknown option '--epochs'$/);
});

test('a short flag other than -h is unknown', () => {
  usageError(() => parseArgs(spec, ['-x']), /unknown option '-x'/);
});

test('a bad parameter value gives parseParameterValue\'s message, naming the parameter', () => {
  usageError(() => parseArgs(spec, ['--hidden', '32,x']), /^hidden: cannot read "x" as a number$/);
  usageError(() => parseArgs(spec, ['--input_dropout_ratio', '1.5']), /^input_dropout_ratio must be in \[0,1\), got 1.5$/);
  usageError(() => parseArgs(spec, ['--activation', 'Sigmoid']), /^activation must be one of/);
});

test('a bad boolean option value is named', () => {
  usageError(() => parseArgs(spec, ['--json=maybe']), /^--json: cannot read "maybe" as true or false$/);
});

test('a value-taking flag at the end, or before another flag, needs a value', () => {
  usageError(() => parseArgs(spec, ['--train']), /^--train needs a value \(FILE\)$/);
  usageError(() => parseArgs(spec, ['--epochs', '--json']), /^--epochs needs a value \(NUM\)$/);
});

test('a flag given twice, or under two names, is refused', () => {
  usageError(() => parseArgs(spec, ['--epochs', '1', '--epochs', '2']), /^--epochs is given twice$/);
  usageError(() => parseArgs(spec, ['--train', 'a', '--training_frame', 'b']), /^--train and --training_frame are the same option/);
  usageError(() => parseArgs(spec, ['--y', 'a', '--response_column', 'b']), /same option/);
});

test('a function-valued parameter cannot be given on the command line', () => {
  usageError(() => parseArgs(spec, ['--custom_metric_func', 'f']), /custom_metric_func cannot be given on the command line/);
});

test('positionals: a missing one is named, an extra one is refused, -- ends the flags', () => {
  usageError(() => parseArgs(noParams, []), /^describe needs FILE$/);
  usageError(() => parseArgs(noParams, ['a.csv', 'b.csv']), /^unexpected argument 'b.csv' for describe$/);
  assert.equal(parseArgs(noParams, ['--', '--odd-name.csv']).positionals, ['--odd-name.csv']);
  // A word after a boolean flag that is not true/false was likely meant as its value.
  usageError(() => parseArgs(spec, ['--sparse', 'maybe']), /^unexpected argument 'maybe' for train \(--sparse takes true or false, or nothing for true\)$/);
  usageError(() => parseArgs(spec, ['--json', 'yes please']), /\(--json takes true or false/);
});

test('--help anywhere asks for help, and skips the positional checks', () => {
  const a = parseArgs(noParams, ['--help']);
  assert.ok(a.help);
});

test.run();
