// The protobuf writer against the wire-format examples of protobuf.dev's "Encoding" page.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ProtoWriter } from '../../src/onnx/protobuf';

const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join(' ');

test('an int field of 150 is 08 96 01', () => {
  assert.is(hex(new ProtoWriter().int(1, 150).finish()), '08 96 01');
});

test('a negative int64 takes ten bytes of two\'s complement', () => {
  assert.is(hex(new ProtoWriter().int(1, -1).finish()), '08 ff ff ff ff ff ff ff ff ff 01');
  assert.is(hex(new ProtoWriter().int(1, -2n).finish()), '08 fe ff ff ff ff ff ff ff ff 01');
});

test('integers beyond 2^53 go exactly as bigints', () => {
  assert.is(hex(new ProtoWriter().int(1, 2n ** 63n - 1n).finish()), '08 ff ff ff ff ff ff ff ff 7f');
  assert.is(hex(new ProtoWriter().int(1, 2 ** 35).finish()), '08 80 80 80 80 80 01');
});

test('a string is its UTF-8 bytes after a length ("testing" in field 2)', () => {
  assert.is(hex(new ProtoWriter().string(2, 'testing').finish()), '12 07 74 65 73 74 69 6e 67');
  assert.is(hex(new ProtoWriter().string(1, 'é').finish()), '0a 02 c3 a9');
});

test('an embedded message is length-delimited (field 3 holding 150 in field 1)', () => {
  assert.is(hex(new ProtoWriter().message(3, new ProtoWriter().int(1, 150)).finish()), '1a 03 08 96 01');
});

test('floats are fixed32 little-endian; repeated ones are packed', () => {
  assert.is(hex(new ProtoWriter().float(2, 1).finish()), '15 00 00 80 3f');
  assert.is(hex(new ProtoWriter().packedFloats(7, [1, -2]).finish()), '3a 08 00 00 80 3f 00 00 00 c0');
  assert.is(hex(new ProtoWriter().packedInts(4, [3, 270, 86942]).finish()), '22 06 03 8e 02 9e a7 05');
});

test('the buffer grows past its initial size without losing bytes', () => {
  const big = Uint8Array.from({ length: 100_000 }, (_, i) => i % 251);
  const out = new ProtoWriter().int(1, 7).bytes(2, big).int(3, 9).finish();
  assert.is(out.length, 2 + 1 + 3 + big.length + 2);
  assert.equal(Array.from(out.subarray(0, 6)), [0x08, 7, 0x12, 0xa0, 0x8d, 0x06]);
  assert.ok(out.subarray(6, 6 + big.length).every((b, i) => b === i % 251));
  assert.equal(Array.from(out.subarray(-2)), [0x18, 9]);
});

test.run();
