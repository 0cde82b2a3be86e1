// The ONNX messages the exporter writes, as plain data, and their encoding. Field numbers are those of
// onnx/onnx.proto (ModelProto, GraphProto, NodeProto, AttributeProto, TensorProto, ValueInfoProto,
// TypeProto.Tensor, TensorShapeProto, OperatorSetIdProto, StringStringEntryProto).

import { ProtoWriter } from './protobuf';

/** TensorProto.DataType values used here. */
export const ElemType = { FLOAT: 1, INT64: 7, BOOL: 9, DOUBLE: 11 } as const;
export type ElemType = (typeof ElemType)[keyof typeof ElemType];

/** A constant tensor (an initializer, or a Constant's value): little-endian raw_data. */
export interface TensorProto {
  name: string;
  type: ElemType;
  dims: number[];
  data: Float32Array | Float64Array | BigInt64Array;
}

/** AttributeProto, by kind (AttributeType: FLOAT 1, INT 2, STRING 3, TENSOR 4, FLOATS 6, INTS 7). */
export type Attribute =
  | { name: string; kind: 'float'; value: number }
  | { name: string; kind: 'int'; value: number }
  | { name: string; kind: 'string'; value: string }
  | { name: string; kind: 'tensor'; value: TensorProto }
  | { name: string; kind: 'floats'; value: number[] }
  | { name: string; kind: 'ints'; value: number[] };

export interface NodeProto {
  name: string;
  opType: string;
  inputs: string[];
  outputs: string[];
  attributes: Attribute[];
}

/** A graph input or output: a tensor of `type` whose dims are sizes or symbolic names ('N'). */
export interface ValueInfoProto {
  name: string;
  type: ElemType;
  shape: (number | string)[];
  doc?: string;
}

export interface GraphProto {
  name: string;
  doc?: string;
  nodes: NodeProto[];
  initializers: TensorProto[];
  inputs: ValueInfoProto[];
  outputs: ValueInfoProto[];
}

export interface ModelProto {
  irVersion: number;
  opsetVersion: number;
  producerName: string;
  producerVersion: string;
  doc?: string;
  graph: GraphProto;
  metadata: Record<string, string>;
}

const ATTR_TYPE = { float: 1, int: 2, string: 3, tensor: 4, floats: 6, ints: 7 } as const;

/** Little-endian bytes of a typed array (copied when the platform is big-endian). */
function littleEndian(a: Float32Array | Float64Array | BigInt64Array): Uint8Array {
  const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] === 1) return bytes;
  const out = new Uint8Array(a.byteLength), w = a.BYTES_PER_ELEMENT;
  for (let i = 0; i < a.byteLength; i += w) for (let k = 0; k < w; k++) out[i + k] = bytes[i + w - 1 - k]!;
  return out;
}

function tensor(t: TensorProto): ProtoWriter {
  return new ProtoWriter().packedInts(1, t.dims).int(2, t.type).string(8, t.name).bytes(9, littleEndian(t.data));
}

function attribute(a: Attribute): ProtoWriter {
  const w = new ProtoWriter().string(1, a.name);
  switch (a.kind) {
    case 'float': w.float(2, a.value); break;
    case 'int': w.int(3, a.value); break;
    case 'string': w.string(4, a.value); break;
    case 'tensor': w.message(5, tensor(a.value)); break;
    case 'floats': w.packedFloats(7, a.value); break;
    case 'ints': w.packedInts(8, a.value); break;
  }
  return w.int(20, ATTR_TYPE[a.kind]);
}

function node(n: NodeProto): ProtoWriter {
  const w = new ProtoWriter();
  for (const i of n.inputs) w.string(1, i);
  for (const o of n.outputs) w.string(2, o);
  w.string(3, n.name).string(4, n.opType);
  for (const a of n.attributes) w.message(5, attribute(a));
  return w;
}

function valueInfo(v: ValueInfoProto): ProtoWriter {
  const shape = new ProtoWriter();
  for (const d of v.shape) shape.message(1, typeof d === 'number' ? new ProtoWriter().int(1, d) : new ProtoWriter().string(2, d));
  const tensorType = new ProtoWriter().int(1, v.type).message(2, shape);
  const w = new ProtoWriter().string(1, v.name).message(2, new ProtoWriter().message(1, tensorType));
  if (v.doc) w.string(3, v.doc);
  return w;
}

function graph(g: GraphProto): ProtoWriter {
  const w = new ProtoWriter();
  for (const n of g.nodes) w.message(1, node(n));
  w.string(2, g.name);
  for (const t of g.initializers) w.message(5, tensor(t));
  if (g.doc) w.string(10, g.doc);
  for (const i of g.inputs) w.message(11, valueInfo(i));
  for (const o of g.outputs) w.message(12, valueInfo(o));
  return w;
}

/** The serialized ModelProto: what an .onnx file holds. */
export function encodeModel(m: ModelProto): Uint8Array {
  const w = new ProtoWriter()
    .int(1, m.irVersion)
    .string(2, m.producerName);
  if (m.producerVersion) w.string(3, m.producerVersion);
  if (m.doc) w.string(6, m.doc);
  w.message(7, graph(m.graph));
  w.message(8, new ProtoWriter().string(1, '').int(2, m.opsetVersion));
  for (const [key, value] of Object.entries(m.metadata)) w.message(14, new ProtoWriter().string(1, key).string(2, value));
  return w.finish();
}
