// model.predictStream: H2O's predictions for a file larger than memory. The file is read a chunk of
// rows at a time (importFileChunks), each chunk packed by the model's DataInfo and staged for one
// scoring job (stream-scorer.ts), and the predictions come out as Frames of chunk_rows rows, or go
// to a CSV file written incrementally and atomically. Memory is about one chunk, the parse buffer
// and the scoring staging, whatever the file's size. The CSV is exactly model.predict's on the
// whole file, as Frame.toCSV() writes it.
//
// Warnings: the import's once each, and unseen levels once per column over the whole file, at the
// end (a chunk only knows its own levels): passed to onWarning, attached to the last prediction
// frame, and returned in the summary when writing a file.

import { AquiferError } from '../util/errors';
import type { Frame } from '../frame';
import { checkChunkRows, importFileChunks, type ChunkOptions } from '../frame/import-chunks';
import { codesInDomain } from '../data/frame-access';
import type { DataInfo } from '../data/data-info';
import { msg } from '../data/messages';
import type { ModelState } from './model';
import { predictionFrame } from './prediction-frame';
import { StreamScorer } from './stream-scorer';

export interface PredictStreamOptions extends ChunkOptions {
  /** Write H2O's prediction CSV here (Node): a temporary file beside it, renamed over it when
   *  complete, so that on an error no output file remains (an older one is left as it was). */
  out?: string;
  /** Stops between chunks with an ABORTED error; with `out`, nothing is written. */
  signal?: AbortSignal;
}

/** What predictStream reports after writing `out`. */
export interface PredictStreamSummary {
  /** The absolute path written. */
  path: string;
  rows: number;
  columns: string[];
  warnings: string[];
}

export type StreamSource = string | URL | Blob;

/** Prediction Frames of `chunk_rows` rows (the last may be shorter), in file order. */
export async function* predictionChunks(s: ModelState, threshold: number, source: StreamSource, options: PredictStreamOptions = {}): AsyncGenerator<Frame, void, undefined> {
  const chunkRows = checkChunkRows(options.chunk_rows);
  const warnings = new StreamWarnings(s.info);
  const scorer = new StreamScorer(s);
  const width = s.layout.spec.units[s.layout.spec.units.length - 1]!;
  const queue = new OutputQueue(width);
  const frameOf = (n: number) => predictionFrame(queue.take(n), n, s.info, s.evalOpts.distribution, threshold);
  try {
    const { out: _out, signal: _signal, ...importOptions } = options;  // predictStream's own, not the import's
    const chunks = importFileChunks(source, { ...importOptions, chunk_rows: chunkRows, onWarning: (w) => warnings.add(w) });
    for await (const chunk of chunks) {
      if (options.signal?.aborted) throw new AquiferError('ABORTED', 'prediction stopped by its abort signal');
      const packed = s.info.transform(chunk, { chunk_rows: Math.max(1, chunk.nrow), shared: false, responseOptional: true });
      warnings.addChunk(chunk, packed.warnings);
      for (const out of await scorer.push(packed)) queue.push(out);
      while (queue.rows > chunkRows) yield frameOf(chunkRows);  // one frame may wait to be the last
    }
    const rest = await scorer.finish();
    if (rest !== null) queue.push(rest);
    while (queue.rows > chunkRows) yield frameOf(chunkRows);
    const last = frameOf(queue.rows);
    last.warnings.push(...warnings.list());
    for (const w of last.warnings) options.onWarning?.(w);
    yield last;
  } finally {
    await scorer.close();
  }
}

