// predictStream holds about one chunk, whatever the file's size: a 100,000-row file whose frame
// would take some 160 MB is scored in a child process whose resident set grows by a fraction of
// that (test/helpers/stream-memory.ts measures it). That the CSV equals predict's is
// predict-stream.test.ts's job.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DeepLearningEstimator } from '../../src/dl/estimator';
import { importFile } from '../../src/frame';
import { Random } from '../../src/util/random';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'aquifer-stream-memory-'));
const at = (name: string) => join(dir, name);
const P = 200, N = 100_000;

function child(...args: string[]): Promise<{ rows: number; growth: number; frameBytes: number; seconds: number }> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--expose-gc', '--import', 'tsx', 'test/helpers/stream-memory.ts', ...args],
      { cwd: root, timeout: 120_000 }, (err, stdout, stderr) => (err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(JSON.parse(stdout.trim().split('\n').at(-1)!))));
  });
}

test('a 100,000-row file: the resident set grows by under a quarter of its frame', async () => {
  // Sixteen distinct rows of one-decimal values (float64 in a frame: 8 bytes for 4 in the file), cycled.
  const r = new Random(11);
  const names = [...Array.from({ length: P }, (_, j) => `x${j}`), 'g', 'y'];
  const distinct = Array.from({ length: 16 }, (_, k) =>
    [...Array.from({ length: P }, () => (r.nextInt(19) / 10 - 0.9).toFixed(1)), 'abc'[k % 3], k % 2 ? 'hi' : 'lo'].join(','));
  const order = (i: number) => distinct[(i * 7 + (i >> 4)) % 16]!;
  writeFileSync(at('big.csv'), `${names.join(',')}\n${Array.from({ length: N }, (_, i) => order(i)).join('\n')}\n`);
  writeFileSync(at('warmup.csv'), `${names.join(',')}\n${Array.from({ length: 2000 }, (_, i) => order(i)).join('\n')}\n`);

  const train = await importFile(at('warmup.csv'));
  const m = new DeepLearningEstimator({ hidden: [8], epochs: 1, seed: 1, nthreads: 1 });
  await m.train({ y: 'y', training_frame: train });
  await m.save(at('m.aqm'));

  const run = await child('stream', at('m.aqm'), at('warmup.csv'), at('big.csv'), at('pred.csv'), '1000');
  assert.is(run.rows, N);
  assert.ok(run.frameBytes > 150e6, `frame ${run.frameBytes} bytes`);
  assert.ok(run.growth < run.frameBytes / 4, `RSS grew ${(run.growth / 1e6).toFixed(1)} MB for a ${(run.frameBytes / 1e6).toFixed(1)} MB frame`);

  const out = readFileSync(at('pred.csv'), 'utf8').trimEnd().split('\n');
  assert.is(out.length, N + 1);
  assert.is(out[0], 'predict,hi,lo');
  assert.ok(out.slice(1).every((l) => /^(hi|lo),[\d.e-]+,[\d.e-]+$/.test(l)));
});

test.after(() => rmSync(dir, { recursive: true, force: true }));

test.run();
