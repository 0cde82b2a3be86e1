// Training end to end on small real and synthetic data: what a user of H2O expects to happen.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DeepLearningEstimator } from '../../src/dl/estimator';
import { Frame } from '../../src/frame';
import { Random } from '../../src/util/random';
import { isAquiferError } from '../../src/util/errors';
import { carsFrame, irisFrame } from '../helpers/datasets';

async function rejects(fn: () => Promise<unknown>, code: string, pattern: RegExp, subject?: string) {
  try { await fn(); assert.unreachable('expected an error'); } catch (e) {
    assert.ok(isAquiferError(e), String(e));
    assert.is(e.code, code, e.message);
    assert.match(e.message, pattern);
    if (subject) assert.is(e.subject, subject);
  }
}

test('iris: a small Tanh network classifies the training data to under 5 % error', async () => {
  const m = new DeepLearningEstimator({ activation: 'Tanh', hidden: [10], epochs: 100, seed: 7, nthreads: 1 });
  await m.train({ y: 'species', training_frame: irisFrame() });
  assert.ok(m.classificationError() < 0.05, `error ${m.classificationError()}`);
  assert.ok(m.logloss() < 0.2, `logloss ${m.logloss()}`);
  assert.is(m.params.distribution, 'multinomial');
  assert.is(m.params.stopping_metric, 'logloss');
  const cm = m.confusionMatrix()!;
  assert.equal(cm.labels, ['setosa', 'versicolor', 'virginica']);
});

test('iris with a validation split: validation metrics and predictions in H2O\'s layout', async () => {
  const [tr, va] = irisFrame().splitFrame([0.7], { seed: 3 });
  const m = new DeepLearningEstimator({ hidden: [16, 16], epochs: 60, seed: 1 });
  await m.train({ y: 'species', training_frame: tr!, validation_frame: va });
  assert.ok(m.classificationError({ valid: true }) < 0.1, `valid error ${m.classificationError({ valid: true })}`);
  const pred = await m.predict(va!);
  assert.equal(pred.names, ['predict', 'setosa', 'versicolor', 'virginica']);
  assert.is(pred.nrow, va!.nrow);
  for (let i = 0; i < pred.nrow; i++) {
    const s = pred.col('setosa').at(i) + pred.col('versicolor').at(i) + pred.col('virginica').at(i);
    assert.ok(Math.abs(s - 1) < 1e-5);
  }
  const h = m.scoringHistory();
  assert.ok(h.length >= 2);
  assert.ok('validation_logloss' in h[0]! && 'training_classification_error' in h[0]!);
});

test('cars (missing values, a categorical): regression of miles per gallon to RMSE under 4.5', async () => {
  // cars is sorted by model year: visited in frame order (H2O's default) per-row SGD chases the
  // latest years, so shuffle as an H2O user would.
  const m = new DeepLearningEstimator({ hidden: [20, 20], epochs: 200, seed: 2, shuffle_training_data: true });
  await m.train({ y: 'Miles_per_Gallon', training_frame: carsFrame() });
  assert.is(m.params.distribution, 'gaussian');
  assert.ok(m.rmse() < 4.5, `rmse ${m.rmse()}`);
  const pred = await m.predict(carsFrame().head(5));
  assert.equal(pred.names, ['predict']);
  assert.ok(pred.col('predict').at(0) > 5 && pred.col('predict').at(0) < 50);
});

function twoClasses(n: number, seed: number): Frame {
  const r = new Random(seed);
  const a: number[] = [], b: number[] = [], y: string[] = [];
  for (let i = 0; i < n; i++) { const u = r.nextGaussian(), v = r.nextGaussian(); a.push(u); b.push(v); y.push(u + 0.5 * v + 0.3 * r.nextGaussian() > 0 ? 'yes' : 'no'); }
  return Frame.fromArrays({ a, b, y }, { types: { y: 'enum' } });
}

test('binomial: AUC above 0.95 on a nearly separable problem, labels by the max-F1 threshold', async () => {
  const m = new DeepLearningEstimator({ hidden: [8], epochs: 20, seed: 5 });
  await m.train({ y: 'y', training_frame: twoClasses(600, 1) });
  assert.is(m.params.distribution, 'bernoulli');
  assert.ok(m.auc() > 0.95, `auc ${m.auc()}`);
  const pred = await m.predict(twoClasses(20, 2));
  assert.equal(pred.names, ['predict', 'no', 'yes']);
});

