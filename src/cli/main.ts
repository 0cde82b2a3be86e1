// The `aquifer` executable (package.json bin → dist/cli.js; the build adds the #! line).
import { run } from './run';

// A reader that stops early (`aquifer predict ... --json | head -1`) closes the pipe: that ends the
// output, not in an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => { if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0); else throw e; });

process.exitCode = await run(process.argv.slice(2));
