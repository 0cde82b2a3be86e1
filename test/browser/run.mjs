// npm run test:browser: the browser build in headless Chromium (Debian's /usr/bin/chromium,
// driven by playwright-core): a page served with COOP/COEP headers trains in Web Workers.
// Bundles the page the way an esbuild user would (worker.js and kernels/ copied beside it).
import { createServer } from 'node:http';
import { cpSync, mkdirSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { chromium } from 'playwright-core';

const root = fileURLToPath(new URL('../..', import.meta.url));
const out = join(root, 'build', 'browser-test');
const chromePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromePath)) { console.log(`0 passed, 1 failed\nno Chromium at ${chromePath} (apt-get install chromium)`); process.exit(1); }

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
await esbuild.build({ entryPoints: [join(root, 'test/browser/page.ts')], bundle: true, format: 'esm', platform: 'browser', target: 'es2022', outfile: join(out, 'page.js'), external: ['node:*'], logLevel: 'warning' });
cpSync(join(root, 'dist/worker.js'), join(out, 'worker.js'));
cpSync(join(root, 'dist/kernels'), join(out, 'kernels'), { recursive: true });

const types = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm' };
const server = createServer((req, res) => {
  const path = req.url === '/' ? '/index.html' : req.url.split('?')[0];
  if (path === '/favicon.ico') { res.writeHead(204); res.end(); return; } // not a failure worth a console error
  const body = path === '/index.html' ? '<!doctype html><script type="module" src="/page.js"></script>' : (() => { try { return readFileSync(join(out, path)); } catch { return null; } })();
  if (body === null) { res.writeHead(404); res.end(); return; }
  res.writeHead(200, { 'Content-Type': types[extname(path)] ?? 'application/octet-stream', 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' });
  res.end(body);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const url = `http://127.0.0.1:${server.address().port}/`;

const browser = await chromium.launch({ executablePath: chromePath, args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
let passed = 0, failed = 0;
const check = (name, ok, detail = '') => { if (ok) passed++; else failed++; console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? `: ${detail}` : ''}`); };
try {
  const page = await browser.newPage();
  page.on('console', (m) => { if (m.type() === 'error') console.log('page error:', m.text()); });
  await page.goto(url);
  const result = await page.waitForFunction(() => window.__result, null, { timeout: 120_000 }).then((h) => h.jsonValue());
  if (result.error) throw new Error(result.error);
  check('the page is cross-origin isolated and has threads', result.info.crossOriginIsolated === true && result.info.threads === true, JSON.stringify(result.info));
  check('the best build for this browser is chosen', result.info.build === (result.info.relaxedSimd ? 'relaxed-mt' : 'simd-mt'), result.info.build);
  check('training ran in Web Workers', result.threads >= 1 && result.build.endsWith('-mt'), `${result.threads} threads, ${result.build}`);
  check('the model learned (AUC > 0.95)', result.auc > 0.95, String(result.auc));
  check('the page kept running while training (timer ticks)', result.ticks > 3, `${result.ticks} ticks`);
  check('predict returns H2O\'s columns', JSON.stringify(result.predNames) === JSON.stringify(['predict', 'no', 'yes']), JSON.stringify(result.predNames));
  // The standalone scorer in the page: loaded from a Blob, no workers, the same forward pass.
  const near = (x, y, tol) => x.length === y.length && x.every((v, i) => Math.abs(v - y[i]) <= tol);
  check('the scorer runs on simd-st in the page', result.scorerKernel === 'simd-st', result.scorerKernel);
  check('the scorer (Blob) agrees with predict in the page', near(result.scorerYes, result.predictYes, 1e-6), `${result.scorerYes} vs ${result.predictYes}`);
  check('a truncated Blob is refused with a clear error', /truncat|short|end of|bytes/i.test(result.truncated), result.truncated);
  // The page's model bytes, loaded in Node: the same scorer code gives the same bits, and loadModel's
  // predict the same probabilities (to float32 rounding: the page may train on relaxed SIMD).
  const bytes = Buffer.from(result.modelBytes, 'base64');
  const { Scorer } = await import(pathToFileURL(join(root, 'dist/scorer.js')).href);
  const { loadModel, Frame } = await import(pathToFileURL(join(root, 'dist/index.js')).href);
  const probe = { a: [0.3, -0.8, 0.05, 0.9, -0.4], b: [-0.2, 0.1, 0.7, -0.9, 0.33] };
  const nodeScorer = await Scorer.load(new Uint8Array(bytes), { kernel: 'simd-st' });
  const nodeYes = nodeScorer.predict(probe.a.map((a, i) => ({ a, b: probe.b[i] }))).map((r) => r.yes);
  check('the page\'s model bytes score bit for bit the same in Node', JSON.stringify(nodeYes) === JSON.stringify(result.scorerYes), `${nodeYes} vs ${result.scorerYes}`);
  const loaded = await loadModel(new Uint8Array(bytes));
  const nodePred = await loaded.predict(Frame.fromArrays(probe));
  check('loadModel in Node predicts what the page predicted', near(Array.from(nodePred.col('yes').numbers()), result.predictYes, 1e-6), `${Array.from(nodePred.col('yes').numbers())}`);
} catch (e) {
  check('the browser run completed', false, String(e?.message ?? e));
} finally {
  await browser.close();
  server.close();
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
