// The `aquifer` executable (package.json bin → dist/cli.js; the build adds the #! line).
import { run } from './run';

process.exitCode = await run(process.argv.slice(2));
