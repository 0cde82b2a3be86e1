// Exported graphs scored by ONNX Runtime agree with model.predict to 1e-5 (probabilities absolutely,
// regression relative to max(1, |y|)), labels included, on real data with NAs and unseen levels;
// model.exportOnnx writes a file ONNX Runtime loads, atomically.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as ort from 'onnxruntime-node';
import * as ortWeb from 'onnxruntime-web';
import { createRequire } from 'node:module';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DeepLearningEstimator } from '../../src/dl/estimator';
import { Frame } from '../../src/frame';
import { Random } from '../../src/util/random';
import { isAquiferError } from '../../src/util/errors';
import { irisFrame } from '../helpers/datasets';
import { agreement, runOnnx, type Agreement } from './helpers';

const TOL = 1e-5;

function agrees(a: Agreement, what: string): void {
  assert.ok(a.maxDiff <= TOL, `${what}: max difference ${a.maxDiff.toExponential(2)} over ${a.rows} rows`);
  assert.is(a.labelMismatches, 0, `${what}: labels differ`);
}

async function trained(params: Record<string, unknown>, y: string, frame: Frame) {
  const m = new DeepLearningEstimator({ seed: 3, nthreads: 1, epochs: 5, ...params });
  await m.train({ y, training_frame: frame });
  return m;
}

/** vega-datasets cars with its NAs; `extra` rows add an unseen origin, a missing origin, missing numerics. */
function cars(extra = false): Frame {
  const require = createRequire(import.meta.url);
  const rows = (JSON.parse(readFileSync(join(dirname(require.resolve('vega-datasets')), '..', 'data', 'cars.json'), 'utf8')) as Record<string, unknown>[])
    .map(({ Name: _n, Year: _y, ...r }) => r);
  if (extra) {
    rows.push({ ...rows[0], Origin: 'Mars' }, { ...rows[1], Origin: null }, { ...rows[2], Horsepower: null, Displacement: null });
  }
  return Frame.fromObjects(rows, { types: { Origin: 'enum' } });
}

/** Two gaussian numerics (one with NAs), a 12-level categorical with NAs, a 3-level one; y binary. */
function synthetic(n: number, seed: number, unseen = false): Frame {
  const r = new Random(seed);
  const u: number[] = [], v: number[] = [], city: (string | null)[] = [], color: string[] = [], y: string[] = [];
  for (let i = 0; i < n; i++) {
    const a = r.nextGaussian(), b = r.nextGaussian(), c = Math.floor(r.nextDouble() * 12);
    u.push(r.nextDouble() < 0.1 ? NaN : a); v.push(b * 10 + 50);
    city.push(r.nextDouble() < 0.08 ? null : unseen && i % 7 === 0 ? 'Atlantis' : `city${c}`);
    color.push(['red', 'green', 'blue'][i % 3]!);
    y.push(a + 0.1 * b + (c % 3) - 1 + 0.3 * r.nextGaussian() > 0 ? 'yes' : 'no');
  }
  return Frame.fromArrays({ u, v, city, color, y }, { types: { city: 'enum', color: 'enum', y: 'enum' } });
}

test('iris (multinomial): probabilities and argmax labels match predict', async () => {
  const m = await trained({ activation: 'Tanh', hidden: [10], epochs: 20 }, 'species', irisFrame());
  agrees(await agreement(m, irisFrame()), 'iris');
});

test('binomial: labels follow the max-F1 threshold exactly as predict applies it', async () => {
  const m = await trained({ hidden: [8] }, 'y', synthetic(400, 1));
  assert.ok(m.defaultThreshold !== 0.5, 'the model has a max-F1 threshold');
  agrees(await agreement(m, synthetic(300, 2, true)), 'binomial');
});

test('cars (gaussian): NAs imputed, the categorical one-hot with unseen and missing levels, the response un-standardized', async () => {
  const m = await trained({ hidden: [20, 20], epochs: 20 }, 'Miles_per_Gallon', cars());
  agrees(await agreement(m, cars(true)), 'cars');
});

test('poisson with an offset column: the offset is added before the exponential link', async () => {
  const r = new Random(5);
  const x: number[] = [], g: string[] = [], off: number[] = [], y: number[] = [];
  for (let i = 0; i < 500; i++) {
    const a = r.nextGaussian(), e = 0.5 + 2 * r.nextDouble(), lambda = e * Math.exp(0.5 * a + (i % 2 ? 0.4 : 0));
    let k = 0;
    for (let p = Math.exp(-lambda), s = p, t = r.nextDouble(); t > s; k++) { p *= lambda / (k + 1); s += p; }
    x.push(a); g.push(i % 2 ? 'b' : 'a'); off.push(Math.log(e)); y.push(k);
  }
  const frame = Frame.fromArrays({ x, g, off, y }, { types: { g: 'enum' } });
  const m = await trained({ hidden: [6], distribution: 'poisson', offset_column: 'off', epochs: 10 }, 'y', frame);
  const out = await runOnnx(m, frame);
  assert.equal(out.predict!.dims, [500, 1]);
  agrees(await agreement(m, frame), 'poisson');
});

test('gaussian with an offset column: the offset is standardized like the response before it is added', async () => {
  const r = new Random(6);
  const x: number[] = [], off: number[] = [], y: number[] = [];
  for (let i = 0; i < 300; i++) { const a = r.nextGaussian(), o = 30 * r.nextDouble(); x.push(a); off.push(o); y.push(50 + 2 * a + o); }
  const frame = Frame.fromArrays({ x, off, y });
  const m = await trained({ hidden: [6], distribution: 'gaussian', offset_column: 'off', epochs: 10 }, 'y', frame);
  agrees(await agreement(m, frame), 'gaussian offset');
});

