// The browser test page: trains and predicts with the published browser bundle, in Web Workers,
// and reports to the test driver through window.__result.
// The published browser bundle, typed by the source it is built from.
// @ts-ignore: dist/ has no declarations beside the bundle; the cast below types it.
import * as bundle from '../../dist/browser.js';
const { DeepLearningEstimator, Frame, runtimeInfo } = bundle as unknown as typeof import('../../src/browser');

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
  return { info, threads: model.execution.threads, build: model.execution.build, auc: model.auc(), ticks, predNames: pred.names };
}

main().then((r) => { (window as unknown as { __result: unknown }).__result = r; }, (e) => { (window as unknown as { __result: unknown }).__result = { error: String(e?.stack ?? e) }; });