test('mini_batch_size 16 trains through the GEMM path and learns iris', async () => {
  const m = new DeepLearningEstimator({ hidden: [16], epochs: 200, seed: 4, mini_batch_size: 16, nthreads: 1 });
  await m.train({ y: 'species', training_frame: irisFrame() });
  assert.ok(m.classificationError() < 0.06, `error ${m.classificationError()}`);
});

test('reproducible: true gives bit-identical weights for a seed with all threads', async () => {
  const run = async (seed: number) => {
    const m = new DeepLearningEstimator({ hidden: [12, 12], epochs: 8, seed, reproducible: true, nthreads: 2, activation: 'RectifierWithDropout', input_dropout_ratio: 0.1 });
    await m.train({ y: 'species', training_frame: irisFrame() });
    assert.is(m.execution.threads, 2);
    return m.theta;
  };
  const a = await run(11), b = await run(11), c = await run(12);
  assert.equal(Array.from(a), Array.from(b));
  assert.not.equal(Array.from(a), Array.from(c));
});

test('aborting mid-training stops cleanly and keeps the model of the last scoring event', async () => {
  const ctrl = new AbortController();
  const m = new DeepLearningEstimator({ hidden: [32], epochs: 100000, seed: 3, score_each_iteration: true, train_samples_per_iteration: 300 });
  let events = 0;
  await m.train({ y: 'species', training_frame: irisFrame(), signal: ctrl.signal, onProgress: (p) => { if (p.phase === 'training' && p.training) events++; if (events === 3) ctrl.abort(); } });
  assert.is(m.stoppedBy, 'aborted');
  assert.ok(m.epochs < 100000);
  // The counters describe the kept model, not the rows trained after it and thrown away.
  const last = m.scoringHistory().at(-1)!;
  assert.is(m.samples, last.samples);
  assert.is(m.iterations, last.iterations);
  assert.ok(Math.abs(m.epochs - Number(last.epochs)) < 1e-9, `${m.epochs} vs ${last.epochs}`);
  const pred = await m.predict(irisFrame().head(2));
  assert.is(pred.nrow, 2);
});

test('a signal aborted before train() trains no row: the initial model is scored and returned', async () => {
  const m = new DeepLearningEstimator({ hidden: [8], epochs: 50, seed: 3 });
  await m.train({ y: 'species', training_frame: irisFrame(), signal: AbortSignal.abort() });
  assert.is(m.stoppedBy, 'aborted');
  assert.is(m.samples, 0);
  assert.is(m.scoringHistory().length, 1);
  assert.is((await m.predict(irisFrame().head(3))).nrow, 3);
});

test('using the model while train() runs says it is still training', async () => {
  const m = new DeepLearningEstimator({ hidden: [8], epochs: 20, seed: 3 });
  const running = m.train({ y: 'species', training_frame: irisFrame() });
  await rejects(() => m.predict(irisFrame().head(1)), 'BAD_PARAMETER', /still training: await train\(\)/);
  await running;
  assert.is((await m.predict(irisFrame().head(1))).nrow, 1);
});

test('a kernel this runtime cannot run is refused with the reason, not a raw error', async () => {
  const { runtimeInfo } = await import('../../src/wasm/runtime');
  const info = await runtimeInfo();
  if (info.relaxedSimd && info.threads) {
    // Here every build runs: the forced one trains.
    const m = new DeepLearningEstimator({ hidden: [4], epochs: 1, kernel: 'relaxed-mt' });
    await m.train({ y: 'species', training_frame: irisFrame() });
    assert.is(m.execution.build, 'relaxed-mt');
  } else {
    await rejects(() => new DeepLearningEstimator({ hidden: [4], epochs: 1, kernel: 'relaxed-mt' }).train({ y: 'species', training_frame: irisFrame() }),
      'RUNTIME_UNSUPPORTED', /kernel 'relaxed-mt' cannot run here: .*; leave kernel unset to choose (simd-mt|simd-st|scalar-st)$/, 'kernel');
  }
});

test('early stopping: a converged metric stops training before the epochs run out', async () => {
  const m = new DeepLearningEstimator({ hidden: [10], epochs: 5000, seed: 8, score_each_iteration: true, train_samples_per_iteration: 150, stopping_rounds: 2, stopping_tolerance: 0.05, classification_stop: -1 });
  await m.train({ y: 'species', training_frame: irisFrame() });
  assert.is(m.stoppedBy, 'early_stopping');
  assert.ok(m.epochs < 5000);
  assert.ok(m.scoringHistory().length >= 4);
});

