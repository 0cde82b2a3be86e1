// H2O's prediction frame from network outputs: model.predict's result, and each frame
// predictStream returns or writes. The labelling and naming are predictions.ts's, shared with the
// standalone scorer (which builds rows, not Frames, and so does not import this file).

import { Frame } from '../frame';
import { Column } from '../frame/column';
import type { DataInfo } from '../data/data-info';
import type { RegressionDistribution } from './distribution';
import { predictionNames, predictLabels, regressionPredictions } from './predictions';

/** `predict`, then one probability column per class named by its level (binomial labels: p1 >=
 *  `threshold`); regression: `predict` in the response's units. `out` holds n rows of outputs and no more. */
export function predictionFrame(out: Float32Array, n: number, info: DataInfo, distribution: RegressionDistribution, threshold: number): Frame {
  const domain = info.responseDomain;
  if (!domain) return new Frame([Column.fromNumbers('predict', regressionPredictions(out, info, distribution), 'real')]);
  const K = domain.length;
  const codes = new Int32Array(n);
  predictLabels(out, n, K, K === 2 ? threshold : 0, codes);
  const probs = domain.map(() => new Float64Array(n));
  for (let i = 0; i < n; i++) for (let k = 0; k < K; k++) probs[k]![i] = out[i * K + k]!;
  const names = predictionNames(domain);
  return new Frame([Column.fromCodes('predict', codes, [...domain]), ...probs.map((p, k) => Column.fromNumbers(names[k + 1]!, p, 'real'))]);
}
