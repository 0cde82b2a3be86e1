// The progress bar: one redrawn line on a terminal, a line per tenth of the epochs elsewhere.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ProgressBar, progressText } from '../../src/cli/progress';
import type { Progress } from '../../src/dl/trainer';

const at = (epochs: number, phase: Progress['phase'] = 'training'): Progress => ({
  phase, epochs, total_epochs: 10, iterations: 1, samples: 100, rows_per_s: 1234.4, elapsed_s: 1, eta_s: 9,
});

function sink(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, sink: { write: (t: string) => { writes.push(t); }, isTTY, columns: 60 } };
}

test('the text shows epochs, speed and time left', () => {
  assert.is(progressText(at(2.5)), '2.50/10 epochs  1234 rows/s  ETA 9 s');
});

test('not a terminal: one line per tenth of the epochs, however often it is called', () => {
  const { writes, sink: s } = sink(false);
  const bar = new ProgressBar(s);
  for (let e = 0; e <= 10; e += 0.25) bar.update(at(e));
  bar.done();
  assert.is(writes.length, 10);
  assert.ok(writes.every((w) => w.endsWith('\n') && !w.includes('\r')));
  assert.match(writes[0]!, /^\[ 10%\] 1.00\/10 epochs/);
  assert.match(writes[9]!, /^\[100%\]/);
});

test('a terminal: one line redrawn in place, at most every 100 ms, and ended by done()', () => {
  const { writes, sink: s } = sink(true);
  let t = 0;
  const bar = new ProgressBar(s, () => t);
  bar.update(at(1));
  t = 50; bar.update(at(2));            // too soon: skipped
  t = 60; bar.update(at(2, 'scoring')); // a scoring event is always drawn
  t = 200; bar.update(at(3));
  bar.done();
  assert.is(writes.length, 4);
  assert.ok(writes.slice(0, 3).every((w) => w.startsWith('\r[') && !w.includes('\n')));
  assert.ok(writes.slice(0, 3).every((w) => w.length <= 60 + 4)); // \r, the line (< 60 columns), \x1b[K
  assert.is(writes[3], '\n');
});

test('the last scoring metric stays on the line between scoring events', () => {
  const { writes, sink: s } = sink(false);
  const bar = new ProgressBar(s);
  const scored = { ...at(0.5, 'scoring'), validation: { kind: 'binomial', classification_error: 0.125 } } as unknown as Progress;
  bar.update(scored);
  bar.update(at(1));
  assert.match(writes[0]!, /^\[ 10%\] 1.00\/10 epochs.*valid err 0.1250 \(at 0.50\)\n$/);
});

test('a metric scored at the current epoch carries no age', () => {
  const scored = { ...at(1, 'scoring'), validation: { kind: 'binomial', classification_error: 0.125 } } as unknown as Progress;
  assert.is(progressText(scored), '1.00/10 epochs  1234 rows/s  ETA 9 s  valid err 0.1250');
});

test.run();
