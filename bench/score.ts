// npm run bench -- score [--json]: scoring the W2 MNIST network ([784, 200, 200, 10], Rectifier,
// trained for 0.1 epoch: speed only) on one thread with the simd-st kernels.
//
// Cases score_b1 and score_b1024 (fields engine, input, threads, rows_per_s; median of REPEATS
// rounds in which the engines alternate): engine aquifer_predict is model.predict on a Frame of
// the rows; aquifer_scorer is the standalone scorer (aquifer/scorer) loaded from the model's bytes,
// on row objects ({ C1: .., C784: .. }: 784 keyed lookups a row), on array rows (a Float32Array of
// the 784 values in scorer.columns order: the input ONNX runtimes take) or, at batch 1024, on
// columns ({ C1: Float64Array, .. }). Engines from
// bench/score-engines.ts (the ONNX runtimes) are measured in the same rounds on the same rows.
// scorer_bundle: gzip_bytes of the scorer's minified bundle plus simd-st.wasm (bench/scorer-bundle.ts).
// cold_start: ms from import('aquifer/scorer') (dist/scorer.js) through reading the model file,
// Scorer.load and the first prediction, in a fresh Node process, by the documented fastest path:
// Scorer.load(await openAsBlob(path)), which reads the header, the section table and the sections
// up to THTA, never the optimizer state (a third of the file). The child imports node:fs statically,
// as a program does, so that import is not on the clock; the row is parsed before it too. Fields:
// ms (median of COLD_RUNS), its parts import_ms, load_ms (open, read, check, decode, start the
// kernels) and predict_ms, process_ms (the whole process, Node's start-up included), and bytes_ms:
// the same child reading the whole file with readFile and loading the bytes (the path before Blob
// loading), run alternately with it.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DeepLearningEstimator } from '../src/dl/estimator';
import type { DeepLearningModel } from '../src/dl/model';
import type { Frame } from '../src/frame';
import { loadMnist } from '../src/frame/mnist';
import { Scorer } from '../src/scorer/scorer';
import { find, median, type Line, type Target } from './report';
import { otherEngines, type BenchEngine } from './score-engines';
import { SCORER_BUDGET_BYTES, scorerBundle } from './scorer-bundle';

const ROWS = 1024;
const BATCHES = [1, 1024] as const;
const REPEATS = 5;
/** Each measurement runs at least this long (and at least 3 calls). */
const MIN_MS = 300;
const COLD_RUNS = 7;
const ROOT = fileURLToPath(new URL('..', import.meta.url));

type Engine = BenchEngine & { input?: 'rows' | 'arrays' | 'columns'; batches?: readonly number[] };

/** Rows per second of e at batch b: calls until MIN_MS have passed, cycling through the rows. */
async function rate(e: Engine, b: number, minMs = MIN_MS): Promise<number> {
  let calls = 0, from = 0;
  const t0 = performance.now();
  let t = t0;
  while (t - t0 < minMs || calls < 3) {
    const r = e.score(from, b);
    if (r instanceof Promise) await r;
    calls++;
    from = (from + b) % ROWS;
    t = performance.now();
  }
  return (calls * b * 1000) / (t - t0);
}

async function train(): Promise<{ model: DeepLearningModel; test: Frame }> {
  const { train, test } = await loadMnist();
  const model = new DeepLearningEstimator({
    activation: 'Rectifier', hidden: [200, 200], sparse: true, epochs: 0.1, seed: 1, kernel: 'simd-st', score_training_samples: 1000,
  });
  await model.train({ y: 'C785', training_frame: train });
  return { model, test };
}

function aquiferEngines(model: DeepLearningModel, scorer: Scorer, sample: Frame, x: Float32Array, rows: Record<string, unknown>[], cols: Record<string, Float64Array>): Engine[] {
  const oneRow = Array.from({ length: 16 }, (_, i) => sample.rows([i]));
  const width = scorer.columns.length;
  const arrays = Array.from({ length: ROWS }, (_, i) => x.subarray(i * width, (i + 1) * width));
  return [
    { engine: 'aquifer_predict', threads: 1, score: (from, n) => model.predict(n === 1 ? oneRow[from % oneRow.length]! : sample) },
    { engine: 'aquifer_scorer', threads: 1, input: 'rows', score: (from, n) => scorer.predict(n === 1 ? [rows[from]!] : rows) },
    { engine: 'aquifer_scorer', threads: 1, input: 'arrays', score: (from, n) => scorer.predict(n === 1 ? [arrays[from]!] : arrays) },
    { engine: 'aquifer_scorer', threads: 1, input: 'columns', batches: [ROWS], score: () => scorer.predict(cols) },
  ];
}

interface ColdRun { ms: number; import_ms: number; load_ms: number; predict_ms: number; process_ms: number; kernel: string }

/** A fresh `node` that imports the published scorer bundle, reads the model file (as a Blob, or
 *  whole as bytes), loads it and scores one row; it reports its own times, the parent the whole
 *  process. */