test('max_runtime_secs stops training and says so', async () => {
  const m = new DeepLearningEstimator({ hidden: [64, 64], epochs: 1e6, seed: 8, max_runtime_secs: 0.5, stopping_rounds: 0 });
  const t0 = performance.now();
  await m.train({ y: 'species', training_frame: irisFrame() });
  assert.is(m.stoppedBy, 'max_runtime_secs');
  assert.ok(performance.now() - t0 < 8000);
  assert.ok(m.warnings.some((w) => /timeout/.test(w)));
});

test('a diverging manual rate stops with DIVERGED and a remedy, never a NaN model', async () => {
  await rejects(async () => {
    const m = new DeepLearningEstimator({ hidden: [20], epochs: 50, adaptive_rate: false, rate: 1e4, rate_annealing: 0, seed: 1, activation: 'Rectifier' });
    await m.train({ y: 'Miles_per_Gallon', training_frame: carsFrame() });
  }, 'DIVERGED', /diverged.*(rate|adaptive_rate)/);
});

test('bad input is refused with an error that names the parameter or column', async () => {
  assert.throws(() => new DeepLearningEstimator({ hiden: [3] } as never), (e: Error) => isAquiferError(e) && /did you mean 'hidden'/.test(e.message));
  await rejects(() => new DeepLearningEstimator({ hidden: [4], hidden_dropout_ratios: [0.5, 0.5], activation: 'TanhWithDropout' }).train({ y: 'species', training_frame: irisFrame() }), 'BAD_PARAMETER', /hidden_dropout_ratios/, 'hidden_dropout_ratios');
  await rejects(() => new DeepLearningEstimator({}).train({ y: 'specie', training_frame: irisFrame() }), 'BAD_COLUMN', /specie/);
  const strings = Frame.fromArrays({ a: [1, 2, 3], s: ['x', 'y', 'x'] }, { types: { s: 'string' } });
  await rejects(() => new DeepLearningEstimator({}).train({ y: 's', training_frame: strings }), 'BAD_COLUMN', /asfactor/, 's');
  const neg = Frame.fromArrays({ a: [1, 2, 3, 4], y: [1, -2, 3, 0] });
  await rejects(() => new DeepLearningEstimator({ distribution: 'poisson' }).train({ y: 'y', training_frame: neg }), 'BAD_PARAMETER', /poisson/);
  const one = Frame.fromArrays({ a: [1, 2, 3], y: ['k', 'k', 'k'] }, { types: { y: 'enum' } });
  await rejects(() => new DeepLearningEstimator({}).train({ y: 'y', training_frame: one }), 'BAD_PARAMETER', /class/);
  await rejects(() => new DeepLearningEstimator({ nfolds: 3 }).train({ y: 'species', training_frame: irisFrame() }), 'BAD_PARAMETER', /cross-validation .* not available yet/, 'nfolds');
  await rejects(() => new DeepLearningEstimator({ stopping_metric: 'AUC' }).train({ y: 'species', training_frame: irisFrame() }), 'BAD_PARAMETER', /needs auc_type MACRO_OVR/, 'stopping_metric');
  await rejects(() => new DeepLearningEstimator({ pretrained_autoencoder: '/nonexistent/model.aqm' }).train({ y: 'species', training_frame: irisFrame() }), 'BAD_PARAMETER', /The pretrained model '\/nonexistent\/model.aqm' cannot be found/, 'pretrained_autoencoder');
  const supervised = new DeepLearningEstimator({ hidden: [3], epochs: 0 });
  await supervised.train({ y: 'species', training_frame: irisFrame() });
  await rejects(() => new DeepLearningEstimator({ pretrained_autoencoder: supervised }).train({ y: 'species', training_frame: irisFrame() }), 'BAD_PARAMETER', /must be unsupervised \(an autoencoder\)/, 'pretrained_autoencoder');
  const weighted = irisFrame().withColumns({ w: Array.from({ length: 150 }, (_, i) => (i % 2 ? 0.5 : 1)) });
  await rejects(() => new DeepLearningEstimator({ balance_classes: true, weights_column: 'w' }).train({ y: 'species', training_frame: weighted }), 'BAD_PARAMETER', /Balance classes and observation weights are not currently supported together/, 'balance_classes');
  await rejects(() => new DeepLearningEstimator({}).train({ y: 'species', training_frame: irisFrame(), epochs: 3 } as never), 'UNKNOWN_PARAMETER', /train\(\) takes .*; got 'epochs' \(model parameters go to the constructor\)/, 'epochs');
  await rejects(() => new DeepLearningEstimator({}).train({ y: 'y' } as never), 'BAD_PARAMETER', /training_frame/);
  await rejects(() => new DeepLearningEstimator({ custom_metric_func: 'python:my_metric', stopping_metric: 'custom' }).train({ y: 'species', training_frame: irisFrame() }), 'BAD_PARAMETER', /custom metrics/, 'stopping_metric');
});

