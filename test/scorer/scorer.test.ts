// The standalone scorer predicts what model.predict predicts: bit for bit with the same kernel
// build on one thread (both run the Stepper's scoring pass, scoreLoaded), within 1e-5 in the
// plain-TypeScript fallback.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { DeepLearningEstimator } from '../../src/dl/estimator';
import type { DeepLearningModel } from '../../src/dl/model';
import { Frame } from '../../src/frame';
import { Scorer, type PredictionRow } from '../../src/scorer/scorer';
import { Random } from '../../src/util/random';
import { isAquiferError } from '../../src/util/errors';
import { carsFrame, irisFrame } from '../helpers/datasets';

type Row = Record<string, unknown>;

async function trained(params: Record<string, unknown>, y: string, frame: Frame): Promise<DeepLearningModel> {
  const m = new DeepLearningEstimator({ seed: 3, kernel: 'simd-st', ...params });
  await m.train({ y, training_frame: frame });
  assert.equal(m.execution, { build: 'simd-st', threads: 1 });
  return m;
}

/** model.predict's frame as rows, in the scorer's shape. */
async function predictRows(m: DeepLearningModel, rows: Row[]): Promise<PredictionRow[]> {
  const names = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const p = await m.predict(Frame.fromObjects(rows, { columns: names }));
  return Array.from({ length: p.nrow }, (_, i) => Object.fromEntries(p.names.map((n) => [n, n === 'predict' && p.col(n).type === 'enum' ? p.col(n).str(i)! : p.col(n).at(i)])));
}

function maxDiff(a: PredictionRow[], b: PredictionRow[]): number {
  assert.is(a.length, b.length);
  let d = 0;
  a.forEach((r, i) => { for (const k of Object.keys(r)) if (typeof r[k] === 'number') d = Math.max(d, Math.abs((r[k] as number) - (b[i]![k] as number))); });
  return d;
}

const objects = (f: Frame): Row[] => (f.toArquero() as unknown as { objects(): Row[] }).objects();

function twoClasses(n: number, seed: number): Frame {
  const r = new Random(seed);
  const a: (number | null)[] = [], b: number[] = [], g: (string | null)[] = [], y: string[] = [];
  for (let i = 0; i < n; i++) {
    const u = r.nextGaussian(), v = r.nextGaussian(), k = Math.floor(r.nextDouble() * 3);
    a.push(i % 17 === 0 ? null : u); b.push(v); g.push(i % 23 === 0 ? null : ['lo', 'mid', 'hi'][k]!);
    y.push(u + 0.5 * v + 0.4 * k + 0.3 * r.nextGaussian() > 0.4 ? '1' : '0');
  }
  return Frame.fromArrays({ a, b, g, y }, { types: { y: 'enum', g: 'enum' } });
}

test('binomial: the scorer equals predict bit for bit (NAs, a categorical, integer levels named p0, p1)', async () => {
  const m = await trained({ hidden: [8, 8], epochs: 5 }, 'y', twoClasses(400, 1));
  const rows = objects(twoClasses(300, 2));
  const scorer = await Scorer.load(m, { kernel: 'simd-st' });
  assert.is(scorer.kernel, 'simd-st');
  assert.equal(scorer.names, ['predict', 'p0', 'p1']);
  const got = scorer.predict(rows), want = await predictRows(m, rows);
  assert.equal(got, want);
  assert.ok(got.some((r) => r.predict === '1') && got.some((r) => r.predict === '0'));
});

test('multinomial with dropout: bit for bit, from rows and from columns', async () => {
  const iris = irisFrame();
  const m = await trained({ hidden: [16, 16], epochs: 20, activation: 'RectifierWithDropout' }, 'species', iris);
  const rows = objects(iris);
  const scorer = await Scorer.load(m, { kernel: 'simd-st' });
  const want = await predictRows(m, rows);
  assert.equal(scorer.predict(rows), want);
  const cols = Object.fromEntries(scorer.columns.map((c) => [c, rows.map((r) => r[c])]));
  assert.equal(scorer.predict(cols), want);
  const pc = scorer.predictColumns(cols);
  assert.equal(Object.keys(pc), ['predict', 'setosa', 'versicolor', 'virginica']);
  assert.equal(pc.predict, want.map((r) => r.predict));
  assert.equal(Array.from(pc.versicolor as Float64Array), want.map((r) => r.versicolor));
});

