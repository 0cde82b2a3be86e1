// The network's shape and where each parameter lives in the one parameter arena.
// Layer l (1..L+1) has W_l of (k_l·n_l) × n_{l−1} floats, row-major, row = receiving unit, and b_l of
// k_l·n_l floats; k_l = 2 for Maxout hidden layers (rows 2j and 2j+1 are unit j's two channels),
// else 1. The optimizer state follows the parameters in the same arena, block for block, so that a
// checkpoint is one slice and model averaging is one vector operation.

export type Activation = 'Tanh' | 'Rectifier' | 'ExpRectifier' | 'Maxout';
export type Optimizer = 'adadelta' | 'momentum' | 'sgd';

export interface NetworkSpec {
  /** Units per layer, input first, output last: [n_0, hidden..., n_out]. */
  units: number[];
  activation: Activation;
  /** 'softmax' for classification, 'linear' for regression (link space). */
  output: 'softmax' | 'linear';
  optimizer: Optimizer;
}

export interface LayerBlocks {
  /** Rows of W (k·n_l) and columns (n_{l−1}). */
  rows: number;
  cols: number;
  /** Channels per unit: 2 for Maxout hidden layers, else 1. */
  k: number;
  /** Float offsets into the arena. */
  W: number;
  b: number;
  /** ADADELTA: Ex, Eg for W, Exb, Egb for b. Momentum: vW, vb. Absent for plain SGD. */
  state: { W: number[]; b: number[] };
}

export interface ParamLayout {
  spec: NetworkSpec;
  layers: LayerBlocks[];
  /** Floats of parameters (weights and biases), all at the start of the arena. */
  paramFloats: number;
  /** Floats of the whole arena: parameters then optimizer state. */
  totalFloats: number;
}

/** Rounds float counts up to four so that every block starts 16-byte aligned (v128 loads). */
const pad4 = (n: number) => (n + 3) & ~3;

export function layoutNetwork(spec: NetworkSpec): ParamLayout {
  const L = spec.units.length - 1;
  let at = 0;
  const layers: LayerBlocks[] = [];
  for (let l = 1; l <= L; l++) {
    const k = spec.activation === 'Maxout' && l < L ? 2 : 1;
    const rows = k * spec.units[l]!, cols = spec.units[l - 1]!;
    const W = at; at += pad4(rows * cols);
    const b = at; at += pad4(rows);
    layers.push({ rows, cols, k, W, b, state: { W: [], b: [] } });
  }
  const paramFloats = at;
  const perParam = spec.optimizer === 'adadelta' ? 2 : spec.optimizer === 'momentum' ? 1 : 0;
  for (const layer of layers) {
    for (let s = 0; s < perParam; s++) { layer.state.W.push(at); at += pad4(layer.rows * layer.cols); }
    for (let s = 0; s < perParam; s++) { layer.state.b.push(at); at += pad4(layer.rows); }
  }
  return { spec, layers, paramFloats, totalFloats: at };
}

/** Weights and biases (excluding optimizer state and padding), as H2O counts model size. */
export function parameterCount(layout: ParamLayout): number {
  return layout.layers.reduce((s, l) => s + l.rows * l.cols + l.rows, 0);
}
