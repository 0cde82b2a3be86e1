// The README's booklet examples, run as written: every ```ts booklet block, in order, as one module
// (later blocks use the earlier blocks' variables). `epochs: N` becomes `epochs: N/200` so that the
// MNIST runs take a fraction of a second; everything else is the README's text.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync, writeFileSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

function bookletBlocks(): string[] {
  const readme = readFileSync(`${root}README.md`, 'utf8');
  return [...readme.matchAll(/```ts booklet\n([\s\S]*?)```/g)].map((m) => m[1]!);
}

test('the README has the booklet examples: trial run, results, variable importances, checkpoint, save and load', () => {
  const blocks = bookletBlocks();
  assert.is(blocks.length, 5);
  for (const needle of ['loadMnist', 'modelPerformance', 'varimp', 'checkpoint', 'loadModel']) assert.ok(blocks.some((b) => b.includes(needle)), needle);
});

test('every booklet example runs as written (epochs scaled down)', () => {
  const code = bookletBlocks().join('\n')
    .replace(/from 'aquifer'/g, `from '${root}src/index.ts'`)
    .replace(/epochs: (\d+(\.\d+)?)/g, (_, n) => `epochs: ${Number(n) / 200}`)
    .replace(/'\/tmp\/mnist-dl\.aqm'/, `'${root}build/readme-test.aqm'`);
  const file = `${root}build/readme-test.mts`;
  writeFileSync(file, code);
  try {
    const out = execFileSync(process.execPath, ['--import', 'tsx', file], { cwd: root, encoding: 'utf8', timeout: 240_000, env: plainEnv() });
    const lines = out.trim().split('\n');
    assert.match(out, /'predict',\s+'p0',[\s\S]*'p9'/);                           // prediction columns
    assert.ok(lines.some((l) => /^\[ 'C\d+', 'C\d+', 'C\d+' \]$/.test(l)), out);   // top variables
    assert.ok(lines.some((l) => /^0\.1\d* \d+$/.test(l)), out);                    // the restart reached its cumulative epochs
    assert.ok(lines.some((l) => /^[0-9]$/.test(l)), out);                          // the loaded model predicts a digit
  } finally {
    rmSync(file, { force: true });
    rmSync(`${root}build/readme-test.aqm`, { force: true });
  }
});

function plainEnv(): NodeJS.ProcessEnv {
  const { FORCE_COLOR: _f, ...rest } = process.env;
  return { ...rest, NO_COLOR: '1' };
}

test.run();