test('a weights column: rows of weight 0 teach nothing, even when their labels are all wrong', async () => {
  const clean = twoClasses(400, 7);
  const a: number[] = [], b: number[] = [], y: string[] = [], w: number[] = [];
  for (let i = 0; i < 400; i++) {
    a.push(clean.col('a').at(i)); b.push(clean.col('b').at(i)); y.push(clean.col('y').str(i)!); w.push(1);
    a.push(clean.col('a').at(i)); b.push(clean.col('b').at(i)); y.push(clean.col('y').str(i) === 'yes' ? 'no' : 'yes'); w.push(0); // flipped, weight 0
  }
  const f = Frame.fromArrays({ a, b, y, w }, { types: { y: 'enum' } });
  const m = new DeepLearningEstimator({ hidden: [8], epochs: 20, seed: 5, weights_column: 'w' });
  await m.train({ y: 'y', training_frame: f });
  const perf = await m.modelPerformance(twoClasses(300, 9));
  assert.ok((perf as { auc: number }).auc > 0.95, `auc ${(perf as { auc: number }).auc}`);
});

test('an offset column is added to the prediction in link space (poisson)', async () => {
  const r = new Random(4);
  const x: number[] = [], off: number[] = [], y: number[] = [];
  for (let i = 0; i < 600; i++) { const u = r.nextDouble(), o = Math.log(1 + 4 * r.nextDouble()); x.push(u); off.push(o); y.push(Math.round(Math.exp(0.5 + u + o))); }
  const f = Frame.fromArrays({ x, off, y });
  const m = new DeepLearningEstimator({ hidden: [8], epochs: 60, seed: 5, distribution: 'poisson', offset_column: 'off', shuffle_training_data: true });
  await m.train({ y: 'y', training_frame: f });
  // The same row with offset log 4 instead of 0 predicts about 4 times as much.
  const probe = Frame.fromArrays({ x: [0.5, 0.5], off: [0, Math.log(4)], y: [0, 0] });
  const p = await m.predict(probe);
  const ratio = p.col('predict').at(1) / p.col('predict').at(0);
  assert.ok(Math.abs(ratio - 4) < 1e-3, `ratio ${ratio}`);
});

for (const distribution of ['gaussian', 'laplace', 'huber', 'quantile'] as const) {
  test(`a ${distribution} offset (standardized response) moves the prediction by the offset itself, and the model learns around it`, async () => {
    const r = new Random(8);
    const x: number[] = [], off: number[] = [], y: number[] = [];
    for (let i = 0; i < 600; i++) { const u = r.nextGaussian(), o = 40 * r.nextDouble(); x.push(u); off.push(o); y.push(100 + 3 * u + o); }
    const f = Frame.fromArrays({ x, off, y });
    const m = new DeepLearningEstimator({ hidden: [8], epochs: 40, seed: 5, distribution, offset_column: 'off', shuffle_training_data: true, reproducible: true });
    await m.train({ y: 'y', training_frame: f });
    // sd(y) is about 12: without the offset learned around, the error would be of that size.
    assert.ok(m.rmse() < 1.5, `rmse ${m.rmse()}`);
    const probe = Frame.fromArrays({ x: [0.3, 0.3], off: [10, 11], y: [0, 0] });
    const p = await m.predict(probe);
    const step = p.col('predict').at(1) - p.col('predict').at(0);
    assert.ok(Math.abs(step - 1) < 1e-4, `offset + 1 moved the prediction by ${step}`);
  });
}

