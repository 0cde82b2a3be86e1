import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { planIteration, sampleRows, samplesPerIteration } from '../../src/dl/sampling';
import { schedule, type TrainerParams } from '../../src/dl/trainer';
import { allocateChunks, PackedRows } from '../../src/data/training-rows';

function packed(nrows: number, chunkRows: number): PackedRows {
  const layout = { nNum: 1, nCat: 0, n0: 1, numOffset: 0 };
  return new PackedRows(layout, allocateChunks(layout, nrows, chunkRows, false), 0, []);
}

test('train_samples_per_iteration: 0 and -1 mean one epoch, N is capped by epochs·rows, -2 is a tenth of the run', () => {
  assert.is(samplesPerIteration(0, 1000, 10, false), 1000);
  assert.is(samplesPerIteration(-1, 1000, 10, false), 1000);
  assert.is(samplesPerIteration(50, 1000, 10, false), 50);
  assert.is(samplesPerIteration(50_000, 1000, 10, false), 10_000);
  assert.is(samplesPerIteration(-2, 60_000, 10, false), 60_000);
  assert.is(samplesPerIteration(-2, 1000, 200, false), 10_000); // capped at 10 epochs' worth
  assert.is(samplesPerIteration(-2, 500_000, 10, false), 100_000);
  assert.is(samplesPerIteration(-2, 60_000, 0.05, false), 3000);
  assert.is(samplesPerIteration(-2, 1000, 200, true), 1000); // reproducible: -2 becomes -1
});

test('one epoch in frame order visits every row once, dealt to every worker', () => {
  const plan = planIteration(packed(1000, 300), 1000, { shuffle: false, seed: 1, iteration: 1, processed: 0, threads: 2, pieceRows: 1024 });
  assert.is(plan.rows, 1000);
  const seen = new Set<string>();
  for (const w of plan.pieces) for (const p of w) for (const r of p.rows) seen.add(`${p.chunk}:${r}`);
  assert.is(seen.size, 1000);
  assert.ok(plan.pieces[0]!.length > 0 && plan.pieces[1]!.length > 0);
  assert.equal(Array.from(plan.pieces[0]![0]!.rows.slice(0, 5)), [0, 1, 2, 3, 4]);
});

test('two and a half epochs per iteration: three passes, each row kept with probability 5/6', () => {
  const plan = planIteration(packed(2000, 2000), 5000, { shuffle: false, seed: 3, iteration: 1, processed: 0, threads: 1, pieceRows: 1024 });
  assert.ok(Math.abs(plan.rows - 5000) < 150, `${plan.rows}`);
});

test('shuffling permutes rows reproducibly for a seed and differently per iteration', () => {
  const opts = { shuffle: true, seed: 9, iteration: 1, processed: 0, threads: 1, pieceRows: 1024 };
  const a = planIteration(packed(500, 500), 500, opts), b = planIteration(packed(500, 500), 500, opts);
  const c = planIteration(packed(500, 500), 500, { ...opts, iteration: 2 });
  const rows = (p: typeof a) => p.pieces[0]!.flatMap((x) => Array.from(x.rows));
  assert.equal(rows(a), rows(b));
  assert.not.equal(rows(a), rows(c));
  assert.equal([...rows(a)].sort((x, y) => x - y), Array.from({ length: 500 }, (_, i) => i));
});

test('scoring samples: all rows for 0 or more than there are, about n otherwise, never empty', () => {
  assert.is(sampleRows(100, 0, 1), null);
  assert.is(sampleRows(100, 500, 1), null);
  const s = sampleRows(100_000, 10_000, 1)!;
  assert.ok(Math.abs(s.length - 10_000) < 400);
  assert.ok(s.every((v, i) => i === 0 || v > s[i - 1]!));
  assert.is(sampleRows(1000, 1, 5)!.length >= 1, true);
});

test('manual rate schedule: annealed rate, decay per layer, momentum ramps to stable', () => {
  const p = { adaptive_rate: false, rate: 0.01, rate_annealing: 1e-3, rate_decay: 0.5, momentum_start: 0.5, momentum_ramp: 1000, momentum_stable: 0.9 } as TrainerParams;
  assert.equal(schedule(p, 0), { rate: 0.01, rate_decay: 0.5, momentum: 0.5 });
  const mid = schedule(p, 500);
  assert.ok(Math.abs(mid.rate - 0.01 / 1.5) < 1e-15);
  assert.ok(Math.abs(mid.momentum - 0.7) < 1e-12);
  assert.is(schedule(p, 5000).momentum, 0.9);
  assert.is(schedule({ ...p, momentum_ramp: 0 }, 5000).momentum, 0.5);
  assert.equal(schedule({ ...p, adaptive_rate: true }, 10), { rate: 0, rate_decay: 1, momentum: 0 });
});

test.run();
