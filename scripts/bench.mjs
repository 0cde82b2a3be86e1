// npm run bench -- SUITE [--json]: runs bench/SUITE.ts in a fresh Node (relaxed SIMD on, so the
// relaxed build is measured too) and passes its output through.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const [suite, ...rest] = process.argv.slice(2);
const suites = ['kernels', 'frames', 'train', 'score'].filter((s) => existsSync(`${root}bench/${s}.ts`));
if (!suite || !suites.includes(suite)) {
  if (suite) console.error(`unknown benchmark suite '${suite}'`);
  console.error(`usage: npm run bench -- SUITE [--json]   (SUITE: ${suites.join(', ')})`);
  process.exit(2);
}
const child = spawn(process.execPath, ['--experimental-wasm-relaxed-simd', '--import', 'tsx', 'bench/main.ts', suite, ...rest], { cwd: root, stdio: 'inherit' });
child.on('close', (code) => process.exit(code ?? 1));
