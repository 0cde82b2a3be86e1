// model.predictStream: a file scored chunk by chunk gives, byte for byte, the CSV that predict gives
// for the whole file (whatever the chunk size, gz or not, one thread or a worker pool), warns once
// per column about unseen levels, and on a bad value names the line and leaves no output file.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeepLearningEstimator } from '../../src/dl/estimator';
import { Frame, importFile } from '../../src/frame';
import { isAquiferError } from '../../src/util/errors';
import { Random } from '../../src/util/random';

const dir = mkdtempSync(join(tmpdir(), 'aquifer-stream-'));
const at = (name: string) => join(dir, name);
const COLORS = ['red', 'green', 'blue'];

/** Rows of x1 (real, some NA), x2 (int), color (enum), label (3 classes), target (real). */
function rows(n: number, seed: number, color = (i: number, r: Random) => COLORS[r.nextInt(3)]!): Record<string, (number | string)[]> {
  const r = new Random(seed);
  const c: Record<string, (number | string)[]> = { x1: [], x2: [], color: [], label: [], target: [] };
  for (let i = 0; i < n; i++) {
    const x1 = r.nextDouble() * 4 - 2, x2 = r.nextInt(20), col = color(i, r);
    const s = x1 + x2 / 10 + (col === 'red' ? 0.5 : 0);
    c.x1!.push(i % 17 === 5 ? NaN : Math.round(x1 * 1e4) / 1e4);
    c.x2!.push(x2);
    c.color!.push(col);
    c.label!.push(s < 0.3 ? 'low' : s < 1.3 ? 'mid' : 'high');
    c.target!.push(Math.round((2 * x1 - x2 / 5 + r.nextDouble()) * 1e4) / 1e4);
  }
  return c;
}

const frameOf = (c: Record<string, (number | string)[]>) => Frame.fromArrays(c as never, { types: { color: 'enum', label: 'enum' } });

async function train(y: string, nthreads: number): Promise<DeepLearningEstimator> {
  const m = new DeepLearningEstimator({ hidden: [6, 5], epochs: 2, seed: 3, nthreads, reproducible: nthreads === 1, ignored_columns: [y === 'label' ? 'target' : 'label'] });
  await m.train({ y, training_frame: frameOf(rows(300, 1)) });
  return m;
}

const classifier = train('label', 1);
const regressor = train('target', 1);

function writeScoring(name: string, n: number, seed: number, color?: (i: number, r: Random) => string): string {
  writeFileSync(at(name), frameOf(rows(n, seed, color)).toCSV());
  return at(name);
}

async function wholeCSV(m: DeepLearningEstimator, path: string): Promise<string> {
  return (await m.predict(await importFile(path))).toCSV();
}

async function streamedCSV(m: DeepLearningEstimator, path: string, chunk_rows: number, out = at(`pred-${chunk_rows}.csv`)): Promise<string> {
  const summary = await m.predictStream(path, { out, chunk_rows });
  assert.is(summary.path, out);
  return readFileSync(out, 'utf8');
}

test('classification: streamed CSV equals predict on the whole file for chunks of 1, 7 and more than the file', async () => {
  const m = await classifier, path = writeScoring('cls.csv', 300, 2);
  const whole = await wholeCSV(m, path);
  assert.ok(whole.startsWith('predict,high,low,mid\n'));
  for (const c of [1, 7, 1000]) assert.is(await streamedCSV(m, path, c), whole, `chunk_rows ${c}`);
});

test('regression: streamed CSV equals predict on the whole file for chunks of 1, 7 and more than the file', async () => {
  const m = await regressor, path = writeScoring('reg.csv', 300, 3);
  const whole = await wholeCSV(m, path);
  assert.ok(whole.startsWith('predict\n'));
  for (const c of [1, 7, 1000]) assert.is(await streamedCSV(m, path, c), whole, `chunk_rows ${c}`);
});

test('more rows than a scoring block, with a worker pool: still equal to predict', async () => {
  const m = await train('label', 2), path = writeScoring('big.csv', 40_000, 4);
  const whole = await wholeCSV(m, path);
  for (const c of [777, 40_000]) assert.is(await streamedCSV(m, path, c), whole, `chunk_rows ${c}`);
});

