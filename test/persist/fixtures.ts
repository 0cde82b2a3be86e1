// Small trained models shared by the persist tests (trained once per process: uvu runs every test
// file in one process), and helpers to take a model file apart and put it back together.
import { DeepLearningEstimator } from '../../src/dl/estimator';
import type { DeepLearningModel } from '../../src/dl/model';
import { Frame } from '../../src/frame';
import { readContainer, writeContainer, type Section } from '../../src/persist/container';
import { crc32 } from '../../src/persist/crc32';
import { MAGIC } from '../../src/persist/format';
import { Random } from '../../src/util/random';
import { carsFrame, irisFrame } from '../helpers/datasets';

const cache = new Map<string, Promise<DeepLearningModel>>();
const once = (key: string, make: () => Promise<DeepLearningModel>) => {
  if (!cache.has(key)) cache.set(key, make());
  return cache.get(key)!;
};

/** Multinomial with a validation frame and a 64-bit bigint seed. */
export function irisModel(): Promise<DeepLearningModel> {
  return once('iris', async () => {
    const [tr, va] = irisFrame().splitFrame([0.7], { seed: 3 });
    const m = new DeepLearningEstimator({ hidden: [6], epochs: 4, seed: -8070450532247928833n, nthreads: 1, reproducible: true });
    await m.train({ y: 'species', training_frame: tr!, validation_frame: va });
    return m;
  });
}

/** Regression with missing values, a categorical predictor and manual-rate momentum. */
export function carsModel(): Promise<DeepLearningModel> {
  return once('cars', async () => {
    const m = new DeepLearningEstimator({ hidden: [5, 4], epochs: 3, seed: 2, nthreads: 1, reproducible: true, adaptive_rate: false, rate: 0.001, momentum_start: 0.5, momentum_stable: 0.9, momentum_ramp: 1e4, activation: 'Tanh' });
    await m.train({ y: 'Miles_per_Gallon', training_frame: carsFrame() });
    return m;
  });
}

export function twoClasses(n: number, seed: number): Frame {
  const r = new Random(seed);
  const a: number[] = [], b: number[] = [], y: string[] = [];
  for (let i = 0; i < n; i++) { const u = r.nextGaussian(), v = r.nextGaussian(); a.push(u); b.push(v); y.push(u + 0.5 * v > 0 ? 'yes' : 'no'); }
  return Frame.fromArrays({ a, b, y }, { types: { y: 'enum' } });
}

/** Binomial (max-F1 threshold labels), Maxout. */
export function binomialModel(): Promise<DeepLearningModel> {
  return once('binomial', async () => {
    const m = new DeepLearningEstimator({ hidden: [4], activation: 'Maxout', epochs: 3, seed: 5, nthreads: 1, reproducible: true });
    await m.train({ y: 'y', training_frame: twoClasses(200, 1) });
    return m;
  });
}

/** Sections of a valid file, in order. */
export function sectionsOf(bytes: Uint8Array): Section[] {
  return [...readContainer(bytes, 'test').sections].map(([tag, payload]) => ({ tag, payload: payload.slice() }));
}

/** A model file with one JSON section changed and a correct checksum: a crafted file. */
export function withJSON(bytes: Uint8Array, tag: string, edit: (json: Record<string, unknown>) => void): Uint8Array {
  return writeContainer(sectionsOf(bytes).map((s) => {
    if (s.tag !== tag) return s;
    const json = JSON.parse(new TextDecoder().decode(s.payload)) as Record<string, unknown>;
    edit(json);
    return { tag, payload: new TextEncoder().encode(JSON.stringify(json)) };
  }));
}

/** The same model as a format 1.0 file (what aquifer 0.1 wrote): sections inline (tag, length,
 *  payload, padding), the whole arena (weights, biases, optimizer state) in THTA, one CRC-32 last. */
export function toFormat1(bytes: Uint8Array): Uint8Array {
  const sections = sectionsOf(bytes);
  const opts = sections.find((s) => s.tag === 'OPTS')!.payload;
  const v1 = sections.filter((s) => s.tag !== 'OPTS').map((s) => (s.tag === 'THTA' ? { tag: s.tag, payload: Uint8Array.from([...s.payload, ...opts]) } : s));
  const pad = (n: number) => Math.ceil(n / 4) * 4;
  const length = 24 + v1.reduce((a, s) => a + 8 + pad(s.payload.length), 0) + 4;
  const out = new Uint8Array(length), view = new DataView(out.buffer);
  out.set(MAGIC); view.setUint16(8, 1, true); view.setUint16(10, 0, true); view.setUint32(12, v1.length, true); view.setBigUint64(16, BigInt(length), true);
  let at = 24;
  for (const s of v1) {
    for (let i = 0; i < 4; i++) out[at + i] = s.tag.charCodeAt(i);
    view.setUint32(at + 4, s.payload.length, true);
    out.set(s.payload, at + 8);
    at += 8 + pad(s.payload.length);
  }
  view.setUint32(at, crc32(out, 0, at), true);
  return out;
}

/** Every value of every column, compared with Object.is (bit for bit for doubles). */
export function sameFrames(a: Frame, b: Frame): boolean {
  if (a.names.join() !== b.names.join() || a.nrow !== b.nrow) return false;
  for (const n of a.names) {
    const x = a.col(n), y = b.col(n);
    for (let i = 0; i < a.nrow; i++) if (!Object.is(x.at(i), y.at(i)) || x.str(i) !== y.str(i)) return false;
  }
  return true;
}
