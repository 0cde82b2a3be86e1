// The standalone scorer's bundle as a user's bundler would make it: src/scorer.ts through esbuild,
// minified, for the neutral platform, dependencies bundled in. Measured by bench/score.ts and held
// to its budget by test/scorer/bundle.test.ts.
import * as esbuild from 'esbuild';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/** Gzipped JS plus the gzipped simd-st kernels must stay under this (issue 5). */
export const SCORER_BUDGET_BYTES = 60 * 1024;

export interface ScorerBundle {
  jsBytes: number;
  jsGzip: number;
  wasmGzip: number;
  /** jsGzip + wasmGzip: what a page or an edge worker downloads. */
  gzipBytes: number;
  /** Source files in the bundle, with their minified bytes. */
  inputs: Record<string, number>;
  /** Imports the bundle leaves to the runtime (none is the goal: no node:*, no packages). */
  imports: { path: string; kind: string }[];
}

const root = fileURLToPath(new URL('..', import.meta.url));

export async function scorerBundle(): Promise<ScorerBundle> {
  const r = await esbuild.build({
    entryPoints: ['src/scorer.ts'], absWorkingDir: root, bundle: true, write: false, metafile: true,
    format: 'esm', platform: 'neutral', target: 'es2022', mainFields: ['module', 'main'],
    minify: true, define: { AQUIFER_BUNDLED: 'true' }, logLevel: 'silent',
  });
  const js = r.outputFiles[0]!.contents;
  const out = Object.values(r.metafile.outputs)[0]!;
  const wasm = readFileSync(new URL('../dist/kernels/simd-st.wasm', import.meta.url));
  const jsGzip = gzipSync(js).length, wasmGzip = gzipSync(wasm).length;
  return {
    jsBytes: js.length, jsGzip, wasmGzip, gzipBytes: jsGzip + wasmGzip,
    inputs: Object.fromEntries(Object.entries(out.inputs).map(([k, v]) => [k, v.bytesInOutput])),
    imports: out.imports.map((i) => ({ path: i.path, kind: i.kind })),
  };
}
