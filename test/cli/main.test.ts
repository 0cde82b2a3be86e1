// The `aquifer` executable end to end, as a child process on small CSV files written here:
// train → save → predict, describe, --json's last line, exit codes and one-line errors.
// Runs src/cli/main.ts through tsx, so it tests the source, not the last build.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'aquifer-cli-'));
const at = (name: string) => join(dir, name);

interface Result { code: number; stdout: string; stderr: string }

function aquifer(...args: string[]): Promise<Result> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args],
      { cwd: root, env: { ...process.env, NO_COLOR: '1', AQUIFER_DEBUG: '' }, timeout: 60_000 },
      (err, stdout, stderr) => resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }));
  });
}

const lastLine = (s: string) => s.trimEnd().split('\n').at(-1)!;

// Two classes from x1 + x2 (a categorical nudges it), with a missing value and a level only the
// scoring file has; a numeric target for regression.
function writeData(): void {
  const rows = ['x1,x2,color,label,target'];
  const colors = ['red', 'green', 'blue'];
  for (let i = 0; i < 120; i++) {
    const x1 = Math.sin(i * 1.7), x2 = Math.cos(i * 0.9), color = colors[i % 3]!;
    const label = x1 + x2 + (color === 'red' ? 0.3 : 0) > 0 ? 'yes' : 'no';
    rows.push(`${i === 7 ? '' : x1.toFixed(4)},${x2.toFixed(4)},${color},${label},${(2 * x1 - x2).toFixed(4)}`);
  }
  writeFileSync(at('train.csv'), `${rows.join('\n')}\n`);
  writeFileSync(at('score.csv'), 'x1,x2,color\n0.5,0.5,red\n-0.5,-0.7,purple\n,0.1,blue\n');
}
writeData();

const TINY = ['--hidden', '4', '--epochs', '2', '--nthreads', '1', '--seed', '42'];

test('train --json: metrics for training and validation as one JSON object, the last line of stdout', async () => {
  const r = await aquifer('train', '--train', at('train.csv'), '--valid', at('train.csv'), '--y', 'label', '--x', 'x1,x2,color',
    ...TINY, '--sparse', '--out', at('binomial.aqm'), '--json');
  assert.is(r.code, 0, r.stderr);
  const summary = JSON.parse(lastLine(r.stdout));
  assert.is(summary.command, 'train');
  assert.is(summary.distribution, 'bernoulli');
  assert.is(summary.training.kind, 'binomial');
  assert.ok(summary.training.auc > 0 && summary.validation.logloss > 0);
  assert.equal(summary.validation.confusion_matrix.labels, ['no', 'yes']);
  assert.ok(existsSync(at('binomial.aqm')));
  // Not a terminal: the progress bar writes a line per tenth of the epochs, to stderr.
  assert.match(r.stderr, /\[100%\] 2.00\/2 epochs/);
});

test('predict writes H2O\'s columns (predict, then one probability per class) for every row', async () => {
  const r = await aquifer('predict', '--model', at('binomial.aqm'), '--data', at('score.csv'), '--out', at('pred.csv'));
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /^3 predictions \(columns: predict, no, yes\) written to /);
  const lines = readFileSync(at('pred.csv'), 'utf8').trimEnd().split('\n');
  assert.is(lines[0], 'predict,no,yes');
  assert.is(lines.length, 4);
  for (const line of lines.slice(1)) {
    const [label, no, yes] = line.split(',');
    assert.ok(label === 'yes' || label === 'no', line);
    assert.ok(Math.abs(Number(no) + Number(yes) - 1) < 1e-5, line);
  }
  assert.equal(readdirSync(dir).filter((f) => f.endsWith('.tmp')), []);
});

test('predict --chunk_rows scores the file a few rows at a time: the same CSV, the unseen level warned once', async () => {
  const r = await aquifer('predict', '--model', at('binomial.aqm'), '--data', at('score.csv'), '--out', at('pred-chunks.csv'), '--chunk_rows', '1');
  assert.is(r.code, 0, r.stderr);
  assert.is(readFileSync(at('pred-chunks.csv'), 'utf8'), readFileSync(at('pred.csv'), 'utf8'));
  assert.is(r.stderr.match(/warning: .*'color' has levels not trained on: \[purple\]/g)?.length, 1, r.stderr);
  const bad = await aquifer('predict', '--model', at('binomial.aqm'), '--data', at('score.csv'), '--out', at('x.csv'), '--chunk_rows', '0');
  assert.is(bad.code, 2);
  assert.is(bad.stderr, 'aquifer: --chunk_rows: cannot read "0" as a whole number >= 1 (aquifer help predict)\n');
  assert.not.ok(existsSync(at('x.csv')));
});

test('train prints the metrics table; a regression model predicts one column', async () => {
  const t = await aquifer('train', '--train', at('train.csv'), '--y', 'target', '--ignored_columns', 'label', ...TINY, '--out', at('regression.aqm'));
  assert.is(t.code, 0, t.stderr);
  assert.match(t.stdout, /Metrics \(regression\):\n\s+training\n\s+rows\s+120\n\s+MSE\s+[\d.]+/);
  assert.match(t.stdout, /model saved to .*regression\.aqm/);
  const p = await aquifer('predict', '--model', at('regression.aqm'), '--data', at('score.csv'), '--out', at('reg.csv'), '--json');
  assert.is(p.code, 0, p.stderr);
  assert.equal(JSON.parse(lastLine(p.stdout)).columns, ['predict']);
  const lines = readFileSync(at('reg.csv'), 'utf8').trimEnd().split('\n');
  assert.is(lines[0], 'predict');
  assert.ok(lines.slice(1).every((l) => Number.isFinite(Number(l))), lines.join(' | '));
});