test('regression (gaussian and poisson): bit for bit in the response\'s units', async () => {
  const cars = carsFrame();
  for (const distribution of ['gaussian', 'poisson']) {
    const m = await trained({ hidden: [10], epochs: 10, distribution }, 'Miles_per_Gallon', cars);
    const rows = objects(cars.head(120));
    const scorer = await Scorer.load(m, { kernel: 'simd-st' });
    assert.equal(scorer.names, ['predict']);
    const got = scorer.predict(rows);
    assert.equal(got, await predictRows(m, rows));
    assert.ok(got.every((r) => typeof r.predict === 'number' && r.predict > 0), distribution);
  }
});

test('one row at a time equals predict of a one-row frame (both take the per-row kernels)', async () => {
  const iris = irisFrame();
  const m = await trained({ hidden: [12], epochs: 10 }, 'species', iris);
  const scorer = await Scorer.load(m, { kernel: 'simd-st' });
  for (const row of objects(iris).slice(0, 5)) assert.equal(scorer.predict([row]), await predictRows(m, [row]));
});

test('more rows than one packed chunk: still bit for bit', async () => {
  const m = await trained({ hidden: [4], epochs: 1 }, 'y', twoClasses(200, 3));
  const rows = objects(twoClasses(17000, 4));
  const scorer = await Scorer.load(m, { kernel: 'simd-st' });
  assert.equal(scorer.predict(rows), await predictRows(m, rows));
});

test('typed rows and typed columns (packed in bulk) equal predict bit for bit, sparse or not', async () => {
  const r = new Random(11), n = 300;
  // float32-exact values, so that Float32Array rows hold what the frame holds; NAs imputed.
  const col = (k: number) => Array.from({ length: n }, (_, i) => ((i + k) % 29 === 0 ? null : Math.fround(r.nextGaussian() * (k + 1) + k)));
  const a = col(0), b = col(1), c = col(2);
  const y = a.map((v, i) => ((v ?? 0) + 0.5 * (b[i] ?? 0) > 0.3 ? 'yes' : 'no'));
  const frame = Frame.fromArrays({ a, b, c, y }, { types: { y: 'enum' } });
  for (const sparse of [false, true]) {
    const m = await trained({ hidden: [6, 5], epochs: 2, sparse }, 'y', frame);
    const scorer = await Scorer.load(m, { kernel: 'simd-st' });
    const values = scorer.columns.map((k) => ({ a, b, c } as Record<string, (number | null)[]>)[k]!.map((v) => v ?? NaN));
    const want = await predictRows(m, Array.from({ length: n }, (_, i) => ({ a: a[i], b: b[i], c: c[i] })));
    for (const T of ['Float32Array', 'Float64Array']) {
      const typed = (v: number[]) => (T === 'Float32Array' ? Float32Array.from(v) : Float64Array.from(v));
      const rows = Array.from({ length: n }, (_, i) => typed(values.map((v) => v[i]!)));
      assert.equal(scorer.predict(rows), want, `${T} rows, sparse ${sparse}`);
      const cols = Object.fromEntries(scorer.columns.map((k, j) => [k, typed(values[j]!)]));
      assert.equal(scorer.predict(cols), want, `${T} columns, sparse ${sparse}`);
    }
  }
});

test('the plain-TypeScript fallback (float64 reference pass) is within 1e-5 of the kernels', async () => {
  const iris = irisFrame();
  const m = await trained({ hidden: [16, 16], epochs: 20, activation: 'TanhWithDropout' }, 'species', iris);
  const rows = objects(iris);
  const ts = await Scorer.load(m, { kernel: 'ts' }), wasm = await Scorer.load(m, { kernel: 'simd-st' });
  assert.is(ts.kernel, 'ts');
  const a = ts.predict(rows), b = wasm.predict(rows);
  assert.ok(maxDiff(a, b) < 1e-5, `max difference ${maxDiff(a, b)}`);
  const cars = carsFrame();
  const r = await trained({ hidden: [10], epochs: 5 }, 'Miles_per_Gallon', cars);
  const cr = objects(cars.head(50));
  const d = maxDiff((await Scorer.load(r, { kernel: 'ts' })).predict(cr), (await Scorer.load(r, { kernel: 'simd-st' })).predict(cr));
  assert.ok(d < 1e-5 * 50, `regression max difference ${d} mpg`);
});

test('without WebAssembly the scorer falls back to TypeScript by itself and says why', async () => {
  const iris = irisFrame();
  const m = await trained({ hidden: [8], epochs: 5 }, 'species', iris);
  const rows = objects(iris).slice(0, 20);
  const want = (await Scorer.load(m, { kernel: 'simd-st' })).predict(rows);
  const g = globalThis as { WebAssembly?: unknown };
  const wasm = g.WebAssembly;
  delete g.WebAssembly;
  try {
    const scorer = await Scorer.load(m);
    assert.is(scorer.kernel, 'ts');
    assert.match(scorer.kernelReason, /no WebAssembly/);
    assert.ok(maxDiff(scorer.predict(rows), want) < 1e-5);
  } finally {
    g.WebAssembly = wasm;
  }
});

