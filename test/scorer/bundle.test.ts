// The scorer's bundle budget (issue 5): gzip(JS + simd-st.wasm) under 60 KB, and nothing in it that
// an edge worker cannot load (Node modules, packages, workers, the trainer, frame parsing).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { SCORER_BUDGET_BYTES, scorerBundle, type ScorerBundle } from '../../bench/scorer-bundle';
import { DeepLearningEstimator } from '../../src/dl/estimator';
import { Scorer } from '../../src/scorer/scorer';
import { irisFrame } from '../helpers/datasets';

// Built once; a build error fails every test with esbuild's message (a before hook would hide it).
let built: Promise<ScorerBundle> | undefined;
const get = () => (built ??= scorerBundle());

test('gzip(scorer JS + simd-st.wasm) is under 60 KB', async () => {
  const bundle = await get();
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  console.log(`    scorer bundle: JS ${kb(bundle.jsBytes)} (${kb(bundle.jsGzip)} gzip) + simd-st.wasm ${kb(bundle.wasmGzip)} gzip = ${kb(bundle.gzipBytes)} of ${kb(SCORER_BUDGET_BYTES)}`);
  assert.ok(bundle.gzipBytes < SCORER_BUDGET_BYTES, `${bundle.gzipBytes} bytes`);
});

test('the bundle imports nothing: no node:* module and no package, not even lazily', async () => {
  const bundle = await get();
  assert.equal(bundle.imports, []);
});

test('no worker, trainer, arquero, ws or frame-parsing code is bundled', async () => {
  const bundle = await get();
  const banned = /node_modules|src\/parallel\/|src\/dl\/(trainer|job|estimator|model|setup|worker-task|params)\.ts|src\/frame\/(frame|import|csv|source|zip|mnist)/;
  const found = Object.keys(bundle.inputs).filter((p) => banned.test(p));
  assert.equal(found, []);
});

test('the published bundle (dist/scorer.js, minified) loads a model from a Blob and predicts as the source does', async () => {
  const published = await import(new URL('../../dist/scorer.js', import.meta.url).href) as typeof import('../../src/scorer');
  const m = new DeepLearningEstimator({ seed: 4, hidden: [6], epochs: 2, kernel: 'simd-st' });
  await m.train({ y: 'species', training_frame: irisFrame() });
  const rows = [{ sepal_len: 5.1, sepal_wid: 3.5, petal_len: 1.4, petal_wid: 0.2 }, { sepal_len: 6.7, sepal_wid: 3.1, petal_len: 4.7, petal_wid: 1.5 }];
  const fromBundle = await published.Scorer.load(new Blob([m.toBytes() as BlobPart]), { kernel: 'simd-st' });
  assert.equal(fromBundle.predict(rows), (await Scorer.load(m.toBytes(), { kernel: 'simd-st' })).predict(rows));
});

test.run();
