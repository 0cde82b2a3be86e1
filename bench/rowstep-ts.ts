// The plain-TypeScript baseline of bench/rowstep.ts: the same per-row step (Rectifier hidden layers,
// softmax CrossEntropy, backward fused with ADADELTA, fast_mode on sparse input) over Float32Arrays,
// written the way one would without Wasm: every layer's forward pass gathers the non-zero inputs
// (cheaper than streaming in scalar code), updates touch only non-zero inputs of neurons with δ ≠ 0.

export class TsRowstep {
  private readonly sizes: number[];
  private readonly W: Float32Array[]; private readonly b: Float32Array[];
  private readonly Ex: Float32Array[]; private readonly Eg: Float32Array[];
  private readonly Exb: Float32Array[]; private readonly Egb: Float32Array[];
  private readonly a: Float32Array[]; private readonly d: Float32Array[]; private readonly e: Float32Array[];
  private readonly idx: Int32Array[];
  private readonly nnz: Int32Array;

  constructor(sizes: number[], init: { W: Float32Array[]; b: Float32Array[] }, private readonly rho: number, private readonly eps: number) {
    this.sizes = sizes;
    this.W = init.W.map((w) => w.slice()); this.b = init.b.map((b) => b.slice());
    this.Ex = init.W.map((w) => new Float32Array(w.length)); this.Eg = init.W.map((w) => new Float32Array(w.length));
    this.Exb = init.b.map((b) => new Float32Array(b.length)); this.Egb = init.b.map((b) => new Float32Array(b.length));
    this.a = sizes.map((n) => new Float32Array(n)); this.d = sizes.map((n) => new Float32Array(n));
    this.e = sizes.map((n) => new Float32Array(n)); this.idx = sizes.map((n) => new Int32Array(n));
    this.nnz = new Int32Array(sizes.length);
  }

  train(data: { x: Float32Array; y: Int32Array }, first: number, count: number): number {
    const n0 = this.sizes[0]!, rows = data.y.length;
    for (let r = 0; r < count; r++) {
      const row = (first + r) % rows;
      this.step(data.x.subarray(row * n0, (row + 1) * n0), data.y[row]!);
    }
    return count;
  }

  private listNonzero(l: number): void {
    const a = this.a[l]!, idx = this.idx[l]!;
    let c = 0;
    for (let i = 0; i < a.length; i++) if (a[i] !== 0) idx[c++] = i;
    this.nnz[l] = c;
  }

  private step(x: Float32Array, label: number): void {
    const { sizes } = this, L = sizes.length - 1;
    this.a[0] = x;
    this.listNonzero(0);
    for (let l = 1; l <= L; l++) {
      const W = this.W[l - 1]!, b = this.b[l - 1]!, prev = this.a[l - 1]!, idx = this.idx[l - 1]!, nnz = this.nnz[l - 1]!;
      const z = this.a[l]!, out = sizes[l]!, inp = sizes[l - 1]!;
      for (let j = 0; j < out; j++) {
        let s = b[j]!;
        const base = j * inp;
        for (let k = 0; k < nnz; k++) { const i = idx[k]!; s += W[base + i]! * prev[i]!; }
        z[j] = l < L && s < 0 ? 0 : s;
      }
      if (l < L) this.listNonzero(l);
    }
    const z = this.a[L]!, dOut = this.d[L]!, K = sizes[L]!;
    let max = -Infinity, sum = 0;
    for (let k = 0; k < K; k++) max = Math.max(max, z[k]!);
    for (let k = 0; k < K; k++) { const p = Math.exp(z[k]! - max); z[k] = p; sum += p; }
    for (let k = 0; k < K; k++) dOut[k] = z[k]! / sum - (k === label ? 1 : 0);
    const rho = this.rho, omr = 1 - rho, eps = this.eps;
    for (let l = L; l >= 1; l--) {
      const W = this.W[l - 1]!, b = this.b[l - 1]!, Ex = this.Ex[l - 1]!, Eg = this.Eg[l - 1]!, Exb = this.Exb[l - 1]!, Egb = this.Egb[l - 1]!;
      const prev = this.a[l - 1]!, idx = this.idx[l - 1]!, nnz = this.nnz[l - 1]!, delta = this.d[l]!;
      const out = sizes[l]!, inp = sizes[l - 1]!, e = l > 1 ? this.e[l - 1]! : null;
      if (e) e.fill(0);
      for (let j = 0; j < out; j++) {
        const dj = delta[j]!;
        if (dj === 0) continue;
        const base = j * inp;
        if (e) for (let i = 0; i < inp; i++) e[i]! += dj * W[base + i]!;
        for (let k = 0; k < nnz; k++) {
          const o = base + idx[k]!, g = dj * prev[idx[k]!]!;
          const eg = rho * Eg[o]! + omr * g * g;
          const dw = Math.sqrt((Ex[o]! + eps) / (eg + eps)) * g;
          Eg[o] = eg; Ex[o] = rho * Ex[o]! + omr * dw * dw; W[o]! -= dw;
        }
        const eg = rho * Egb[j]! + omr * dj * dj;
        const dw = Math.sqrt((Exb[j]! + eps) / (eg + eps)) * dj;
        Egb[j] = eg; Exb[j] = rho * Exb[j]! + omr * dw * dw; b[j]! -= dw;
      }
      if (e) { const d = this.d[l - 1]!; for (let i = 0; i < inp; i++) d[i] = prev[i]! > 0 ? e[i]! : 0; }
    }
  }
}
