// npm run demo [-- --json] [-- --PARAM VALUE ...]: the booklet's MNIST trial run, which is
// `aquifer demo` (src/cli/commands/demo.ts) run from the build.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const child = spawn(process.execPath, [cli, 'demo', ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('close', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
