// Entry for `npm run bench -- SUITE [--json]` (see scripts/bench.mjs).
import { Report, type Line, type Target } from './report';

interface Suite {
  run(opts: { json: boolean; log: (line: Line) => void }): Promise<void>;
  targets?(lines: Line[]): Target[];
}

const [suiteName, ...flags] = process.argv.slice(2);
const json = flags.includes('--json');
const suite = (await import(`./${suiteName}.ts`)) as Suite;
const report = new Report(json);
await suite.run({ json, log: report.log });
report.summary(suiteName!, suite.targets?.(report.lines) ?? []);
