// aquifer bench SUITE [--json]: runs the benchmark runner (scripts/bench.mjs, the same as
// `npm run bench -- SUITE`) and passes its output and exit code through. Benchmarks live in the
// source tree, not in the npm package.

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AquiferError } from '../../util/errors';
import type { CommandSpec, ParsedArgs } from '../args';
import type { Command } from '../command';
import { cliMsg } from '../messages';

const spec: CommandSpec = {
  name: 'bench',
  summary: 'run a benchmark suite (kernels, frames, train, score) from a source checkout',
  usage: 'SUITE [--json]',
  options: [
    { name: 'json', kind: 'boolean', help: 'one JSON object per measured case, one per line; the last line a summary' },
  ],
  params: false,
  positionals: ['SUITE'],
};

/** The repository root: two levels above src/cli/commands/ when run from source, one above dist/. */
function sourceRoot(): string | undefined {
  for (const up of ['../../../', '../']) {
    const root = fileURLToPath(new URL(up, import.meta.url));
    if (existsSync(`${root}scripts/bench.mjs`) && existsSync(`${root}bench`)) return root;
  }
  return undefined;
}

async function run(a: ParsedArgs): Promise<number> {
  const root = sourceRoot();
  if (root === undefined) throw new AquiferError('FILE_ERROR', cliMsg.benchNeedsSource());
  // The runner knows its suites: an unknown one gets its usage line and exit code 2.
  const args = [`${root}scripts/bench.mjs`, a.positionals[0]!, ...(a.options.json === true ? ['--json'] : [])];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: 'inherit' });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

export const benchCommand: Command = { spec, run };
