// Runs every test/**/*.test.ts with uvu (TypeScript through tsx) and prints the closing line
// 'N passed, N failed' that uvu itself does not print. Exit code: uvu's, or 1 if it died early.
// Usage: npm test [-- PATTERN]   (PATTERN: a regex on test file paths, e.g. `kernels`)
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
if (!existsSync(new URL('../dist/kernels/simd-mt.wasm', import.meta.url))) {
  console.error('dist/ is missing: run `npm run build` (npm ci runs it through `prepare`).');
  process.exit(1);
}
const pattern = process.argv[2] ?? '';
const fileRegex = pattern ? `${pattern}.*\\.test\\.ts$` : '\\.test\\.ts$';
const child = spawn(
  process.execPath,
  // The V8 flag lets Node 20 load (and so test) the relaxed-SIMD build; Node >= 22 has it on.
  ['--experimental-wasm-relaxed-simd', '--import', 'tsx', 'node_modules/uvu/bin.js', 'test', fileRegex],
  { cwd: root, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'inherit'] },
);
let out = '';
child.stdout.on('data', (chunk) => { out += chunk; process.stdout.write(chunk); });
child.on('close', (code) => {
  const total = Number(/Total:\s+(\d+)/.exec(out)?.[1] ?? NaN);
  const passed = Number(/Passed:\s+(\d+)/.exec(out)?.[1] ?? NaN);
  if (Number.isNaN(total) || Number.isNaN(passed)) {
    console.log('0 passed, 1 failed');
    console.error('the test run ended before uvu printed its summary');
    process.exit(1);
  }
  console.log(`${passed} passed, ${total - passed} failed`);
  process.exit(code === 0 && total === passed ? 0 : 1);
});
