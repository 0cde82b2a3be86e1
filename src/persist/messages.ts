// Every error text about model files, in one place. Each names the file (or "the model bytes") and
// says what is wrong with it, so that a user can tell a truncated download from a file of another kind.

import { FORMAT_MAJOR } from './format';

const q = (name: string) => (name.startsWith('the ') ? name : `'${name}'`);
const notModel = (name: string, what: string) => `${q(name)} is not a valid aquifer model file: ${what}`;

export const msg = {
  empty: (name: string) => notModel(name, 'it is empty'),
  notModelFile: (name: string, looksLike: string | null) =>
    notModel(name, `it does not start with aquifer's magic bytes "AQUIFER\\0"${looksLike ? ` (it looks like ${looksLike})` : ''}`),
  truncated: (name: string, have: number, need: number, what: string) =>
    notModel(name, `it is truncated: ${have} bytes, but ${what} needs ${need}`),
  trailing: (name: string, have: number, declared: number) =>
    notModel(name, `it has ${have - declared} unexpected bytes after the end of the model (${declared} bytes)`),
  newerVersion: (name: string, major: number, minor: number) =>
    `${q(name)} was written by a newer aquifer (model format ${major}.${minor}); this aquifer reads format ${FORMAT_MAJOR}.x: upgrade aquifer to load it`,
  badVersion: (name: string, major: number, minor: number) => notModel(name, `unknown model format version ${major}.${minor}`),
  checksum: (name: string, stored: number, computed: number, where?: string) =>
    notModel(name, `checksum mismatch${where ? ` in ${where}` : ''} (stored ${hex(stored)}, computed ${hex(computed)}): the file is corrupted`),
  badSectionTable: (name: string, what: string) => notModel(name, `its section table is damaged: ${what}`),
  missingSection: (name: string, tag: string) => notModel(name, `section ${tag} is missing`),
  duplicateSection: (name: string, tag: string) => notModel(name, `section ${tag} appears twice`),
  badJSON: (name: string, tag: string, why: string) => notModel(name, `section ${tag} is not valid JSON (${why})`),
  badContent: (name: string, what: string) => notModel(name, what),
  tooLarge: (bytes: number) => `the model is too large for the model format (${bytes} bytes in one section, at most 4 GiB)`,
  browserPath: (what: string) =>
    `${what} a file path needs Node; in a browser use model.toBytes() and loadModel(bytes | Blob) instead`,
  saveFailed: (path: string, why: string) => `cannot save the model to '${path}': ${why}`,
  readFailed: (path: string, why: string) => `cannot read the model file '${path}': ${why}`,
  blobReadFailed: (name: string, why: string) => `cannot read ${q(name)}: ${why}`,
  badSource: (got: string) => `loadModel needs a path, a Uint8Array, an ArrayBuffer or a Blob, got ${got}`,
};

function hex(n: number): string {
  return `0x${n.toString(16).padStart(8, '0')}`;
}
