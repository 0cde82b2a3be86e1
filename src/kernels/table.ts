// The kernel table: every Wasm kernel, what it computes, and its conformance check against a
// plain-TS float64 reference. Dispatch, the conformance test and the benchmarks read this table,
// so a kernel cannot ship untested: test/kernels/table.test.ts fails for an export missing here.

import type { KernelContext } from '../wasm/instance';
import type { Random } from '../util/random';
import { vecKernels } from './vec';
import { actKernels } from './act';
import { outputKernels } from './output';
import { rowstepKernels } from './rowstep-table';
import { dropoutKernels } from './dropout';
import { gemmKernels } from './gemm';
import { inputKernels } from './input';

export interface KernelCase {
  /** e.g. 'n=17' or '17x5x3' */
  shape: string;
  maxRelDiff: number;
}

export interface KernelEntry {
  /** What it computes, build-independent: 'vec_axpy', 'gemm_nt', ... */
  op: string;
  /** The Wasm export. */
  name: string;
  /** The assembly/ file that holds it. */
  family: string;
  /** Largest max-relative-difference against the float64 reference accepted on any build. */
  tolerance: number;
  /** Run the kernel on random inputs (several shapes, odd and empty ones included) and compare. */
  conformance(ctx: KernelContext, rng: Random): KernelCase[];
}

export const KERNELS: readonly KernelEntry[] = [
  ...vecKernels,
  ...actKernels,
  ...outputKernels,
  ...rowstepKernels,
  ...dropoutKernels,
  ...gemmKernels,
  ...inputKernels,
];

export function kernelByOp(op: string): KernelEntry {
  const e = KERNELS.find((k) => k.op === op);
  if (!e) throw new Error(`no kernel for op ${op}`);
  return e;
}
