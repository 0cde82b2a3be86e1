// src/persist: aquifer's model file (docs/model-format.md): save, load, and the bytes in between.

export { loadModel, type LoadOptions, type ModelSource } from './load-model';
export { encodeModel } from './encode-model';
export { decodeModel, type DecodedModel } from './decode-model';
export { saveModelBytes } from './save-model';
export { FORMAT_MAJOR, FORMAT_MINOR, MAGIC, SECTIONS } from './format';
