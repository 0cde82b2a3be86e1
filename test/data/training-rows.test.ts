import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Frame } from '../../src/frame';
import { DataInfo, type PackOptions } from '../../src/data/data-info';
import type { DataInfoParams } from '../../src/data/params';
import { hashedUnit } from '../../src/data/murmur-hash';
import {
  allocateChunks, chunkViews, defaultChunkRows, type DenseRowLayout, expandRow, expandRows, sparseRow,
} from '../../src/data/training-rows';
import { Random } from '../../src/util/random';
import { frameChunks, type FrameRef } from '../../src/dl/worker-task';
import { throwsAquifer } from './helpers';

const layout: DenseRowLayout = { nNum: 2, nCat: 3, n0: 9, numOffset: 7 };

test('a chunk is one buffer: num, cat, response, weight, offset and row sections, 4-byte words', () => {
  const [c] = allocateChunks(layout, 3, 10, true);
  assert.is(c!.buffer.byteLength, 4 * (2 + 3 + 4) * 3);
  assert.equal([c!.num, c!.cat, c!.response, c!.weight, c!.offset, c!.row].map((v) => [v.byteOffset, v.length]),
    [[0, 6], [24, 9], [60, 3], [72, 3], [84, 3], [96, 3]]);
});

test('chunks are SharedArrayBuffers by default and ArrayBuffers on request', () => {
  assert.ok(allocateChunks(layout, 1, 1, true)[0]!.buffer instanceof SharedArrayBuffer);
  const plain = allocateChunks(layout, 1, 1, false)[0]!.buffer;
  assert.ok(plain instanceof ArrayBuffer && !(plain instanceof SharedArrayBuffer));
});

test('the default chunk holds about 4 MiB and at most 2^14 rows', () => {
  assert.is(defaultChunkRows({ nNum: 784, nCat: 0, n0: 784, numOffset: 0 }), Math.floor((4 << 20) / (4 * 788)));
  assert.is(defaultChunkRows({ nNum: 1, nCat: 0, n0: 1, numOffset: 0 }), 1 << 14);
  assert.is(defaultChunkRows({ nNum: 2e6, nCat: 0, n0: 2e6, numOffset: 0 }), 1);
});

const five = () => Frame.fromArrays({ c: ['u', 'v', null, 'u', 'w'], x: [1, 2, 3, 4, 5], y: [5, 4, 3, 2, 1] });

test('rows are split across chunks of chunk_rows rows; the last one is shorter', () => {
  const rows = DataInfo.fit(five(), { y: 'y' }).packRows(five(), { chunk_rows: 2 });
  assert.equal(rows.chunks.map((c) => [c.index, c.start, c.nrows, Array.from(c.row)]), [[0, 0, 2, [0, 1]], [1, 2, 2, [2, 3]], [2, 4, 1, [4]]]);
  assert.is(rows.nrows, 5);
  assert.equal([...rows].length, 3);
  const { chunk, r } = rows.locate(3);
  assert.equal([chunk.index, r], [1, 1]);
  assert.throws(() => rows.locate(5), RangeError);
});

test('chunk_rows must be a positive integer', () => {
  const di = DataInfo.fit(five(), { y: 'y' });
  throwsAquifer(() => di.packRows(five(), { chunk_rows: 0 }), 'BAD_PARAMETER', 'chunk_rows');
});

test('a worker rebuilds the same chunk from its buffer', () => {
  const rows = DataInfo.fit(five(), { y: 'y' }).transform(five(), { chunk_rows: 3 });
  const sent = rows.chunks[1]!;
  const again = chunkViews(rows.layout, sent.buffer, sent.nrows, sent.index, sent.start);
  for (const k of ['num', 'cat', 'response', 'weight', 'offset', 'row'] as const) assert.equal(Array.from(again[k]), Array.from(sent[k]), k);
});

/** A chunk of one row with the given categorical units and numerics, in `layout`. */
function oneRow(cat: number[], num: number[]) {
  const [c] = allocateChunks(layout, 1, 1, false);
  c!.cat.set(cat); c!.num.set(num);
  return c!;
}

test('expandRow writes the one-hot 1s and the numerics; colliding units add up', () => {
  const d = new Float32Array(9).fill(7);
  expandRow(oneRow([5, 2, 5], [0, 1.5]), 0, d);
  assert.equal(Array.from(d), [0, 0, 1, 0, 0, 2, 0, 0, 1.5]);
});

