// Builds an ONNX graph one operator at a time: each call names its result uniquely and returns that
// name, so the exporter reads like the computation it writes (x = b.op('Gemm', [x, W, bias])).

import { AquiferError } from '../util/errors';
import { type Attribute, ElemType, type GraphProto, type NodeProto, type TensorProto, type ValueInfoProto } from './onnx-proto';

export type Attrs = Record<string, number | string | number[] | { floats: number[] } | { float: number }>;

export class GraphBuilder {
  private readonly nodes: NodeProto[] = [];
  private readonly initializers: TensorProto[] = [];
  private readonly inputs: ValueInfoProto[] = [];
  private readonly outputs: ValueInfoProto[] = [];
  private readonly used = new Set<string>();

  /** `hint`, or `hint_2`, `hint_3`, ...: the first name not taken yet. */
  private unique(hint: string): string {
    let name = hint;
    for (let k = 2; this.used.has(name); k++) name = `${hint}_${k}`;
    this.used.add(name);
    return name;
  }

  /** Declares a graph input; its name is kept as given (callers feed it by name). */
  input(name: string, type: ElemType, shape: (number | string)[], doc?: string): string {
    if (this.used.has(name)) throw new AquiferError('INTERNAL', `ONNX graph: the name '${name}' is taken`);
    this.used.add(name);
    this.inputs.push({ name, type, shape, ...(doc ? { doc } : {}) });
    return name;
  }

  /** Declares `value` (a node's result) a graph output called `name`, through an Identity when the
   *  names differ. */
  output(value: string, name: string, type: ElemType, shape: (number | string)[], doc?: string): void {
    if (value !== name) this.op('Identity', [value], {}, name, true);
    this.outputs.push({ name, type, shape, ...(doc ? { doc } : {}) });
  }

  private constant(hint: string, type: ElemType, dims: number[], data: Float32Array | Float64Array | BigInt64Array): string {
    const name = this.unique(hint);
    this.initializers.push({ name, type, dims, data });
    return name;
  }

  /** A float32 initializer; `dims` default to a 1-D tensor of the data's length. */
  floats(hint: string, data: ArrayLike<number>, dims: number[] = [data.length]): string {
    return this.constant(hint, ElemType.FLOAT, dims, Float32Array.from(data));
  }

  doubles(hint: string, data: ArrayLike<number>, dims: number[] = [data.length]): string {
    return this.constant(hint, ElemType.DOUBLE, dims, Float64Array.from(data));
  }

  int64s(hint: string, data: ArrayLike<number>, dims: number[] = [data.length]): string {
    return this.constant(hint, ElemType.INT64, dims, BigInt64Array.from(Array.from(data, (v) => BigInt(v))));
  }

  /** Appends a node and returns the name of its (single) output. Numbers in `attrs` are ints;
   *  floats go as { float: v } or { floats: [...] }. */
  op(opType: string, inputs: string[], attrs: Attrs = {}, hint = opType.toLowerCase(), exactName = false): string {
    const out = exactName ? hint : this.unique(hint);
    if (exactName) {
      if (this.used.has(out)) throw new AquiferError('INTERNAL', `ONNX graph: the name '${out}' is taken`);
      this.used.add(out);
    }
    const attributes: Attribute[] = Object.entries(attrs).map(([name, v]): Attribute => {
      if (typeof v === 'number') return { name, kind: 'int', value: v };
      if (typeof v === 'string') return { name, kind: 'string', value: v };
      if (Array.isArray(v)) return { name, kind: 'ints', value: v };
      if ('floats' in v) return { name, kind: 'floats', value: v.floats };
      return { name, kind: 'float', value: v.float };
    });
    this.nodes.push({ name: this.unique(`${out}/${opType}`), opType, inputs, outputs: [out], attributes });
    return out;
  }

  build(name: string, doc?: string): GraphProto {
    return { name, ...(doc ? { doc } : {}), nodes: this.nodes, initializers: this.initializers, inputs: this.inputs, outputs: this.outputs };
  }
}
