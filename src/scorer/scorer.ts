// The standalone scorer: a trained model (or its saved bytes) that predicts plain JavaScript rows or
// columns with predict's own forward pass and post-processing, synchronously, on the calling thread.

import { predictionNames, predictLabels, regressionValue } from '../dl/predictions';
import { AquiferError } from '../util/errors';
import { CallReport, Form, RecordEncoder, type ColumnsInput, type RowsInput, type ScorerInput } from './encode';
import type { ScorerKernel } from './engine';
import { chooseKernels, startEngine, type EngineOptions, type StartedEngine } from './kernels';
import { describe, msg } from './messages';
import { checkScoringModel, fromModel, isModelLike, type ModelLike, type ScoringModel } from './model-source';
import { readScoringModel } from './read-bytes';

export interface ScorerOptions extends EngineOptions {
  /** Called with each warning (missing columns, unseen levels) as a prediction reports it. */
  onWarning?: (message: string) => void;
}

/** One prediction: `predict` (the label, or the regression value), then one probability per class. */
export type PredictionRow = Record<string, string | number>;
/** Predictions as columns: `predict` (labels, or regression values), then one column per class. */
export type PredictionColumns = Record<string, Float64Array | string[]>;

export class Scorer {
  /** The forward pass in use: 'simd-st', 'scalar-st' or 'ts'. */
  readonly kernel: ScorerKernel;
  /** Why that forward pass was chosen (or why Wasm could not be used). */
  readonly kernelReason: string;
  /** The input columns the model reads. */
  readonly columns: readonly string[];
  /** The output names: `predict`, then one per class (H2O's names: level 0 → p0). */
  readonly names: readonly string[];
  /** Warnings of the latest prediction: missing columns and unseen levels, by column. */
  warnings: string[] = [];

  /** What predictions read of the model (not its weights: the engine holds those). */
  private readonly m: Pick<ScoringModel, 'info' | 'distribution' | 'threshold'>;
  private readonly domain: readonly string[] | null;
  private readonly K: number;
  private readonly encoder: RecordEncoder;
  private readonly engine: StartedEngine['engine'];
  private codes = new Int32Array(1);

  private constructor(m: ScoringModel, started: StartedEngine, private readonly onWarning?: (message: string) => void) {
    this.m = { info: m.info, distribution: m.distribution, threshold: m.threshold };
    this.engine = started.engine;
    this.kernel = started.engine.kernel;
    this.kernelReason = started.reason;
    this.encoder = new RecordEncoder(m.info);
    this.columns = this.encoder.columns;
    this.domain = m.info.responseDomain;
    this.names = predictionNames(this.domain);
    this.K = this.domain ? this.domain.length : 1;
  }

  /** A scorer for a trained model, for the bytes of a saved one (model.toBytes()), or for a Blob of
   *  them (a File, a Response's blob, Node's fs.openAsBlob(path)): from a Blob only what scoring
   *  reads is read, which makes it the quickest way from a file. Bytes must not change until the
   *  returned promise settles; after that the scorer holds its own copy of the weights. */
  static async load(source: ModelLike | Uint8Array | ArrayBuffer | Blob, options: ScorerOptions = {}): Promise<Scorer> {
    const saved = source instanceof ArrayBuffer ? new Uint8Array(source)
      : source instanceof Uint8Array || (typeof Blob === 'function' && source instanceof Blob) ? source : null;
    if (!saved && !isModelLike(source)) throw new AquiferError('BAD_PARAMETER', msg.badSource(describe(source)), { subject: 'source' });
    // Loading the kernels starts before the model decodes; a failure surfaces at the await below.
    const kernels = chooseKernels(options);
    kernels.catch(() => undefined);
    const m = saved ? await readScoringModel(saved) : fromModel(source as ModelLike);
    checkScoringModel(m);
    const chosen = await kernels;
    // The weights are a view of the bytes read: the Wasm pass copies them into its own memory, the
    // TypeScript pass, which reads them at every call, keeps a copy of bytes the caller holds.
    if (saved instanceof Uint8Array && chosen.kind === 'ts') m.theta = m.theta.slice();
    return new Scorer(m, await startEngine(m, chosen), options.onWarning);
  }