test('sparseRow lists the nonzeros in ascending order, merging repeated units and skipping zeros', () => {
  const idx = new Int32Array(5), val = new Float32Array(5);
  const n = sparseRow(oneRow([5, -1, 2], [0, 1.5]), 0, idx, val);
  assert.is(n, 3);
  assert.equal([Array.from(idx.subarray(0, n)), Array.from(val.subarray(0, n))], [[2, 5, 8], [1, 1, 1.5]]);
  const m = sparseRow(oneRow([5, 2, 5], [-3, 0]), 0, idx, val);
  assert.equal([Array.from(idx.subarray(0, m)), Array.from(val.subarray(0, m))], [[2, 5, 7], [1, 2, -3]]);
});

test('expandRows writes a mini-batch of consecutive input vectors', () => {
  const di = DataInfo.fit(five(), { y: 'y' });
  const chunk = di.packRows(five()).chunks[0]!;
  const batch = new Float32Array(3 * di.n0), one = new Float32Array(di.n0);
  expandRows(chunk, 1, 3, batch);
  for (let k = 0; k < 3; k++) {
    expandRow(chunk, 1 + k, one);
    assert.equal(Array.from(batch.subarray(k * di.n0, (k + 1) * di.n0)), Array.from(one));
  }
});

// ---- property tests: random frames against a naive encoder written from the spec ----------------

interface RandomCase { frame: Frame; params: DataInfoParams; cats: string[]; nums: string[] }

function randomCase(r: Random): RandomCase {
  const nrow = 2 + r.nextInt(40), cols: Record<string, (number | string | null)[]> = {};
  const cats: string[] = [], nums: string[] = [];
  const ncat = r.nextInt(4), nnum = r.nextInt(4) + (ncat === 0 ? 1 : 0);
  for (let j = 0; j < ncat + nnum; j++) {
    const isCat = j < ncat, name = isCat ? `c${j}` : `n${j}`, card = 1 + r.nextInt(6), pNA = r.nextDouble() * 0.4;
    cols[name] = Array.from({ length: nrow }, () =>
      r.nextDouble() < pNA ? null : isCat ? `L${r.nextInt(card)}` : Math.round(r.nextGaussian() * 1000) / 100);
    (isCat ? cats : nums).push(name);
  }
  cols.y = Array.from({ length: nrow }, () => r.nextGaussian());
  const types = Object.fromEntries(cats.map((c) => [c, 'enum' as const]));
  const mode = r.nextInt(4);
  const params: DataInfoParams = {
    y: 'y', ignore_const_cols: false, use_all_factor_levels: r.nextDouble() < 0.5,
    standardize: mode !== 3, sparse: mode === 1, seed: r.nextU32() | 0,
    ...(r.nextDouble() < 0.3 ? { max_categorical_features: 1 + r.nextInt(6) } : {}),
  };
  if (mode === 2) { delete params.y; Object.assign(params, { autoencoder: true, use_all_factor_levels: true, ignored_columns: ['y'] }); }
  return { frame: Frame.fromArrays(cols, { types }), params, cats, nums };
}

