// The browser test page: trains and predicts with the published browser bundle, in Web Workers,
// scores with the published scorer bundle from a Blob of the model's bytes, and reports to the
// test driver through window.__result (the bytes too, so that the driver can load them in Node).
// The published browser bundle, typed by the source it is built from.
// @ts-ignore: dist/ has no declarations beside the bundle; the cast below types it.
import * as bundle from '../../dist/browser.js';
const { DeepLearningEstimator, Frame, runtimeInfo } = bundle as unknown as typeof import('../../src/browser');
// @ts-ignore: as above
import * as scorerBundle from '../../dist/scorer.js';
const { Scorer } = scorerBundle as unknown as typeof import('../../src/scorer');

/** Rows the page and the driver both score. */
export const PROBE = { a: [0.3, -0.8, 0.05, 0.9, -0.4], b: [-0.2, 0.1, 0.7, -0.9, 0.33] };

const base64 = (bytes: Uint8Array) => {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
};

async function main() {
  const info = await runtimeInfo();
  const n = 300, a: number[] = [], b: number[] = [], y: string[] = [];
  let s = 7;
  const rnd = () => ((s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff) * 2 - 1;
  for (let i = 0; i < n; i++) { const u = rnd(), v = rnd(); a.push(u); b.push(v); y.push(u + 0.5 * v > 0 ? 'yes' : 'no'); }
  const frame = Frame.fromArrays({ a, b, y }, { types: { y: 'enum' } });
  const model = new DeepLearningEstimator({ hidden: [8], epochs: 20, seed: 3 });
  let ticks = 0;
  const timer = setInterval(() => { ticks++; }, 5); // the page must keep running while training
  await model.train({ y: 'y', training_frame: frame });
  clearInterval(timer);
  const pred = await model.predict(frame.head(3));

  const probe = await model.predict(Frame.fromArrays(PROBE));
  const bytes = model.toBytes();
  const scorer = await Scorer.load(new Blob([bytes as Uint8Array<ArrayBuffer>]));
  const scored = scorer.predict(PROBE.a.map((a, i) => ({ a, b: PROBE.b[i]! })));
  let truncated = 'loaded';
  try { await Scorer.load(new Blob([bytes.slice(0, 100)])); } catch (e) { truncated = String((e as Error).message); }
  return {
    info, threads: model.execution.threads, build: model.execution.build, auc: model.auc(), ticks, predNames: pred.names,
    predictYes: Array.from(probe.col('yes').numbers()), scorerYes: scored.map((r) => r.yes as number),
    scorerKernel: scorer.kernel, truncated, modelBytes: base64(bytes),
  };
}

main().then((r) => { (window as unknown as { __result: unknown }).__result = r; }, (e) => { (window as unknown as { __result: unknown }).__result = { error: String(e?.stack ?? e) }; });