  /** H2O's prediction rows for rows ([{ column: value }]) or columns ({ column: values }). */
  predict(input: ScorerInput): PredictionRow[] {
    const out: PredictionRow[] = [];
    const names = this.names, K = this.K, domain = this.domain;
    this.run(input, (probs, n) => {
      if (!domain) {
        for (let i = 0; i < n; i++) out.push({ predict: regressionValue(probs[i]!, this.m.info, this.m.distribution) });
        return;
      }
      if (this.codes.length < n) this.codes = new Int32Array(n);
      predictLabels(probs, n, K, this.m.threshold, this.codes);
      for (let i = 0; i < n; i++) {
        const row: PredictionRow = { predict: domain[this.codes[i]!]! };
        for (let k = 0; k < K; k++) row[names[k + 1]!] = probs[i * K + k]!;
        out.push(row);
      }
    });
    return out;
  }

  /** The same predictions as columns: `predict`, then one Float64Array per class. */
  predictColumns(input: ScorerInput): PredictionColumns {
    const n = this.shape(input).n, K = this.K, domain = this.domain;
    const values = Array.from({ length: domain ? K : 1 }, () => new Float64Array(n));
    const labels: string[] = [];
    const codes = new Int32Array(n);
    let at = 0;
    this.run(input, (probs, b) => {
      if (!domain) {
        for (let i = 0; i < b; i++) values[0]![at + i] = regressionValue(probs[i]!, this.m.info, this.m.distribution);
      } else {
        predictLabels(probs, b, K, this.m.threshold, codes, at);
        for (let i = 0; i < b; i++) for (let k = 0; k < K; k++) values[k]![at + i] = probs[i * K + k]!;
      }
      at += b;
    });
    if (!domain) return { predict: values[0]! };
    for (let i = 0; i < n; i++) labels.push(domain[codes[i]!]!);
    const cols: PredictionColumns = { predict: labels };
    values.forEach((v, k) => { cols[this.names[k + 1]!] = v; });
    return cols;
  }

  /** Encodes and scores the input block by block (the engine's batch: a block's input rows stay in
   *  cache between packing and the forward pass); `each` gets every block's outputs. */
  private run(input: ScorerInput, each: (outputs: ArrayLike<number>, n: number) => void): void {
    const { n, form } = this.shape(input), { engine, encoder } = this, block = engine.batch;
    const report = new CallReport();
    const absent = n > block && form === Form.Objects ? encoder.absentColumns(input as RowsInput) : null;
    for (let from = 0; from < n; from += block) {
      const b = Math.min(block, n - from);
      encoder.encode(input, form, from, b, absent, report, engine.sink);
      each(engine.score(b), b);
    }
    this.warnings = report.missing || report.unseen ? report.warnings(this.m.info.params.sparse) : [];
    if (this.onWarning) for (const w of this.warnings) this.onWarning(w);
  }

  /** The input's form and row count, checked once: rows all objects, or all arrays as long as
   *  `columns`; columns all as long as one another. */
  private shape(input: ScorerInput): { n: number; form: Form } {
    if (Array.isArray(input)) {
      const rows = input as readonly unknown[];
      const positional = rows.length > 0 && isArrayRow(rows[0]);
      for (let i = 0; i < rows.length; i++) {
        const r = rows[i];
        if (positional) {
          if (!isArrayRow(r)) throw new AquiferError('BAD_PARAMETER', msg.badRow(i, describe(r)), { subject: 'rows' });
          if ((r as ArrayLike<unknown>).length !== this.columns.length) throw new AquiferError('BAD_PARAMETER', msg.rowLength(i, (r as ArrayLike<unknown>).length, this.columns.length), { subject: 'rows' });
        } else if (typeof r !== 'object' || r === null || isArrayRow(r)) throw new AquiferError('BAD_PARAMETER', msg.badRow(i, describe(r)), { subject: 'rows' });
      }
      return { n: rows.length, form: positional ? Form.Arrays : Form.Objects };
    }
    if (typeof input !== 'object' || input === null) throw new AquiferError('BAD_PARAMETER', msg.badInput(describe(input)), { subject: 'input' });
    const cols = input as ColumnsInput;
    let first: string | null = null, n = 0;
    for (const key of this.columns) {
      const c = cols[key];
      if (c === undefined || c === null) continue;
      if (typeof c.length !== 'number') throw new AquiferError('BAD_PARAMETER', msg.badInput(`column '${key}' as ${describe(c)}`), { subject: key });
      if (first === null) { first = key; n = c.length; } else if (c.length !== n) throw new AquiferError('BAD_PARAMETER', msg.columnLengths(first, n, key, c.length), { subject: key });
    }
    if (first === null) for (const c of Object.values(cols)) if (c && typeof c.length === 'number') return { n: c.length, form: Form.Columns };
    return { n, form: Form.Columns };
  }
}

const isArrayRow = (r: unknown): r is ArrayLike<unknown> => Array.isArray(r) || (ArrayBuffer.isView(r) && !(r instanceof DataView));
