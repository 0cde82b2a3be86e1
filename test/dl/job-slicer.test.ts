// Without workers the steppers run on the calling thread in time slices (job.ts Slicer), so a
// browser page keeps drawing: slices are sized from the time the last one took, their bounds keep
// mini-batches whole, and the work yields once a slice budget has passed.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Slicer } from '../../src/dl/job';

function fakeClock() {
  let t = 0;
  return { now: () => t, advance: (ms: number) => { t += ms; } };
}

test('slow rows: slices shrink to about 10 ms of work, with a yield between them, and cover every row once', async () => {
  const clock = fakeClock();
  let yields = 0;
  const slicer = new Slicer(clock.now, async () => { yields++; });
  const seen: number[] = [];
  const sizes: number[] = [];
  await slicer.run(500, 1, (from, to) => { sizes.push(to - from); for (let r = from; r < to; r++) seen.push(r); clock.advance(2 * (to - from)); });
  assert.equal(seen, Array.from({ length: 500 }, (_, i) => i));
  // 2 ms a row: the first slice is 4 rows (8 ms); after it every slice is 5 rows (10 ms).
  assert.is(sizes[0], 4);
  assert.ok(sizes.slice(1, -1).every((s) => s === 5), sizes.join(','));
  // A yield after every slice of 10 ms or more: all but the first (8 ms) and the last (one row).
  assert.is(sizes.at(-1), 1);
  assert.is(yields, sizes.length - 2);
});

test('fast rows: slices grow (at most 4x at a time) and yields are rare', async () => {
  const clock = fakeClock();
  let yields = 0;
  const slicer = new Slicer(clock.now, async () => { yields++; });
  const sizes: number[] = [];
  await slicer.run(100_000, 1, (from, to) => { sizes.push(to - from); clock.advance(0.001 * (to - from)); });
  assert.equal(sizes.slice(0, 5), [4, 16, 64, 256, 1024]);
  assert.ok(yields <= 11, `${yields} yields for 100 ms of work`);
});

test('mini-batches: every slice bound is a multiple of the batch size', async () => {
  const clock = fakeClock();
  const slicer = new Slicer(clock.now, async () => undefined);
  const bounds: number[] = [];
  await slicer.run(1000, 32, (from, to) => { bounds.push(from); clock.advance(0.7 * (to - from)); });
  assert.ok(bounds.every((b) => b % 32 === 0), bounds.join(','));
});

test.run();