for (const activation of ['TanhWithDropout', 'RectifierWithDropout', 'ExpRectifierWithDropout', 'MaxoutWithDropout']) {
  test(`${activation}: the activation and the (1 − p) scoring compensation match predict`, async () => {
    const m = await trained({ activation, hidden: [12, 7], hidden_dropout_ratios: [0.3, 0.1], epochs: 10 }, 'Miles_per_Gallon', cars());
    agrees(await agreement(m, cars(true)), activation);
  });
}

test('balance_classes: the probabilities are corrected to the original class priors in the graph as in predict', async () => {
  const m = await trained({ hidden: [8], balance_classes: true, class_sampling_factors: [1, 1.5, 3] }, 'species', irisFrame().rows(Array.from({ length: 85 }, (_, i) => (i < 75 ? i : 25 + i))));  // 50/25/10 rows
  agrees(await agreement(m, irisFrame()), 'balanced iris');
});

test('Maxout multinomial: the larger channel of each pair, then softmax', async () => {
  const m = await trained({ activation: 'Maxout', hidden: [6, 5], epochs: 20 }, 'species', irisFrame());
  agrees(await agreement(m, irisFrame()), 'Maxout iris');
});

const ENCODINGS: [string, Record<string, unknown>][] = [
  ['use_all_factor_levels false: the first level lights no unit', { use_all_factor_levels: false }],
  ['categorical_encoding binary: the level bits are computed in the graph', { categorical_encoding: 'binary' }],
  ['categorical_encoding eigen: each level\'s value, NA imputed', { categorical_encoding: 'eigen' }],
  ['categorical_encoding label_encoder: the level index as a number, NA imputed', { categorical_encoding: 'label_encoder' }],
  ['categorical_encoding sort_by_response: levels in the reordered domain', { categorical_encoding: 'sort_by_response' }],
  ['categorical_encoding enum_limited: levels beyond the limit go to other', { categorical_encoding: 'enum_limited' }],
  ['max_categorical_features: hashed units, collisions add up', { max_categorical_features: 5 }],
  ['standardize false: raw numerics, NA imputed', { standardize: false }],
  ['sparse: numerics scaled without centering', { sparse: true }],
];
for (const [name, params] of ENCODINGS) {
  test(name, async () => {
    const m = await trained({ hidden: [8], ...params }, 'y', synthetic(400, 3));
    agrees(await agreement(m, synthetic(200, 4, true)), name);
  });
}

test('onnxruntime-web (its Wasm build) scores the same graph to the same tolerance', async () => {
  ortWeb.env.wasm.numThreads = 1;
  const m = await trained({ hidden: [20, 20], epochs: 10 }, 'Miles_per_Gallon', cars());
  agrees(await agreement(m, cars(true), ortWeb as unknown as typeof ort), 'onnxruntime-web');
});

test('inputs and outputs are named and typed as the README says', async () => {
  const m = await trained({ hidden: [4] }, 'Miles_per_Gallon', cars());
  const s = await ort.InferenceSession.create(m.toOnnx());
  assert.equal(s.inputNames, ['numeric', 'categorical']);
  assert.equal(s.outputNames, ['predict']);
  const meta = s.inputMetadata as unknown as { name: string; type: string; shape: (number | string)[] }[];
  assert.equal(meta.map((i) => [i.name, i.type, i.shape]), [['numeric', 'float32', ['N', 5]], ['categorical', 'int64', ['N', 1]]]);
  await s.release();
  const c = await trained({ hidden: [4] }, 'species', irisFrame());
  const sc = await ort.InferenceSession.create(c.toOnnx());
  assert.equal(sc.inputNames, ['numeric']);
  assert.equal(sc.outputNames, ['label', 'probabilities']);
  await sc.release();
});

const irisModel = async () => {
  const m = new DeepLearningEstimator({ hidden: [5], epochs: 2, seed: 1, nthreads: 1 });
  await m.train({ y: 'species', training_frame: irisFrame() });
  return m;
};

test('exportOnnx writes toOnnx\'s bytes, leaves no temporary file, and the file loads', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'aquifer-onnx-'));
  try {
    const m = await irisModel();
    const path = join(dir, 'iris.onnx');
    await m.exportOnnx(path);
    await m.exportOnnx(path); // over an existing file
    assert.equal(readdirSync(dir), ['iris.onnx']);
    assert.equal(new Uint8Array(readFileSync(path)), m.toOnnx());
    const s = await ort.InferenceSession.create(path);
    assert.equal(s.outputNames, ['label', 'probabilities']);
    await s.release();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('exportOnnx into a missing directory fails with FILE_ERROR naming the path', async () => {
  const m = await irisModel();
  const path = join(tmpdir(), 'no-such-dir-aquifer', 'm.onnx');
  try { await m.exportOnnx(path); assert.unreachable('expected an error'); } catch (e) {
    assert.ok(isAquiferError(e), String(e));
    assert.is(e.code, 'FILE_ERROR');
    assert.is(e.subject, path);
  }
});

test('the model carries its producer, opset 17 and the input levels in its metadata', async () => {
  const bytes = (await irisModel()).toOnnx();
  const text = new TextDecoder('latin1').decode(bytes);
  assert.ok(text.includes('aquifer'));
  assert.ok(text.includes('aquifer.inputs'));
  assert.ok(text.includes('"levels":["setosa","versicolor","virginica"]'), 'response levels in aquifer.outputs');
  // ModelProto.opset_import (field 8): { domain '' (field 1), version 17 (field 2) }.
  const opset = [0x42, 0x04, 0x0a, 0x00, 0x10, 17];
  assert.ok(bytes.some((_, i) => opset.every((b, k) => bytes[i + k] === b)), 'opset_import 17');
});

test.run();