function coldStart(modelPath: string, row: Record<string, unknown>, from: 'blob' | 'bytes'): Promise<ColdRun> {
  const open = from === 'blob' ? 'await openAsBlob(process.env.AQ_MODEL)' : 'await readFile(process.env.AQ_MODEL)';
  const child = `
    import { openAsBlob } from 'node:fs';
    import { readFile } from 'node:fs/promises';
    const row = JSON.parse(process.env.AQ_ROW);
    const t0 = performance.now();
    const { Scorer } = await import(process.env.AQ_SCORER);
    const t1 = performance.now();
    const scorer = await Scorer.load(${open});
    const t2 = performance.now();
    const out = scorer.predict([row]);
    const t3 = performance.now();
    if (typeof out[0].predict !== 'string') throw new Error('no prediction');
    console.log(JSON.stringify({ ms: t3 - t0, import_ms: t1 - t0, load_ms: t2 - t1, predict_ms: t3 - t2, kernel: scorer.kernel }));`;
  const env = { ...process.env, AQ_SCORER: pathToFileURL(join(ROOT, 'dist/scorer.js')).href, AQ_MODEL: modelPath, AQ_ROW: JSON.stringify(row) };
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--input-type=module', '-e', child], { cwd: ROOT, env }, (err, stdout, stderr) => {
      if (err) { reject(new Error(`cold-start child failed (is dist/ built? npm run build): ${stderr || err.message}`)); return; }
      resolve({ ...JSON.parse(stdout.trim().split('\n').at(-1)!), process_ms: performance.now() - t0 });
    });
  });
}

export async function run({ log }: { log: (line: Line) => void }): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'aquifer-score-'));
  try {
    const { model, test } = await train();
    const bytes = model.toBytes();
    const modelPath = join(dir, 'w2.aqm');
    writeFileSync(modelPath, bytes);
    const scorer = await Scorer.load(bytes, { kernel: 'simd-st' });
    const sample = test.head(ROWS), columns = scorer.columns;
    const values = columns.map((c) => sample.col(c).numbers());
    const rows = Array.from({ length: ROWS }, (_, i) => Object.fromEntries(columns.map((c, j) => [c, values[j]![i]])));
    // Cold starts first, while no other engine (an ONNX Runtime thread pool) holds a core.
    const cold: ColdRun[] = [], coldBytes: ColdRun[] = [];
    for (let i = 0; i < COLD_RUNS; i++) {
      cold.push(await coldStart(modelPath, rows[i]!, 'blob'));
      coldBytes.push(await coldStart(modelPath, rows[i]!, 'bytes'));
    }
    const cols = Object.fromEntries(columns.map((c, j) => [c, Float64Array.from(values[j]!)]));
    const x = new Float32Array(ROWS * columns.length);
    for (let j = 0; j < columns.length; j++) for (let i = 0; i < ROWS; i++) x[i * columns.length + j] = values[j]![i]!;

    const engines: Engine[] = [...aquiferEngines(model, scorer, sample, x, rows, cols), ...await otherEngines({ model, columns, x, rows: ROWS, dir })];
    for (const b of BATCHES) {
      const here = engines.filter((e) => !e.batches || e.batches.includes(b));
      for (const e of here) await rate(e, b, 100); // warm-up: JIT, first-call allocations
      const got = here.map(() => [] as number[]);
      for (let rep = 0; rep < REPEATS; rep++) for (const [k, e] of here.entries()) got[k]!.push(await rate(e, b));
      const med = got.map(median);
      const predict = med[here.findIndex((e) => e.engine === 'aquifer_predict')];
      here.forEach((e, k) => log({
        case: `score_b${b}`, engine: e.engine, ...(e.input ? { input: e.input } : {}), threads: e.threads, batch: b,
        rows_per_s: Math.round(med[k]!), repeats: REPEATS,
        ...(e.engine !== 'aquifer_predict' && predict ? { ratio_predict: med[k]! / predict } : {}),
      }));
    }
    for (const e of engines) await e.close?.();

    const bundle = await scorerBundle();
    log({ case: 'scorer_bundle', gzip_bytes: bundle.gzipBytes, js_gzip_bytes: bundle.jsGzip, wasm_gzip_bytes: bundle.wasmGzip, js_bytes: bundle.jsBytes, budget_bytes: SCORER_BUDGET_BYTES });

    const med = (runs: ColdRun[], k: keyof Omit<ColdRun, 'kernel'>) => median(runs.map((c) => c[k]));
    log({
      case: 'cold_start', from: 'blob', ms: med(cold, 'ms'), import_ms: med(cold, 'import_ms'), load_ms: med(cold, 'load_ms'), predict_ms: med(cold, 'predict_ms'),
      process_ms: med(cold, 'process_ms'), bytes_ms: med(coldBytes, 'ms'), kernel: cold[0]!.kernel, runs: COLD_RUNS, model_bytes: bytes.length,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const num = (l: Line | undefined, k: string) => (l && typeof l[k] === 'number' ? (l[k] as number) : undefined);

export function targets(lines: Line[]): Target[] {
  const rps = (c: string, engine: string, input?: string) => num(find(lines, { case: c, engine, ...(input ? { input } : {}) }), 'rows_per_s');
  const ortNode = rps('score_b1', 'onnxruntime-node'), ortWeb = rps('score_b1024', 'onnxruntime-web');
  const scorer1024 = rps('score_b1024', 'aquifer_scorer', 'arrays');
  const out: Target[] = [
    { name: `score_b1 aquifer_scorer rows/s on array rows, ONNX's input (>= onnxruntime-node${ortNode ? '' : '; not run here: its 22,000 measured for the issue'})`, value: rps('score_b1', 'aquifer_scorer', 'arrays'), min: ortNode ?? 22_000 },
    { name: 'scorer_bundle gzip bytes (JS + simd-st.wasm)', value: num(find(lines, { case: 'scorer_bundle' }), 'gzip_bytes'), max: SCORER_BUDGET_BYTES },
    { name: 'cold_start ms (import, read the model from a Blob, load, first prediction)', value: num(find(lines, { case: 'cold_start' }), 'ms'), max: 50 },
  ];
  if (ortWeb !== undefined) out.push({ name: 'score_b1024 aquifer_scorer (array rows) / onnxruntime-web', value: scorer1024 === undefined ? undefined : scorer1024 / ortWeb, min: 1.3 });
  return out;
}
