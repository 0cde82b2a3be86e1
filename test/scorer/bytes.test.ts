// A scorer loaded from a saved model's bytes, or from a Blob of them, predicts what the model
// predicts, and refuses bytes that are not a sound model file, naming what is wrong.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DeepLearningEstimator } from '../../src/dl/estimator';
import { Frame } from '../../src/frame';
import { Scorer } from '../../src/scorer/scorer';
import { isAquiferError } from '../../src/util/errors';
import { carsFrame, irisFrame } from '../helpers/datasets';
import { readContainer } from '../../src/persist/container';
import { toFormat1 } from '../persist/fixtures';
import { mkdtempSync, openAsBlob, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const objects = (f: Frame) => (f.toArquero() as unknown as { objects(): Record<string, unknown>[] }).objects();

async function refuses(p: Promise<unknown>, pattern: RegExp): Promise<void> {
  try { await p; assert.unreachable('expected an error'); } catch (e) {
    assert.ok(isAquiferError(e), String(e));
    assert.is(e.code, 'BAD_MODEL_FILE', e.message);
    assert.match(e.message, pattern);
  }
}

test('bytes of a classifier and a regression model score bit for bit as the model itself', async () => {
  const cases: [Record<string, unknown>, string, Frame][] = [
    [{ hidden: [12, 12], epochs: 10, activation: 'RectifierWithDropout' }, 'species', irisFrame()],
    [{ hidden: [10], epochs: 5, distribution: 'poisson' }, 'Miles_per_Gallon', carsFrame()],
  ];
  for (const [params, y, frame] of cases) {
    const m = new DeepLearningEstimator({ seed: 2, kernel: 'simd-st', ...params });
    await m.train({ y, training_frame: frame });
    const rows = objects(frame.head(100));
    const fromModel = await Scorer.load(m, { kernel: 'simd-st' });
    const bytes = m.toBytes();
    const fromBytes = await Scorer.load(bytes, { kernel: 'simd-st' });
    assert.equal(fromBytes.names, fromModel.names);
    assert.equal(fromBytes.predict(rows), fromModel.predict(rows));
    const copy = bytes.slice().buffer;
    assert.equal((await Scorer.load(copy, { kernel: 'simd-st' })).predict(rows.slice(0, 3)), fromModel.predict(rows.slice(0, 3)));
  }
});

test('a binomial model keeps its labelling threshold through its bytes', async () => {
  const f = Frame.fromArrays({ x: Array.from({ length: 200 }, (_, i) => (i % 50) / 10), y: Array.from({ length: 200 }, (_, i) => ((i * 7) % 10 < 3 ? 'a' : 'b')) }, { types: { y: 'enum' } });
  const m = new DeepLearningEstimator({ seed: 1, kernel: 'simd-st', hidden: [4], epochs: 3 });
  await m.train({ y: 'y', training_frame: f });
  const rows = objects(f);
  assert.equal((await Scorer.load(m.toBytes())).predict(rows), (await Scorer.load(m)).predict(rows));
});

test('truncated, corrupted or foreign bytes are refused, naming the problem', async () => {
  const m = new DeepLearningEstimator({ seed: 1, hidden: [4], epochs: 1 });
  await m.train({ y: 'species', training_frame: irisFrame() });
  const bytes = m.toBytes();
  await refuses(Scorer.load(bytes.subarray(0, bytes.length - 9)), /truncated/);
  const flipped = bytes.slice(); flipped[100] ^= 0xff;
  await refuses(Scorer.load(flipped), /checksum/);
  await refuses(Scorer.load(new TextEncoder().encode('sepal_len,species\n5.1,setosa\n')), /magic/);
  await refuses(Scorer.load(new Uint8Array(0)), /empty/);
});

test('the scorer skips the optimizer state: damage there goes unseen, damage anywhere else is refused', async () => {
  const m = new DeepLearningEstimator({ seed: 1, kernel: 'simd-st', hidden: [4], epochs: 1 });
  await m.train({ y: 'species', training_frame: irisFrame() });
  const bytes = m.toBytes(), rows = objects(irisFrame()).slice(0, 20);
  const want = (await Scorer.load(m)).predict(rows);
  const { sections } = readContainer(bytes, 'x');
  const opts = sections.get('OPTS')!, theta = sections.get('THTA')!;
  assert.ok(opts.length > 0);
  const damaged = bytes.slice(); damaged[opts.byteOffset + 5] ^= 0xff;
  assert.equal((await Scorer.load(damaged)).predict(rows), want);
  const weights = bytes.slice(); weights[theta.byteOffset + 5] ^= 0xff;
  await refuses(Scorer.load(weights), /checksum mismatch in section THTA/);
  await refuses(Scorer.load(bytes.subarray(0, opts.byteOffset + 8)), /truncated/);
  assert.equal((await Scorer.load(toFormat1(bytes))).predict(rows), want, 'a format 1 file');
});

test('bytes changed after the load do not change the predictions (the scorer keeps its own weights)', async () => {
  const m = new DeepLearningEstimator({ seed: 3, kernel: 'simd-st', hidden: [5], epochs: 2 });
  await m.train({ y: 'species', training_frame: irisFrame() });
  const rows = objects(irisFrame()).slice(0, 30);
  for (const kernel of ['simd-st', 'ts'] as const) {
    const bytes = m.toBytes();
    const scorer = await Scorer.load(bytes, { kernel });
    const want = scorer.predict(rows);
    bytes.fill(0);
    assert.equal(scorer.predict(rows), want, kernel);
  }
});

/** The error a load gives, as 'CODE: message' (or 'no error'). */
async function outcome(p: Promise<unknown>): Promise<string> {
  try { await p; return 'no error'; } catch (e) {
    assert.ok(isAquiferError(e), String(e));
    return `${e.code}: ${e.message}`;
  }
}

test('a Blob of the bytes, a named File and a file opened with fs.openAsBlob score bit for bit as the bytes do', async () => {
  const cases: [Record<string, unknown>, string, Frame][] = [
    [{ hidden: [12, 12], epochs: 10, activation: 'RectifierWithDropout' }, 'species', irisFrame()],
    [{ hidden: [10], epochs: 5, distribution: 'poisson' }, 'Miles_per_Gallon', carsFrame()],
  ];
  const dir = mkdtempSync(join(tmpdir(), 'aquifer-blob-'));
  try {
    for (const [params, y, frame] of cases) {
      const m = new DeepLearningEstimator({ seed: 2, kernel: 'simd-st', ...params });
      await m.train({ y, training_frame: frame });
      const rows = objects(frame.head(100)), bytes = m.toBytes();
      const want = (await Scorer.load(bytes, { kernel: 'simd-st' })).predict(rows);
      const path = join(dir, 'model.aqm');
      writeFileSync(path, bytes);
      for (const blob of [new Blob([bytes as BlobPart]), new File([bytes as BlobPart], 'model.aqm'), await openAsBlob(path)]) {
        const scorer = await Scorer.load(blob, { kernel: 'simd-st' });
        assert.equal(scorer.predict(rows), want);
      }
      assert.equal((await Scorer.load(new Blob([bytes as BlobPart]), { kernel: 'ts' })).predict(rows.slice(0, 3)), (await Scorer.load(bytes, { kernel: 'ts' })).predict(rows.slice(0, 3)));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a Blob cut at every section boundary, or with a flipped byte in THTA, is refused as its bytes are', async () => {
  const m = new DeepLearningEstimator({ seed: 1, kernel: 'simd-st', hidden: [4], epochs: 1 });
  await m.train({ y: 'species', training_frame: irisFrame() });
  const bytes = m.toBytes();
  const { sections } = readContainer(bytes, 'x');
  const cuts = new Set([1, 8, 12, 24]);
  for (const p of sections.values()) for (const at of [p.byteOffset, p.byteOffset + p.length]) if (at < bytes.length) cuts.add(at);
  for (const n of cuts) {
    const cut = bytes.subarray(0, n);
    const fromBlob = await outcome(Scorer.load(new File([cut as BlobPart], 'cut.aqm')));
    assert.match(fromBlob, /^BAD_MODEL_FILE: 'cut\.aqm' is not a valid aquifer model file: it is truncated: \d+ bytes, but/, `cut at ${n}`);
    assert.is(fromBlob.replace("'cut.aqm'", 'the model bytes'), await outcome(Scorer.load(cut)), `cut at ${n}`);
  }
  const theta = sections.get('THTA')!;
  for (const i of [theta.byteOffset, theta.byteOffset + 5, theta.byteOffset + theta.length - 1]) {
    const b = bytes.slice(); b[i] ^= 0x01;
    const fromBlob = await outcome(Scorer.load(new Blob([b as BlobPart])));
    assert.match(fromBlob, /^BAD_MODEL_FILE: the model blob is not a valid aquifer model file: checksum mismatch in section THTA \(stored 0x[0-9a-f]{8}, computed 0x[0-9a-f]{8}\): the file is corrupted$/);
    assert.is(fromBlob.replace('the model blob', 'the model bytes'), await outcome(Scorer.load(b)));
  }
});

test('from a Blob, damage inside the optimizer state goes unseen, as from bytes', async () => {
  const m = new DeepLearningEstimator({ seed: 1, kernel: 'simd-st', hidden: [4], epochs: 1 });
  await m.train({ y: 'species', training_frame: irisFrame() });
  const bytes = m.toBytes(), rows = objects(irisFrame()).slice(0, 20);
  const want = (await Scorer.load(m)).predict(rows);
  const opts = readContainer(bytes, 'x').sections.get('OPTS')!;
  for (const i of [opts.byteOffset, opts.byteOffset + 5, bytes.length - 1]) {
    const damaged = bytes.slice(); damaged[i] ^= 0xff;
    assert.equal((await Scorer.load(new Blob([damaged as BlobPart]))).predict(rows), want);
    assert.equal((await Scorer.load(damaged)).predict(rows), want);
  }
});

test.run();