test('a gzip file is read as a stream and predicts the same', async () => {
  const m = await classifier, path = writeScoring('gz.csv', 300, 5);
  writeFileSync(at('gz.csv.gz'), gzipSync(readFileSync(path)));
  assert.is(await streamedCSV(m, at('gz.csv.gz'), 64), await wholeCSV(m, path));
});

test('without out: prediction frames of chunk_rows rows in file order, the last one shorter', async () => {
  const m = await classifier, path = writeScoring('frames.csv', 300, 6);
  const whole = await m.predict(await importFile(path));
  const sizes: number[] = [];
  let csv = '';
  for await (const p of m.predictStream(path, { chunk_rows: 128 })) {
    assert.equal(p.names, whole.names);
    csv += p.toCSV({ header: sizes.length === 0 });
    sizes.push(p.nrow);
  }
  assert.equal(sizes, [128, 128, 44]);
  assert.is(csv, whole.toCSV());
});

test('unseen levels: one warning for the column, with the levels of every chunk', async () => {
  const m = await classifier;
  const path = writeScoring('unseen.csv', 300, 7, (i, r) => (i === 120 ? 'purple' : i === 290 ? 'teal' : COLORS[r.nextInt(3)]!));
  const seen: string[] = [];
  const summary = await m.predictStream(path, { out: at('unseen-pred.csv'), chunk_rows: 50, onWarning: (w) => seen.push(w) });
  const unseen = seen.filter((w) => w.includes("'color'"));
  assert.equal(unseen, ["Test/Validation dataset column 'color' has levels not trained on: [purple, teal]"]);
  assert.equal(summary.warnings, seen);
  assert.is(summary.rows, 300);
});

test('a value that is not a number after the sample: an error with the line in the file, and no output file', async () => {
  const m = await regressor;
  const lines = frameOf(rows(2600, 8)).toCSV().split('\n');
  lines[2500] = lines[2500]!.replace(/^[^,]*/, 'oops');                 // line 2501 of the file
  writeFileSync(at('bad.csv'), lines.join('\n'));
  writeFileSync(at('old-pred.csv'), 'old\n');
  for (const out of [at('bad-pred.csv'), at('old-pred.csv')]) {
    try {
      await m.predictStream(at('bad.csv'), { out, chunk_rows: 100 });
      assert.unreachable('expected an error');
    } catch (e) {
      assert.ok(isAquiferError(e), String(e));
      assert.is(e.code, 'PARSE_ERROR');
      assert.match(e.message, /bad\.csv, line 2501, column 1 'x1': "oops" is not a number/);
      assert.match(e.message, /col_types/);
    }
  }
  assert.not.ok(existsSync(at('bad-pred.csv')));
  assert.is(readFileSync(at('old-pred.csv'), 'utf8'), 'old\n');
  assert.equal(readdirSync(dir).filter((f) => f.endsWith('.tmp')), []);
});

test('a header-only file writes the header alone', async () => {
  writeFileSync(at('empty.csv'), 'x1,x2,color\n');
  const m = await classifier;
  const s = await m.predictStream(at('empty.csv'), { out: at('empty-pred.csv') });
  assert.is(s.rows, 0);
  assert.is(readFileSync(at('empty-pred.csv'), 'utf8'), 'predict,high,low,mid\n');
});

test('bad chunk_rows and a missing file are refused by name', async () => {
  const m = await classifier;
  for (const [opts, code, pattern] of [
    [{ chunk_rows: 0 }, 'BAD_PARAMETER', /chunk_rows must be an integer >= 1, got 0/],
    [{ chunk_rows: 1.5 }, 'BAD_PARAMETER', /chunk_rows/],
  ] as const) {
    try { await m.predictStream(at('cls.csv'), { ...opts, out: at('x.csv') }); assert.unreachable(); } catch (e) {
      assert.ok(isAquiferError(e) && e.code === code && pattern.test(e.message), String(e));
    }
  }
  try { for await (const _ of m.predictStream(at('nope.csv'))) { /* nothing */ } assert.unreachable(); } catch (e) {
    assert.ok(isAquiferError(e) && e.code === 'FILE_ERROR' && /nope\.csv/.test(e.message), String(e));
  }
  assert.not.ok(existsSync(at('x.csv')));
});

test.after(() => rmSync(dir, { recursive: true, force: true }));

test.run();
