// float32 arrays to and from little-endian bytes. On little-endian hosts (every mainstream CPU) the
// bytes are copied as they are, which keeps every bit, NaN payloads included; a big-endian host goes
// through DataView, so a file means the same on every host.

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** The bytes of `values`: a view of its memory on little-endian hosts, so copy before changing either. */
export function float32ToBytes(values: Float32Array): Uint8Array {
  if (LITTLE_ENDIAN) return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  const out = new Uint8Array(values.length * 4);
  const view = new DataView(out.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i]!, true);
  return out;
}

/** A new Float32Array (never a view into `bytes`); bytes.length must be a multiple of 4. */
export function bytesToFloat32(bytes: Uint8Array): Float32Array {
  if (LITTLE_ENDIAN) return new Float32Array(bytes.slice().buffer);
  const out = new Float32Array(bytes.length / 4);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat32(i * 4, true);
  return out;
}

/** The float32 values of `bytes` as a view where the host is little-endian and the bytes are
 *  4-byte aligned (no copy: they must not change while the view is in use), else a copy. */
export function float32View(bytes: Uint8Array): Float32Array {
  if (LITTLE_ENDIAN && bytes.byteOffset % 4 === 0) return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4);
  return bytesToFloat32(bytes);
}
