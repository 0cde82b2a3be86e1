// A scorer loaded from a saved model's bytes predicts what the model predicts, and refuses bytes
// that are not a sound model file, naming what is wrong.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DeepLearningEstimator } from '../../src/dl/estimator';
import { Frame } from '../../src/frame';
import { Scorer } from '../../src/scorer/scorer';
import { isAquiferError } from '../../src/util/errors';
import { carsFrame, irisFrame } from '../helpers/datasets';
import { readContainer } from '../../src/persist/container';
import { toFormat1 } from '../persist/fixtures';

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

test.run();
