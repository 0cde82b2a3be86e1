// The dispatch, in process: help, version, and for each way the command line can be wrong, the
// exit code (2) and the one-line message on stderr; for a missing file, exit code 1.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { run } from '../../src/cli/run';
import { VERSION } from '../../src/version';
import type { Context } from '../../src/cli/command';
import { PARAMETERS } from '../../src/dl/params';

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [], err: string[] = [];
  const ctx: Context = { out: (l) => out.push(l), err: (l) => err.push(l), progress: { write: () => {}, isTTY: false } };
  const code = await run(argv, ctx);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

async function usage(argv: string[], pattern: RegExp): Promise<void> {
  const r = await cli(...argv);
  assert.is(r.code, 2, r.err);
  assert.is(r.out, '');
  assert.match(r.err, pattern);
  assert.is(r.err.split('\n').length, 1, r.err);
}

test('--version prints aquifer\'s version', async () => {
  const r = await cli('--version');
  assert.is(r.code, 0);
  assert.match(r.out, /^\d+\.\d+\.\d+/);
  assert.is(r.out, VERSION);
});

test('--help lists the commands; no arguments prints it to stderr with exit code 2', async () => {
  const r = await cli('--help');
  assert.is(r.code, 0);
  for (const c of ['train', 'predict', 'describe', 'demo', 'bench']) assert.match(r.out, new RegExp(`\\n  ${c} `));
  const none = await cli();
  assert.is(none.code, 2);
  assert.match(none.err, /^aquifer /);
});

test('help train lists every Deep Learning parameter with its default', async () => {
  const r = await cli('help', 'train');
  assert.is(r.code, 0);
  for (const p of PARAMETERS) assert.match(r.out, new RegExp(`\\n  --${p.name}[ \\n]`), p.name);
  assert.match(r.out, /--hidden INT,INT,\.\.\.\s+200,200\s+Hidden layer sizes/);
  assert.match(r.out, /--sparse\s+false\s+/);
  assert.equal((await cli('train', '--help')).out, r.out);
});

test('an unknown command suggests the closest one', async () => {
  await usage(['trian'], /^aquifer: unknown command 'trian'; did you mean 'train'\? \(aquifer --help\)$/);
  await usage(['help', 'predcit'], /did you mean 'predict'/);
});

test('an unknown flag: did-you-mean and the command whose help lists the flags', async () => {
  await usage(['train', '--hiden', '3'], /^aquifer: unknown option '--hiden'; did you mean '--hidden'\? \(aquifer help train\)$/);
});

test('a bad value: the parameter\'s own message', async () => {
  await usage(['train', '--train', 't.csv', '--y', 'c', '--out', 'm', '--epochs', 'ten'], /^aquifer: epochs: cannot read "ten" as a number/);
  await usage(['train', '--l2', '-1'], /^aquifer: l2 must be >= 0, got -1/);
});

test('train without --train, --y or --out', async () => {
  await usage(['train', '--y', 'c', '--out', 'm'], /^aquifer: train needs --train FILE/);
  await usage(['train', '--train', 't.csv', '--out', 'm'], /^aquifer: train needs --y COL/);
  await usage(['train', '--train', 't.csv', '--y', 'c'], /^aquifer: train needs --out MODEL/);
});

test('predict without --model, --data or --out', async () => {
  await usage(['predict', '--data', 'd', '--out', 'p'], /^aquifer: predict needs --model MODEL/);
  await usage(['predict', '--model', 'm', '--out', 'p'], /^aquifer: predict needs --data FILE/);
  await usage(['predict', '--model', 'm', '--data', 'd'], /^aquifer: predict needs --out FILE/);
});

test('describe and bench need their argument', async () => {
  await usage(['describe'], /^aquifer: describe needs FILE/);
  await usage(['bench'], /^aquifer: bench needs SUITE/);
});

test('demo refuses data parameters: it trains on MNIST', async () => {
  await usage(['demo', '--response_column', 'x'], /demo trains on MNIST/);
});

test('a missing input file is an error (exit code 1) naming the flag and the file', async () => {
  const r = await cli('train', '--train', '/nonexistent/t.csv', '--y', 'c', '--out', 'm.aqm');
  assert.is(r.code, 1);
  assert.is(r.err, "aquifer: --train '/nonexistent/t.csv': no such file");
  const d = await cli('describe', '/nonexistent/d.csv');
  assert.is(d.err, "aquifer: '/nonexistent/d.csv': no such file");
});

test('AQUIFER_DEBUG=1 adds the stack trace to a runtime error; without it the error is one line', async () => {
  const before = process.env.AQUIFER_DEBUG;
  try {
    process.env.AQUIFER_DEBUG = '1';
    const r = await cli('describe', '/nonexistent/d.csv');
    assert.is(r.code, 1);
    assert.match(r.err, /^aquifer: '\/nonexistent\/d.csv': no such file\nAquiferError: .*\n\s+at /);
  } finally {
    if (before === undefined) delete process.env.AQUIFER_DEBUG; else process.env.AQUIFER_DEBUG = before;
  }
});

test('bench hands the suite to the benchmark runner, whose exit code comes back', async () => {
  const r = await cli('bench', 'no_such_suite');
  assert.is(r.code, 2);
});

test.run();