/** Writes every prediction frame to `out` as one CSV (the header once), atomically. */
export async function predictToFile(s: ModelState, threshold: number, source: StreamSource, options: PredictStreamOptions & { out: string }): Promise<PredictStreamSummary> {
  const out = options.out;
  if (typeof out !== 'string' || out.length === 0)
    throw new AquiferError('BAD_PARAMETER', `out must be a non-empty path, got ${JSON.stringify(out)}`, { subject: 'out' });
  if (!(typeof process !== 'undefined' && typeof process.versions?.node === 'string'))
    throw new AquiferError('RUNTIME_UNSUPPORTED', `predictStream can write '${out}' only in Node; without out it returns the prediction frames`, { subject: 'out' });
  checkChunkRows(options.chunk_rows);
  const { createAtomicFile } = await import('../frame/atomic-file-node');
  const file = await createAtomicFile(out);
  let rows = 0, columns: string[] | null = null, warnings: string[] = [];
  try {
    for await (const pred of predictionChunks(s, threshold, source, options)) {
      // Only a file without rows gives an empty frame, and then the header is the whole output.
      if (columns === null || pred.nrow > 0) await file.write(pred.toCSV({ header: columns === null }));
      columns ??= pred.names;
      rows += pred.nrow;
      warnings = pred.warnings;
    }
    return { path: await file.commit(), rows, columns: columns ?? [], warnings };
  } catch (e) {
    await file.abort();
    throw e;
  }
}

/** Network outputs waiting to become prediction frames: rows × width floats, in order. */
class OutputQueue {
  private parts: Float32Array[] = [];
  private offset = 0;  // floats of parts[0] already taken
  rows = 0;

  constructor(private readonly width: number) {}

  push(out: Float32Array): void {
    if (out.length === 0) return;
    this.parts.push(out);
    this.rows += out.length / this.width;
  }

  /** The next n rows' outputs. */
  take(n: number): Float32Array {
    const out = new Float32Array(n * this.width);
    for (let o = 0; o < out.length; ) {
      const p = this.parts[0]!, k = Math.min(p.length - this.offset, out.length - o);
      out.set(p.subarray(this.offset, this.offset + k), o);
      o += k; this.offset += k;
      if (this.offset === p.length) { this.parts.shift(); this.offset = 0; }
    }
    this.rows -= n;
    return out;
  }
}

/**
 * The stream's warnings, each once: the import's and DataInfo's by their text, and unseen levels
 * by column, with the levels of every chunk. A chunk's unseen-level warning is recognised by the
 * text messages.ts words it with, and its levels taken again from the chunk (codesInDomain, as
 * DataInfo does), since the warning lists only the first ten.
 */
class StreamWarnings {
  private readonly texts = new Map<string, string | null>();  // key → text (null: unseen levels)
  private readonly unseen = new Map<string, Set<string>>();
  private readonly domains = new Map<string, readonly string[]>();

  constructor(info: DataInfo) {
    // The domain each column is read against, as DataInfo's FeatureReader caches it: the first feature's.
    for (const f of info.categoricals) if (!this.domains.has(f.column)) this.domains.set(f.column, f.source_domain ?? f.domain);
    for (const f of info.numerics) if (f.domain && !this.domains.has(f.column)) this.domains.set(f.column, f.domain);
    const r = info.response;
    if (r?.domain && !this.domains.has(r.column)) this.domains.set(r.column, r.domain);
  }

  add(text: string): void {
    if (!this.texts.has(text)) this.texts.set(text, text);
  }

  addChunk(chunk: Frame, warnings: readonly string[]): void {
    for (const w of warnings) {
      const column = [...this.domains.keys()].find((c) => w.startsWith(unseenPrefix(c)) && chunk.has(c));
      if (column === undefined) { this.add(w); continue; }
      const key = `unseen\0${column}`;
      if (!this.texts.has(key)) this.texts.set(key, null);
      const set = this.unseen.get(column) ?? new Set<string>();
      this.unseen.set(column, set);
      for (const level of codesInDomain(chunk.col(column), this.domains.get(column)!).unseen) set.add(level);
    }
  }

  list(): string[] {
    return [...this.texts].map(([key, text]) => {
      if (text !== null) return text;
      const column = key.slice('unseen\0'.length);
      return msg.unseenLevels(column, [...this.unseen.get(column)!]);
    });
  }
}

function unseenPrefix(column: string): string {
  const probe = msg.unseenLevels(column, []);
  return probe.slice(0, probe.lastIndexOf('[') + 1);
}
