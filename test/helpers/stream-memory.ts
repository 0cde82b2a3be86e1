// Child process for test/dl/predict-stream-memory.test.ts: scores FILE with MODEL, streamed
// (predictStream to OUT, CHUNK rows at a time) or whole (importFile + predict + toCSV), after
// doing the same on WARMUP, a small file like it (modules loaded, kernels compiled, heaps grown to
// their working size). Prints one JSON line: `growth`, the peak resident set over the run on FILE
// less the resident set just before (an upper bound: the peak is since the process started);
// `frameBytes`, what FILE's frame would take in memory (WARMUP's bytes per row × FILE's rows).
// Run with --expose-gc, it collects every 10 ms, so that the resident set follows what is held
// rather than how long garbage waits for a lazy collector.
// Usage: node [--expose-gc] --import tsx test/helpers/stream-memory.ts stream|whole MODEL WARMUP FILE OUT CHUNK
import { writeFileSync } from 'node:fs';
import { importFile } from '../../src/frame';
import { loadModel } from '../../src/persist';

const [mode, modelPath, warmup, file, out, chunk] = process.argv.slice(2) as [string, string, string, string, string, string];
const model = await loadModel(modelPath);

async function score(path: string): Promise<number> {
  if (mode === 'stream') return (await model.predictStream(path, { out, chunk_rows: Number(chunk) })).rows;
  const pred = await model.predict(await importFile(path, { nthreads: 1 }));
  writeFileSync(out, pred.toCSV());
  return pred.nrow;
}

const small = await importFile(warmup, { nthreads: 1 });
const bytesPerRow = small.bytes / small.nrow;
await score(warmup);
const gc = (globalThis as { gc?: () => void }).gc;
const collector = gc && setInterval(gc, 10);
const before = process.memoryUsage().rss;
const t0 = performance.now();
const rows = await score(file);
const seconds = (performance.now() - t0) / 1000;
if (collector) clearInterval(collector);
const growth = process.resourceUsage().maxRSS * 1024 - before;
console.log(JSON.stringify({ mode, rows, growth, frameBytes: Math.round(bytesPerRow * rows), seconds }));
