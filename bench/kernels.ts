// npm run bench -- kernels [--json]: SGEMM GFLOP/s and the fused per-row step's rows/s,
// each against a plain-TS loop measured in the same run.
import type { Line, Target } from './report';
import { find } from './report';
import { run as runSgemm } from './sgemm';
import { run as runRowstep } from './rowstep';

export async function run({ log }: { log: (line: Line) => void }): Promise<void> {
  await runSgemm(log as (obj: Record<string, unknown>) => void);
  await runRowstep(log);
}

const num = (l: Line | undefined, k: string) => (l && typeof l[k] === 'number' ? (l[k] as number) : undefined);

export function targets(lines: Line[]): Target[] {
  const one = (op: string, build: string) => num(find(lines, { case: 'sgemm_1024', op, build, threads: 1 }), 'gflops');
  const two = (op: string, build: string) => num(find(lines, { case: 'sgemm_1024', op, build, threads: 2 }), 'gflops');
  const simd = ['nn', 'nt', 'tn'].map((op) => one(op, 'simd-st'));
  const relaxed = ['nn', 'nt', 'tn'].map((op) => one(op, 'relaxed-mt'));
  const all = (xs: (number | undefined)[]) => (xs.every((x) => x !== undefined) ? (xs as number[]) : undefined);
  const s = all(simd), r = all(relaxed);
  const speedups = ['nn', 'nt', 'tn'].map((op) => {
    const a = one(op, 'relaxed-mt'), b = two(op, 'relaxed-mt');
    return a && b ? b / a : undefined;
  });
  return [
    { name: 'sgemm_1024 simd-st 1 thread, slowest op (GFLOP/s)', value: s && Math.min(...s), min: 24 },
    { name: 'sgemm_1024 simd-st spread (slowest/fastest op)', value: s && Math.min(...s) / Math.max(...s), min: 0.8 },
    { name: 'sgemm_1024 relaxed-mt 1 thread, slowest op (GFLOP/s)', value: r && Math.min(...r), min: 30 },
    { name: 'sgemm_1024 2 threads / 1 thread, worst op', value: all(speedups) && Math.min(...(speedups as number[])), min: 1.8 },
    { name: 'rowstep_w2 1 thread best build (rows/s)', value: Math.max(...lines.filter((l) => l.case === 'rowstep_w2' && l.threads === 1).map((l) => l.rows_per_s as number)), min: 10_000 },
  ];
}