test('describe prints one summary row per column', async () => {
  const r = await aquifer('describe', at('train.csv'));
  assert.is(r.code, 0, r.stderr);
  const lines = r.stdout.trimEnd().split('\n');
  assert.match(lines[0]!, /train\.csv: 120 rows, 5 columns$/);
  assert.match(lines[1]!, /^column\s+type\s+min\s+mean\s+max\s+sigma\s+zeros\s+missing\s+levels$/);
  assert.match(lines[2]!, /^x1\s+real\s.*\s1$/); // one missing value
  assert.match(lines[4]!, /^color\s+enum\s.*\s3$/);
});

test('--col_types fixes a column type instead of the guess; a malformed item is a usage error', async () => {
  const r = await aquifer('describe', at('train.csv'), '--col_types', 'x2=enum,target=int');
  assert.is(r.code, 1, r.stdout);  // target holds decimals: int does not fit
  assert.match(r.stderr, /target.*int/);
  const ok = await aquifer('describe', at('train.csv'), '--col_types', 'x2=enum');
  assert.is(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /\nx2\s+enum\s/);
  const bad = await aquifer('describe', at('train.csv'), '--col_types', 'x2');
  assert.is(bad.code, 2);
  assert.match(bad.stderr, /--col_types: cannot read "x2" as COL=TYPE/);
});

test('a usage error: exit code 2, one line on stderr, nothing on stdout', async () => {
  const r = await aquifer('train', '--train', at('train.csv'), '--y', 'label', '--out', at('x.aqm'), '--input_dropout_ratio', '2');
  assert.is(r.code, 2);
  assert.is(r.stdout, '');
  assert.is(r.stderr, 'aquifer: input_dropout_ratio must be in [0,1), got 2 (aquifer help train)\n');
});

test('a runtime error: exit code 1, one line without a stack, and the old output file left whole', async () => {
  writeFileSync(at('keep.csv'), 'old\n');
  const r = await aquifer('predict', '--model', at('train.csv'), '--data', at('score.csv'), '--out', at('keep.csv'));
  assert.is(r.code, 1);
  assert.match(r.stderr, /^aquifer: .*train\.csv.* model file.*\n$/);
  assert.is(readFileSync(at('keep.csv'), 'utf8'), 'old\n');
});

test('an output path that is also an input is refused before any work: the input stays whole', async () => {
  const before = readFileSync(at('train.csv'), 'utf8');
  const t = await aquifer('train', '--train', at('train.csv'), '--y', 'label', ...TINY, '--out', at('train.csv'));
  assert.is(t.code, 1);
  assert.is(t.stderr, `aquifer: --out '${at('train.csv')}' is also the --train file: writing it would replace that input; choose another --out path\n`);
  const p = await aquifer('predict', '--model', at('binomial.aqm'), '--data', at('score.csv'), '--out', join(dir, '.', 'binomial.aqm'));
  assert.is(p.code, 1);
  assert.match(p.stderr, /is also the --model file/);
  assert.is(readFileSync(at('train.csv'), 'utf8'), before);
});

test('Ctrl-C during predict: exit 130, no output and no temporary file left', async () => {
  const rows = ['x1,x2,color'];
  for (let i = 0; i < 400_000; i++) rows.push(`${(i % 97) / 50 - 1},${(i % 89) / 45 - 1},red`);
  writeFileSync(at('big.csv'), `${rows.join('\n')}\n`);
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'predict', '--model', at('binomial.aqm'), '--data', at('big.csv'), '--out', at('big-pred.csv'), '--chunk_rows', '2000'],
    { cwd: root, env: { ...process.env, NO_COLOR: '1' } });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  // Interrupt once the temporary output exists, i.e. while predictions are being written.
  const started = Date.now();
  while (!readdirSync(dir).some((f) => f.startsWith('.big-pred.csv.')) && Date.now() - started < 30_000) await new Promise((r) => setTimeout(r, 10));
  child.kill('SIGINT');
  assert.is(await exit, 130, stderr);
  assert.match(stderr, /interrupted: no predictions were written/);
  assert.equal(readdirSync(dir).filter((f) => f.includes('big-pred')), []);
});

test('a reader that closes the pipe early ends the output quietly (no EPIPE trace)', async () => {
  const names = Array.from({ length: 3000 }, (_, j) => `c${j}`);
  writeFileSync(at('wide.csv'), `${names.join(',')}\n${names.map((_, j) => j).join(',')}\n${names.map((_, j) => j + 1).join(',')}\n`);
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'describe', at('wide.csv')], { cwd: root });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  child.stdout.once('data', () => child.stdout.destroy());
  const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
  assert.is(stderr, '');
  assert.is(code, 0);
});

test.after(() => rmSync(dir, { recursive: true, force: true }));

test.run();
