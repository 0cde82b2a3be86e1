// The whole build in one process: every kernel target through the asc API (one Node start-up
// instead of five), then the esbuild bundles with the wasm files copied beside them, then types.
// Usage: node scripts/build.mjs [--wasm-only] [--no-types]
import asc from 'assemblyscript/asc';
import * as esbuild from 'esbuild';
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
process.chdir(root);
const args = new Set(process.argv.slice(2));
const t0 = performance.now();

const config = JSON.parse(readFileSync('asconfig.json', 'utf8'));
for (const target of Object.keys(config.targets)) {
  const { error, stderr } = await asc.main(['--config', 'asconfig.json', '--target', target]);
  if (error) {
    console.error(stderr.toString());
    console.error(`asc failed for target ${target}: ${error.message}`);
    process.exit(1);
  }
}
mkdirSync('dist/kernels', { recursive: true });
for (const f of readdirSync('build/kernels')) {
  if (f.endsWith('.wasm')) copyFileSync(`build/kernels/${f}`, `dist/kernels/${f}`);
}
console.log(`kernels: ${Object.keys(config.targets).join(', ')} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
if (args.has('--wasm-only')) process.exit(0);

const entries = {
  index: 'src/index.ts',
  browser: 'src/browser.ts',
  edge: 'src/edge.ts',
  scorer: 'src/scorer.ts',
  worker: 'src/parallel/worker.ts',
  cli: 'src/cli/main.ts',
};
const present = Object.fromEntries(Object.entries(entries).filter(([, f]) => existsSync(f)));
for (const f of readdirSync('dist')) if (f.endsWith('.js') || f.endsWith('.js.map')) rmSync(`dist/${f}`);
// The CLI bundle alone gets the #! line (and is made executable below); the library bundles do not.
// The standalone scorer is minified: a fresh process parses it on every cold start, and at 75 KB
// instead of 125 KB its import takes about 3 ms less (bench score, cold_start).
const { cli, scorer, ...libraries } = present;
const bundle = (entryPoints, extra = {}) => esbuild.build({
  entryPoints,
  outdir: 'dist',
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  // es2022 also keeps esbuild from emitting bare Uint8Array.fromBase64 (breaks Node 20).
  target: 'es2022',
  mainFields: ['module', 'main'],
  packages: 'external',
  external: ['node:*'],
  // Drops the source-tree asset paths from the bundle (see src/wasm/assets.ts).
  define: { AQUIFER_BUNDLED: 'true' },
  minifySyntax: true,
  sourcemap: true,
  logLevel: 'warning',
  ...extra,
});
await bundle(libraries);
if (scorer) await bundle({ scorer }, { minify: true });
if (cli) {
  await bundle({ cli }, { banner: { js: '#!/usr/bin/env node' } });
  chmodSync('dist/cli.js', 0o755);
}
console.log(`bundles: ${Object.keys(present).join(', ')}`);

if (!args.has('--no-types')) {
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
  console.log('types: dist/types');
}
console.log(`build done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