test('a pre-compiled module is used as given; a scalar-st module is recognised as scalar-st', async () => {
  const iris = irisFrame();
  const m = await trained({ hidden: [8], epochs: 5 }, 'species', iris);
  const rows = objects(iris);
  const compile = (b: string) => WebAssembly.compile(readFileSync(new URL(`../../dist/kernels/${b}.wasm`, import.meta.url)));
  const simd = await Scorer.load(m, { module: await compile('simd-st') });
  assert.is(simd.kernel, 'simd-st');
  assert.match(simd.kernelReason, /module passed in/);
  assert.equal(simd.predict(rows), await predictRows(m, rows));
  const scalar = await Scorer.load(m, { module: await compile('scalar-st') });
  assert.is(scalar.kernel, 'scalar-st');
  assert.ok(maxDiff(scalar.predict(rows), simd.predict(rows)) < 1e-5);
});

test('a multi-threaded module or a bad option is refused with a clear error', async () => {
  const m = await trained({ hidden: [4], epochs: 1 }, 'species', irisFrame());
  const mt = await WebAssembly.compile(readFileSync(new URL('../../dist/kernels/simd-mt.wasm', import.meta.url)));
  const refuses = async (p: Promise<unknown>, code: string, pattern: RegExp) => {
    try { await p; assert.unreachable('expected an error'); } catch (e) {
      assert.ok(isAquiferError(e), String(e)); assert.is(e.code, code); assert.match(e.message, pattern);
    }
  };
  await refuses(Scorer.load(m, { module: mt }), 'WASM_ERROR', /simd-st\.wasm or scalar-st\.wasm/);
  await refuses(Scorer.load(m, { module: new Uint8Array(4) as never }), 'BAD_PARAMETER', /WebAssembly\.Module/);
  await refuses(Scorer.load(m, { kernel: 'relaxed-mt' as never }), 'BAD_PARAMETER', /kernel must be/);
  await refuses(Scorer.load({ not: 'a model' } as never), 'BAD_PARAMETER', /trained model, the bytes of a saved model .* or a Blob/);
});

test('a missing column and an unseen level warn, naming the column, and score as predict does', async () => {
  const m = await trained({ hidden: [8], epochs: 3 }, 'y', twoClasses(300, 5));
  const heard: string[] = [];
  const scorer = await Scorer.load(m, { kernel: 'simd-st', onWarning: (w) => heard.push(w) });
  const rows: Row[] = [{ a: 0.5, g: 'lo' }, { a: -1, g: 'enormous' }, { a: null, g: null }];
  const got = scorer.predict(rows);
  assert.equal(scorer.warnings, [
    "Test/Validation dataset is missing column 'b': substituting in a column of NA",
    "Test/Validation dataset column 'g' has levels not trained on: [enormous]",
  ]);
  assert.equal(heard, scorer.warnings);
  assert.equal(got, await predictRows(m, rows));
  scorer.predict([{ a: 1, b: 2, g: 'hi' }]);
  assert.equal(scorer.warnings, []);
});

test('bad input is refused, naming what is wrong', async () => {
  const scorer = await Scorer.load(await trained({ hidden: [4], epochs: 1 }, 'species', irisFrame()), { kernel: 'simd-st' });
  const refuses = (f: () => unknown, pattern: RegExp) => {
    try { f(); assert.unreachable('expected an error'); } catch (e) { assert.ok(isAquiferError(e), String(e)); assert.match(e.message, pattern); }
  };
  refuses(() => scorer.predict([{ sepal_len: 1 }, null as never]), /row 1 is null/);
  refuses(() => scorer.predict('rows' as never), /predict\(\) takes rows/);
  refuses(() => scorer.predict([[1, 2, 3, 4], { sepal_len: 1 }] as never), /row 1 is an object; give every row/);
  refuses(() => scorer.predict([[1, 2, 3]]), /row 0 has 3 values, but an array row holds one value per column of scorer.columns \(4\)/);
  refuses(() => scorer.predict({ sepal_len: [1, 2], petal_len: [1] }), /'sepal_len' has 2 values but 'petal_len' has 1/);
  refuses(() => scorer.predict([{ sepal_len: 'wide' }]), /column 'sepal_len' is numeric/);
  assert.equal(scorer.predict([]), []);
});

test.run();