/** The input vectors of every row, computed directly from the spec (lifecycle §0, training §1). */
function naiveEncode({ frame, params, cats, nums }: RandomCase): number[][] {
  const useAll = params.use_all_factor_levels !== false;
  const card = (c: string) => frame.col(c).domain!.length;
  const order = [...cats];
  for (let i = 0; i < order.length; i++) for (let j = i + 1; j < order.length; j++) {
    if (card(order[i]!) < card(order[j]!)) [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const width = order.map((c) => Math.max(1, card(c) - (useAll ? 0 : 1) + 1));
  const offsets = width.map((_, i) => width.slice(0, i).reduce((s, w) => s + w, 0));
  const catWidth = width.reduce((s, w) => s + w, 0);
  const M = params.max_categorical_features ?? Infinity, hashing = M < catWidth;
  const numStart = hashing ? M : catWidth;
  const stats = nums.map((n) => {
    const v = Array.from(frame.col(n).toFloat64()).filter((x) => !Number.isNaN(x));
    const mean = v.length ? v.reduce((s, x) => s + x, 0) / v.length : 0;
    const sd = v.length > 1 ? Math.sqrt(v.reduce((s, x) => s + (x - mean) ** 2, 0) / (v.length - 1)) : 0;
    const range = v.length ? Math.max(...v) - Math.min(...v) : 0;
    if (params.standardize === false) return { mean, sub: 0, mul: 1 };
    if (params.autoencoder) return { mean, sub: mean, mul: range > 0 ? 1 / range : 1 };
    return { mean, sub: params.sparse ? 0 : mean, mul: sd > 0 ? 1 / sd : 1 };
  });
  return Array.from({ length: frame.nrow }, (_, i) => {
    const out = new Array<number>(numStart + nums.length).fill(0);
    order.forEach((c, k) => {
      const code = frame.col(c).codes![i]!;
      let u = code < 0 ? offsets[k]! + width[k]! - 1 : useAll ? offsets[k]! + code : code === 0 ? -1 : offsets[k]! + code - 1;
      if (u >= 0 && hashing) u = hashedUnit(u, params.seed as number, M);
      if (u >= 0) out[u] += 1;
    });
    nums.forEach((n, j) => {
      const x = frame.col(n).at(i), s = stats[j]!;
      out[numStart + j] = ((Number.isNaN(x) ? s.mean : x) - s.sub) * s.mul;
    });
    return out;
  });
}

test('on random frames expandRow equals the naive encoding of every row', () => {
  const r = new Random(31337);
  for (let t = 0; t < 150; t++) {
    const c = randomCase(r);
    const di = DataInfo.fit(c.frame, c.params);
    const expected = naiveEncode(c);
    const opts: PackOptions = { chunk_rows: 1 + r.nextInt(c.frame.nrow + 2), shared: r.nextDouble() < 0.5, training: true };
    const d = new Float32Array(di.n0);
    let i = 0;
    for (const chunk of di.packRows(c.frame, opts)) {
      for (let k = 0; k < chunk.nrows; k++, i++) {
        expandRow(chunk, k, d);
        assert.is(d.length, expected[i]!.length, `case ${t}: n0`);
        for (let u = 0; u < d.length; u++) {
          const e = expected[i]![u]!;
          assert.ok(Math.abs(d[u]! - e) <= 1e-5 * Math.max(1, Math.abs(e)), `case ${t} row ${i} unit ${u}: ${d[u]} vs ${e}`);
        }
      }
    }
    assert.is(i, c.frame.nrow);
  }
});

test('on random frames sparseRow holds exactly the nonzeros of expandRow', () => {
  const r = new Random(4242);
  for (let t = 0; t < 100; t++) {
    const c = randomCase(r);
    const di = DataInfo.fit(c.frame, c.params);
    const d = new Float32Array(di.n0), back = new Float32Array(di.n0);
    const idx = new Int32Array(di.layout.nCat + di.layout.nNum), val = new Float32Array(idx.length);
    for (const chunk of di.packRows(c.frame, { chunk_rows: 7 })) {
      for (let k = 0; k < chunk.nrows; k++) {
        expandRow(chunk, k, d);
        const n = sparseRow(chunk, k, idx, val);
        back.fill(0);
        for (let m = 0; m < n; m++) {
          if (m > 0) assert.ok(idx[m]! > idx[m - 1]!, 'ascending, no repeats');
          assert.ok(val[m] !== 0);
          back[idx[m]!] = val[m]!;
        }
        assert.equal(Array.from(back), Array.from(d));
      }
    }
  }
});

test('on random frames the JSON round trip packs bit-identical rows', () => {
  const r = new Random(77);
  for (let t = 0; t < 50; t++) {
    const c = randomCase(r);
    const di = DataInfo.fit(c.frame, c.params);
    const back = DataInfo.fromJSON(JSON.parse(JSON.stringify(di.toJSON())));
    const bytes = (x: DataInfo) => x.packRows(c.frame, { training: true }).chunks.map((ch) => Array.from(new Uint8Array(ch.buffer.slice(0))));
    assert.equal(bytes(back), bytes(di), `case ${t}`);
  }
});


// ---- sparse packing: the same rows, the numerics as their non-zeros --------------------------------

/** A random frame with mostly-zero numerics (and NAs, -0, a weight and an offset column), params
 *  with sparse: true, and now and then hashing into a few units (collisions) or Skip. */
function sparseCase(r: Random): { frame: Frame; params: DataInfoParams } {
  const nrow = 1 + r.nextInt(60), cols: Record<string, (number | string | null)[]> = {};
  const ncat = r.nextInt(4), nnum = r.nextInt(6) + (ncat === 0 ? 1 : 0), cats: string[] = [];
  for (let j = 0; j < ncat; j++) {
    const card = 1 + r.nextInt(6), pNA = r.nextDouble() * 0.3;
    cols[`c${j}`] = Array.from({ length: nrow }, () => (r.nextDouble() < pNA ? null : `L${r.nextInt(card)}`));
    cats.push(`c${j}`);
  }
  for (let j = 0; j < nnum; j++) {
    const pZero = r.nextDouble(), pNA = r.nextDouble() * 0.2;
    cols[`n${j}`] = Array.from({ length: nrow }, () => {
      const u = r.nextDouble();
      return u < pNA ? null : u < pNA + pZero ? (r.nextInt(8) === 0 ? -0 : 0) : Math.round(r.nextGaussian() * 1000) / 100;
    });
  }
  cols.w = Array.from({ length: nrow }, () => (r.nextInt(5) === 0 ? 0 : 0.5 + r.nextDouble()));
  cols.o = Array.from({ length: nrow }, () => r.nextGaussian());
  cols.y = Array.from({ length: nrow }, () => (r.nextInt(10) === 0 ? null : r.nextGaussian()));
  const types = Object.fromEntries(cats.map((c) => [c, 'enum' as const]));
  const params: DataInfoParams = {
    y: 'y', weights_column: 'w', offset_column: 'o', ignore_const_cols: false, sparse: true,
    use_all_factor_levels: r.nextDouble() < 0.5, standardize: r.nextDouble() < 0.7, seed: r.nextU32() | 0,
    missing_values_handling: r.nextInt(4) === 0 ? 'Skip' : 'MeanImputation',
    ...(r.nextDouble() < 0.3 ? { max_categorical_features: 1 + r.nextInt(3) } : {}),
  };
  return { frame: Frame.fromArrays(cols, { types }), params };
}

const bits = (a: Float32Array) => Array.from(new Uint32Array(a.buffer, a.byteOffset, a.length));

test('on random sparse frames a sparse chunk expands bit for bit as the dense one, with the same other sections', () => {
  const r = new Random(2718);
  let sparseChunks = 0, negZero = 0;
  for (let t = 0; t < 200; t++) {
    const c = sparseCase(r);
    let di: DataInfo;
    try { di = DataInfo.fit(c.frame, c.params); } catch { continue; } // Skip may leave no row
    const chunk_rows = 1 + r.nextInt(c.frame.nrow + 2), shared = r.nextDouble() < 0.5;
    const dense = di.packRows(c.frame, { training: true, chunk_rows, shared, sparse: false });
    const sparse = di.packRows(c.frame, { training: true, chunk_rows, shared, sparse: true });
    assert.ok(sparse.layout.sparse && !dense.layout.sparse);
    assert.equal([sparse.nrows, sparse.skippedRows, sparse.warnings], [dense.nrows, dense.skippedRows, dense.warnings]);
    assert.equal(sparse.chunks.map((k) => [k.index, k.start, k.nrows]), dense.chunks.map((k) => [k.index, k.start, k.nrows]));
    const a = new Float32Array(di.n0), b = new Float32Array(di.n0);
    const ia = new Int32Array(di.layout.nCat + di.layout.nNum), va = new Float32Array(ia.length);
    const ib = new Int32Array(ia.length), vb = new Float32Array(ia.length);
    sparse.chunks.forEach((s, k) => {
      const d = dense.chunks[k]!;
      assert.ok(s.sparse && !d.sparse, `case ${t}: forms`);
      sparseChunks++;
      for (const f of ['cat', 'response', 'weight', 'offset', 'row'] as const) assert.equal(Array.from(s[f]), Array.from(d[f]), `case ${t}: ${f}`);
      for (let q = 0; q < s.nrows; q++) {
        expandRow(s, q, a); expandRow(d, q, b);
        assert.equal(bits(a), bits(b), `case ${t} chunk ${k} row ${q}`);
        const n = sparseRow(s, q, ia, va), m = sparseRow(d, q, ib, vb);
        assert.equal([Array.from(ia.subarray(0, n)), bits(va.subarray(0, n))], [Array.from(ib.subarray(0, m)), bits(vb.subarray(0, m))], `case ${t} sparseRow ${q}`);
        for (let j = 0; j < di.layout.nNum; j++) if (Object.is(b[di.layout.numOffset + j], -0)) negZero++;
      }
      // Only what is not +0 is stored.
      for (let e = 0; e < s.numValue.length; e++) assert.ok(!Object.is(s.numValue[e], 0), `case ${t}: a stored +0`);
    });
  }
  assert.ok(sparseChunks > 300 && negZero > 0, `the cases exercise the sparse form (${sparseChunks} chunks, ${negZero} -0s)`);
});

test('a sparse chunk holds its row starts, then the dense sections, then the column indices and values', () => {
  const f = Frame.fromArrays({ c: ['u', 'v', null], a: [0, 2, 0], b: [3, 0, 0], y: [1, 2, 3] }, { types: { c: 'enum' } });
  const di = DataInfo.fit(f, { y: 'y', sparse: true, standardize: false });
  const s = di.packRows(f, { training: true, sparse: true }).chunks[0]!;
  assert.ok(s.sparse);
  if (!s.sparse) return;
  assert.equal(Array.from(s.numStart), [0, 1, 2, 2]);
  assert.equal([Array.from(s.numIndex), Array.from(s.numValue)], [[1, 0], [3, 2]]);
  assert.equal([s.numStart, s.cat, s.response, s.weight, s.offset, s.row, s.numIndex, s.numValue].map((v) => [v.byteOffset, v.length]),
    [[0, 4], [16, 3], [28, 3], [40, 3], [52, 3], [64, 3], [76, 2], [84, 2]]);
  assert.is(s.buffer.byteLength, 92);
  assert.not.ok('num' in s);
});

test('rows a sparse model trains and validates on pack sparse by default, unless dense is smaller; transform is always dense', () => {
  const mostlyZero = Frame.fromArrays({ a: [0, 0, 0, 5], b: [0, 1, 0, 0], c: [0, 0, 0, 0.5], y: [1, 2, 3, 4] });
  const mostlyFull = Frame.fromArrays({ a: [1, 2, 3, 5], b: [4, 1, 7, 0], c: [1, 0, 2, 0.5], y: [1, 2, 3, 4] });
  const sparseModel = DataInfo.fit(mostlyZero, { y: 'y', sparse: true });
  assert.ok(sparseModel.packRows(mostlyZero, { training: true }).layout.sparse);
  assert.ok(sparseModel.packRows(mostlyZero).layout.sparse, 'validation rows too');
  assert.not.ok(sparseModel.transform(mostlyZero).layout.sparse);
  assert.not.ok(DataInfo.fit(mostlyFull, { y: 'y', sparse: true }).packRows(mostlyFull, { training: true }).layout.sparse, 'fuller than half');
  assert.not.ok(DataInfo.fit(mostlyZero, { y: 'y' }).packRows(mostlyZero, { training: true }).layout.sparse, 'sparse: false');
});

test('a sparse chunk rebuilt in a worker from its reference equals the original', () => {
  const r = new Random(99);
  for (let t = 0; t < 40; t++) {
    const c = sparseCase(r);
    let di: DataInfo;
    try { di = DataInfo.fit(c.frame, c.params); } catch { continue; }
    const rows = di.packRows(c.frame, { training: true, chunk_rows: 1 + r.nextInt(20), sparse: true });
    // What TrainingJob.addFrame sends, through the structured clone a postMessage makes.
    const ref: FrameRef = structuredClone({ layout: rows.layout, chunks: rows.chunks.map((k) => ({ buffer: k.buffer, nrows: k.nrows, index: k.index, start: k.start })) });
    const again = frameChunks(ref);
    assert.is(again.length, rows.chunks.length);
    const a = new Float32Array(di.n0), b = new Float32Array(di.n0);
    again.forEach((k, i) => {
      const o = rows.chunks[i]!;
      assert.ok(k.sparse && o.sparse);
      if (!k.sparse || !o.sparse) return;
      assert.equal([k.index, k.start, k.nrows], [o.index, o.start, o.nrows]);
      for (const f of ['numStart', 'numIndex', 'numValue', 'cat', 'response', 'weight', 'offset', 'row'] as const) assert.equal(Array.from(k[f]), Array.from(o[f]), f);
      for (let q = 0; q < k.nrows; q++) { expandRow(k, q, a); expandRow(o, q, b); assert.equal(bits(a), bits(b)); }
    });
  }
});

test('a buffer that does not fit its sparse layout is refused, never read', () => {
  const f = Frame.fromArrays({ a: [0, 2, 0, 1], y: [1, 2, 3, 4] });
  const di = DataInfo.fit(f, { y: 'y', sparse: true });
  const s = di.packRows(f, { training: true, sparse: true, chunk_rows: 4 }).chunks[0]!;
  assert.ok(s.sparse);
  throwsAquifer(() => chunkViews(s.layout, s.buffer, 3), 'INTERNAL');
  throwsAquifer(() => chunkViews(s.layout, s.buffer.slice(0, s.buffer.byteLength - 4), 4), 'INTERNAL');
  throwsAquifer(() => chunkViews(s.layout, new ArrayBuffer(4), 4), 'INTERNAL');
});

test.run();
