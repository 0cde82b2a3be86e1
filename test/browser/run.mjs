// npm run test:browser: the browser build in headless Chromium (Debian's /usr/bin/chromium,
// driven by playwright-core): a page served with COOP/COEP headers trains in Web Workers.
// Bundles the page the way an esbuild user would (worker.js and kernels/ copied beside it).
import { createServer } from 'node:http';
import { cpSync, mkdirSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
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
} catch (e) {
  check('the browser run completed', false, String(e?.message ?? e));
} finally {
  await browser.close();
  server.close();
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
