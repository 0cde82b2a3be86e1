// The Protocol Buffers wire format, write side only (https://protobuf.dev/programming-guides/encoding/):
// varints, 32-bit floats and length-delimited fields, which is all that the ONNX messages in
// onnx-proto.ts need. Hand-written because it is about a hundred lines, where a protobuf library
// would add a dependency and a schema compiler to the package for one export function.

const WIRE_VARINT = 0;
const WIRE_LEN = 2;
const WIRE_FIXED32 = 5;

const utf8 = new TextEncoder();

export class ProtoWriter {
  private buf = new Uint8Array(64);
  private len = 0;

  /** Bytes written so far. */
  get length(): number { return this.len; }

  private reserve(n: number): void {
    if (this.len + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }

  /** A varint: non-negative safe integers as numbers; anything int64 (negatives: two's complement,
   *  ten bytes) as a bigint. */
  private varint(v: number | bigint): void {
    this.reserve(10);
    if (typeof v === 'number' && v >= 0 && v <= Number.MAX_SAFE_INTEGER && Number.isInteger(v)) {
      while (v >= 0x80) { this.buf[this.len++] = (v % 0x80) | 0x80; v = Math.floor(v / 0x80); }
      this.buf[this.len++] = v;
      return;
    }
    let u = BigInt.asUintN(64, BigInt(v));
    while (u >= 0x80n) { this.buf[this.len++] = Number(u & 0x7fn) | 0x80; u >>= 7n; }
    this.buf[this.len++] = Number(u);
  }

  private tag(field: number, wire: number): void { this.varint(field * 8 + wire); }

  /** int32, int64 and enum fields share this encoding (a negative int32 also takes ten bytes). */
  int(field: number, v: number | bigint): this { this.tag(field, WIRE_VARINT); this.varint(v); return this; }

  float(field: number, v: number): this {
    this.tag(field, WIRE_FIXED32);
    this.reserve(4);
    new DataView(this.buf.buffer, this.buf.byteOffset + this.len, 4).setFloat32(0, v, true);
    this.len += 4;
    return this;
  }

  bytes(field: number, b: Uint8Array): this {
    this.tag(field, WIRE_LEN);
    this.varint(b.length);
    this.reserve(b.length);
    this.buf.set(b, this.len);
    this.len += b.length;
    return this;
  }

  string(field: number, s: string): this { return this.bytes(field, utf8.encode(s)); }

  /** An embedded message. */
  message(field: number, m: ProtoWriter): this { return this.bytes(field, m.finish()); }

  /** A packed repeated int64 field. */
  packedInts(field: number, vs: ArrayLike<number | bigint>): this {
    const inner = new ProtoWriter();
    for (let i = 0; i < vs.length; i++) inner.varint(vs[i]!);
    return this.bytes(field, inner.finish());
  }

  /** A packed repeated float field. */
  packedFloats(field: number, vs: ArrayLike<number>): this {
    const b = new Uint8Array(4 * vs.length);
    const view = new DataView(b.buffer);
    for (let i = 0; i < vs.length; i++) view.setFloat32(4 * i, vs[i]!, true);
    return this.bytes(field, b);
  }

  /** The bytes written (a view: do not write to this writer afterwards). */
  finish(): Uint8Array { return this.buf.subarray(0, this.len); }
}
