// Round trips: a saved and loaded model predicts bit for bit as the original, and reports the same
// parameters, history and metrics.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeepLearningModel } from '../../src/dl/model';
import { loadModel } from '../../src/persist/load-model';
import { readContainer } from '../../src/persist/container';
import { SECTIONS } from '../../src/persist/format';
import { VERSION } from '../../src/version';
import { isAquiferError } from '../../src/util/errors';
import { carsFrame, irisFrame } from '../helpers/datasets';
import { binomialModel, carsModel, irisModel, sameFrames, toFormat1, twoClasses, withJSON } from './fixtures';

const dir = mkdtempSync(join(tmpdir(), 'aquifer-persist-'));

function sameBits(a: Float32Array, b: Float32Array): boolean {
  return a.length === b.length && Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}

function sameModel(a: DeepLearningModel, b: DeepLearningModel, valid: boolean) {
  assert.equal(b.params, a.params);
  assert.equal(b.dataInfo.toJSON(), a.dataInfo.toJSON());
  assert.equal(b.layout, a.layout);
  assert.ok(sameBits(a.theta, b.theta), 'theta differs');
  assert.equal(b.scoringHistory(), a.scoringHistory());
  assert.equal(b.modelPerformance(), a.modelPerformance());
  if (valid) assert.equal(b.modelPerformance({ valid: true }), a.modelPerformance({ valid: true }));
  for (const k of ['epochs', 'iterations', 'samples', 'stoppedBy', 'runTimeMs', 'warnings'] as const) assert.equal(b[k], a[k], k);
  for (const f of ['mse', 'rmse', 'r2', 'logloss', 'meanPerClassError', 'classificationError', 'mae', 'meanResidualDeviance'] as const) {
    assert.ok(Object.is(b[f](), a[f]()), f);
  }
  assert.equal(b.confusionMatrix(), a.confusionMatrix());
  assert.equal(b.hitRatios(), a.hitRatios());
}

test('iris (multinomial, validation frame, 64-bit seed): save, load, identical predictions and accessors', async () => {
  const m = await irisModel();
  const path = await m.save(join(dir, 'iris.aqm'));
  const back = await loadModel(path);
  assert.instance(back, DeepLearningModel);
  sameModel(m, back, true);
  assert.is(back.params.seed, -8070450532247928833n);
  assert.ok(sameFrames(await m.predict(irisFrame()), await back.predict(irisFrame())));
  assert.equal(await back.modelPerformance(irisFrame()), await m.modelPerformance(irisFrame()));
});

test('cars (regression, missing values, a categorical, momentum): identical predictions', async () => {
  const m = await carsModel();
  const back = await loadModel(m.toBytes());
  sameModel(m, back, false);
  assert.is(back.layout.spec.optimizer, 'momentum');
  const cars = carsFrame();
  assert.ok(sameFrames(await m.predict(cars), await back.predict(cars)));
});

test('binomial (Maxout, max-F1 threshold labels): identical predictions', async () => {
  const m = await binomialModel();
  const back = await loadModel(m.toBytes());
  sameModel(m, back, false);
  const f = twoClasses(100, 9);
  assert.ok(sameFrames(await m.predict(f), await back.predict(f)));
});

test('the bytes are a function of the model: the same twice, and the same after a load', async () => {
  for (const m of [await irisModel(), await carsModel()]) {
    const bytes = m.toBytes();
    assert.equal(m.toBytes(), bytes);
    assert.equal((await loadModel(bytes)).toBytes(), bytes);
  }
});

test('the file holds the format name, the library version and the sections in order', async () => {
  const m = await irisModel();
  const path = await m.save(join(dir, 'sections.aqm'));
  const bytes = new Uint8Array(readFileSync(path));
  assert.equal(bytes, m.toBytes());
  const { sections } = readContainer(bytes, path);
  assert.equal([...sections.keys()], Object.values(SECTIONS));
  const meta = JSON.parse(new TextDecoder().decode(sections.get('META')));
  assert.equal(meta, { format: 'aquifer.model', library: 'aquifer', library_version: VERSION, algorithm: 'deeplearning' });
  assert.is(sections.get('THTA')!.length, m.layout.paramFloats * 4);
  assert.is(sections.get('OPTS')!.length, (m.layout.totalFloats - m.layout.paramFloats) * 4);
});

test('a format 1.0 file (the whole arena in THTA, one checksum) loads as the same model', async () => {
  for (const m of [await irisModel(), await carsModel()]) {
    const back = await loadModel(toFormat1(m.toBytes()));
    assert.equal(back.theta, m.theta);
    assert.equal(back.toBytes(), m.toBytes());
  }
});

test('loadModel takes an ArrayBuffer or a Blob, and names what it cannot take', async () => {
  const m = await binomialModel();
  const bytes = m.toBytes();
  assert.equal((await loadModel(bytes.slice().buffer)).toBytes(), bytes);
  assert.equal((await loadModel(new Blob([new Uint8Array(bytes)]))).toBytes(), bytes);
  try { await loadModel(42 as never); assert.unreachable(); } catch (e) {
    assert.ok(isAquiferError(e) && e.code === 'BAD_PARAMETER' && /path, a Uint8Array/.test(e.message), String(e));
  }
});

test('a file from an older 1.x without a parameter loads it at its default; unknown keys are ignored', async () => {
  const m = await irisModel();
  const bytes = withJSON(m.toBytes(), 'PARM', (j) => {
    const p = j.params as Record<string, unknown>;
    delete p.gainslift_bins;
    p.some_future_parameter = 3;
  });
  const back = await loadModel(bytes);
  assert.is(back.params.gainslift_bins, -1);
  assert.not.ok('some_future_parameter' in back.params);
  assert.ok(sameFrames(await m.predict(irisFrame()), await back.predict(irisFrame())));
});

test('a model trained with more threads than this machine has loads with at most its cores', async () => {
  const m = await irisModel();
  const back = await loadModel(withJSON(m.toBytes(), 'PARM', (j) => { (j.params as Record<string, unknown>).nthreads = 64; }));
  assert.is(back.params.nthreads, 64);
  assert.ok(back.execution.threads <= availableParallelism(), String(back.execution.threads));
});

test('a loaded model saves again to the same bytes', async () => {
  const m = await carsModel();
  const back = await loadModel(await m.save(join(dir, 'cars.aqm')));
  const again = await back.save(join(dir, 'cars2.aqm'));
  assert.equal(new Uint8Array(readFileSync(again)), m.toBytes());
});

test.after(() => rmSync(dir, { recursive: true, force: true }));

test.run();
