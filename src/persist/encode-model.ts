// A trained model to the bytes of a model file (docs/model-format.md): JSON sections for what is
// structured, the parameter arena as little-endian float32 (weights and biases, then the optimizer
// state in a section of its own, last), no timestamps of its own, so the same model gives the same
// bytes in Node and in browsers.

import { VERSION } from '../version';
import type { ModelState } from '../dl/model';
import { writeContainer } from './container';
import { float32ToBytes } from './float32-le';
import { FORMAT_NAME, SECTIONS } from './format';
import { plainParameters } from './plain';
import { stringifyTagged } from './tagged-json';

export const ALGORITHM = 'deeplearning';

export function encodeModel(s: ModelState): Uint8Array {
  const utf8 = new TextEncoder();
  const json = (v: unknown) => utf8.encode(stringifyTagged(v));
  const { outcome } = s;
  return writeContainer([
    { tag: SECTIONS.meta, payload: json({ format: FORMAT_NAME, library: 'aquifer', library_version: VERSION, algorithm: ALGORITHM }) },
    { tag: SECTIONS.params, payload: json({ params: plainParameters(s.params), input: s.input ? plainParameters(s.input) : null }) },
    { tag: SECTIONS.dataInfo, payload: json(s.info.toJSON()) },
    { tag: SECTIONS.network, payload: json({ spec: s.layout.spec, param_floats: s.layout.paramFloats, total_floats: s.layout.totalFloats }) },
    {
      tag: SECTIONS.training,
      payload: json({
        samples: outcome.samples, iterations: outcome.iterations, epochs: outcome.epochs, stopped: outcome.stopped,
        history: outcome.history, outcome_warnings: outcome.warnings, warnings: s.warnings,
        has_validation: s.hasValidation, run_time_ms: s.runTimeMs, trained_with: { build: s.build, threads: s.threads },
        ...(s.classDistribution ? { class_distribution: s.classDistribution } : {}),
      }),
    },
    { tag: SECTIONS.theta, payload: float32ToBytes(s.theta.subarray(0, s.layout.paramFloats)) },
    { tag: SECTIONS.optimizer, payload: float32ToBytes(s.theta.subarray(s.layout.paramFloats, s.layout.totalFloats)) },
  ]);
}