test('a validation_frame without the response, or with none of it known, is refused naming the column (not a false divergence)', async () => {
  const train = twoClasses(200, 3), valid = twoClasses(50, 4);
  const noY = Frame.fromArrays({ a: Array.from(valid.col('a').numbers()), b: Array.from(valid.col('b').numbers()) });
  await rejects(() => new DeepLearningEstimator({ hidden: [3], epochs: 1 }).train({ y: 'y', training_frame: train, validation_frame: noY }), 'BAD_COLUMN', /validation_frame has no response column 'y'/, 'y');
  const naY = noY.withColumns({ y: Array.from({ length: 50 }, () => null) }, { types: { y: 'enum' } });
  await rejects(() => new DeepLearningEstimator({ hidden: [3], epochs: 1 }).train({ y: 'y', training_frame: train, validation_frame: naY }), 'BAD_COLUMN', /every value of the response column 'y' is missing/, 'y');
  // Every validation label unseen in training: no metrics to compute, and training still completes.
  const other = noY.withColumns({ y: Array.from({ length: 50 }, () => 'maybe') }, { types: { y: 'enum' } });
  const m = new DeepLearningEstimator({ hidden: [3], epochs: 1 });
  await m.train({ y: 'y', training_frame: train, validation_frame: other });
  assert.is((m.modelPerformance({ valid: true }) as { nobs: number }).nobs, 0);
});

test('modelPerformance on a frame without the response refuses, naming the column', async () => {
  const m = new DeepLearningEstimator({ hidden: [3], epochs: 1 });
  await m.train({ y: 'y', training_frame: twoClasses(100, 3) });
  await rejects(() => m.modelPerformance(twoClasses(20, 5).drop('y')) as Promise<unknown>, 'BAD_COLUMN', /the frame given to modelPerformance has no response column 'y'/, 'y');
});

test('predict returns the warnings of adapting the frame: unseen levels, a missing column, an unusable response', async () => {
  const train = Frame.fromArrays({ x: [1, 2, 3, 4, 5, 6], c: ['r', 'g', 'r', 'g', 'r', 'g'], y: [1, 2, 3, 4, 5, 7] }, { types: { c: 'enum' } });
  const m = new DeepLearningEstimator({ hidden: [3], epochs: 2 });
  await m.train({ y: 'y', training_frame: train });
  const unseen = await m.predict(Frame.fromArrays({ x: [1, 2], c: ['r', 'purple'] }, { types: { c: 'enum' } }));
  assert.equal(unseen.warnings, ["Test/Validation dataset column 'c' has levels not trained on: [purple]"]);
  const missing = await m.predict(Frame.fromArrays({ c: ['r'] }, { types: { c: 'enum' } }));
  assert.ok(missing.warnings.some((w) => /missing column 'x'/.test(w)), missing.warnings.join('; '));
  // A response of another type is not needed to predict: ignored, with a warning.
  const textY = await m.predict(Frame.fromArrays({ x: [1], c: ['g'], y: ['high'] }, { types: { c: 'enum', y: 'enum' } }));
  assert.is(textY.nrow, 1);
  assert.ok(textY.warnings.some((w) => /response column 'y' .* ignored/.test(w)), textY.warnings.join('; '));
  assert.ok(Number.isFinite(textY.col('predict').at(0)));
});

test('weights_column and offset_column given to train() replace the constructor\'s, as in H2O', async () => {
  const r = new Random(2);
  const x: number[] = [], off: number[] = [], y: number[] = [];
  for (let i = 0; i < 200; i++) { const u = r.nextDouble(), o = Math.log(1 + 3 * r.nextDouble()); x.push(u); off.push(o); y.push(Math.round(Math.exp(0.3 + u + o))); }
  const f = Frame.fromArrays({ x, off, y });
  const base = { hidden: [3], epochs: 2, seed: 1, reproducible: true, distribution: 'poisson' as const };
  const inCtor = new DeepLearningEstimator({ ...base, offset_column: 'off' });
  await inCtor.train({ y: 'y', training_frame: f });
  const inTrain = new DeepLearningEstimator({ ...base });
  await inTrain.train({ y: 'y', training_frame: f, offset_column: 'off' });
  assert.is(inTrain.params.offset_column, 'off');
  const a = await inCtor.predict(f), b = await inTrain.predict(f);
  for (let i = 0; i < 200; i += 17) assert.is(b.col('predict').at(i), a.col('predict').at(i));
});

test('predict before train says to train first', () => {
  assert.throws(() => new DeepLearningEstimator({}).rmse(), /not trained yet/);
});

test.run();
