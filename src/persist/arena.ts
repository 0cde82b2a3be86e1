// The parameter arena of a model file: weights and biases (THTA), then the optimizer state (OPTS,
// format 2), as one float32 arena laid out by layoutNetwork. Shared by loadModel's decoder and the
// scorer's, which reads the weights and biases alone.

import type { ParamLayout } from '../dl/network';
import { bytesToFloat32, float32View } from './float32-le';
import { SECTIONS } from './format';
import type { SectionReader } from './section-reader';

/** The parameter arena (layout.totalFloats floats) from THTA and, in format 2, OPTS: each checked
 *  against the layout. Format 1 kept the whole arena in THTA. `paramsOnly` reads the weights and
 *  biases alone (scoring): the arena then holds layout.paramFloats floats, a view of the section's
 *  bytes where it can be (the caller copies them where they are kept), and the optimizer state's
 *  length comes from the section table without its bytes. */
export function readArena(
  layout: ParamLayout, major: number, { section, length }: SectionReader, bad: (what: string) => Error, paramsOnly = false,
): Float32Array {
  const theta = section(SECTIONS.theta);
  const thetaFloats = major === 1 ? layout.totalFloats : layout.paramFloats;
  if (theta.length !== thetaFloats * 4) {
    throw bad(`the parameter arena has ${theta.length} bytes, but the network needs ${thetaFloats} float32 values (${thetaFloats * 4} bytes)`);
  }
  const stateFloats = layout.totalFloats - layout.paramFloats;
  // Scoring does not read the optimizer state (a Blob reader leaves it unread): its length comes
  // from the section table.
  const stateBytes = major === 1 ? null : length(SECTIONS.optimizer);
  if (stateBytes !== null && stateBytes !== stateFloats * 4) {
    throw bad(`the optimizer state has ${stateBytes} bytes, but the network's ${layout.spec.optimizer} needs ${stateFloats} float32 values (${stateFloats * 4} bytes)`);
  }
  if (paramsOnly) return float32View(theta.subarray(0, layout.paramFloats * 4));
  const state = major === 1 ? null : section(SECTIONS.optimizer);
  if (!state) return bytesToFloat32(theta);
  // One copy into the arena: views of the sections where they are aligned, not copies of them.
  const arena = new Float32Array(layout.totalFloats);
  arena.set(float32View(theta));
  arena.set(float32View(state), layout.paramFloats);
  return arena;
}
