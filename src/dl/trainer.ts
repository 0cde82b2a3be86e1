// The training loop (h2o-training.md §5, h2o-lifecycle.md §1–§2): iterations of HOGWILD! SGD over
// the workers, scoring events on H2O's schedule, early stopping, the best model, progress, abort.

import { AquiferError } from '../util/errors';
import { Random } from '../util/random';
import type { DataInfo } from '../data/data-info';
import type { PackedRows } from '../data/training-rows';
import type { BuildName } from '../wasm/runtime';
import { applyInitialParameters, initializeParameters, type InitialParameters, type InitialWeightDistribution } from './init';
import type { ParamLayout } from './network';
import { TrainingJob } from './job';
import { planIteration, samplesPerIteration } from './sampling';
import { evaluate, type EvaluateOptions, type ModelMetrics } from './evaluate';
import { checkStability } from './stability';
import { METRIC_TRAITS, metricValue, modelLoss, resolveStoppingMetric, stopEarly, type StoppingMetric } from './stopping';
import type { StepConfig } from './stepper';
import { scoreSetSize, type ScoreSet } from './score-set';

export interface TrainerParams {
  epochs: number;
  seed: number | bigint;
  reproducible: boolean;
  mini_batch_size: number;
  adaptive_rate: boolean;
  rate: number; rate_annealing: number; rate_decay: number;
  momentum_start: number; momentum_ramp: number; momentum_stable: number;
  initial_weight_distribution: InitialWeightDistribution;
  initial_weight_scale: number;
  train_samples_per_iteration: number;
  shuffle_training_data: boolean;
  score_interval: number; score_duty_cycle: number; score_each_iteration: boolean;
  stopping_rounds: number; stopping_metric: string; stopping_tolerance: number;
  classification_stop: number; regression_stop: number;
  max_runtime_secs: number;
  overwrite_with_best_model: boolean;
}

export interface ScoringEvent {
  timestamp: number;
  duration_ms: number;
  /** Training rows per second of training time (scoring excluded). */
  training_speed: number;
  epochs: number;
  iterations: number;
  samples: number;
  training?: ModelMetrics;
  validation?: ModelMetrics;
}

export interface Progress {
  phase: 'training' | 'scoring' | 'done';
  epochs: number;
  total_epochs: number;
  iterations: number;
  samples: number;
  rows_per_s: number;
  elapsed_s: number;
  eta_s: number;
  training?: ModelMetrics;
  validation?: ModelMetrics;
}

/** What training runs on: the network and its step, the data as packed rows, where it runs. */
export interface TrainingSetup {
  cfg: StepConfig;
  layout: ParamLayout;
  info: DataInfo;
  evalOpts: EvaluateOptions;
  train: PackedRows;
  /** Packed training rows scored at each event (score_training_samples); null for all. */
  trainScoreIndex: Int32Array | null;
  valid?: PackedRows;
  build: BuildName;
  threads: number;
  /** initial_weights / initial_biases, validated, written over the random initialization. */
  initial?: InitialParameters;
}

export interface TrainInput extends TrainingSetup {
  params: TrainerParams;
  /** Continue from these parameters and optimizer state (checkpoint). */
  theta?: Float32Array;
  samples?: number;
  iterations?: number;
  /** A checkpoint restart (h2o-lifecycle.md §9.1) also continues the epoch counter (so a new frame
   *  of another size adds its own epochs), the scoring history (which feeds early stopping and holds
   *  the best loss so far, that of `theta`) and the elapsed time. */
  epochs?: number;
  history?: readonly ScoringEvent[];
  elapsedMs?: number;
  onProgress?: (p: Progress) => void;
  signal?: AbortSignal;
}

export interface TrainOutcome {
  theta: Float32Array;
  history: ScoringEvent[];
  samples: number;
  iterations: number;
  epochs: number;
  stopped: 'epochs' | 'early_stopping' | 'max_runtime_secs' | 'aborted';
  warnings: string[];
}

/** Rows a worker trains between two looks at progress and the abort signal (to start with, and
 *  always under reproducible), and the time a round aims at otherwise. */
const ROUND_ROWS = 4096;
const ROUND_MS = 250;

export async function runTraining(t: TrainInput): Promise<TrainOutcome> {
  const p = t.params;
  const kind = t.layout.spec.output === 'softmax' ? 'classification' : 'regression';
  // prepare() refuses the custom metrics, which aquifer does not compute yet.
  const stopMetric = resolveStoppingMetric(p.stopping_metric as StoppingMetric, kind);
  const trainSet: ScoreSet = { frame: 'train', rows: t.train, index: t.trainScoreIndex };
  const validSet: ScoreSet | undefined = t.valid ? { frame: 'valid', rows: t.valid, index: null } : undefined;
  const maxScoreRows = Math.max(scoreSetSize(trainSet), t.valid?.nrows ?? 0);
  const job = await TrainingJob.start({ build: t.build, threads: t.threads, layout: t.layout, cfg: t.cfg, batch: p.mini_batch_size, reproducible: p.reproducible, maxScoreRows });
  const warnings: string[] = [];
  try {
    if (t.theta) job.paramView().set(t.theta);
    else {
      initializeParameters(t.layout, job.paramView(), { seed: p.seed, initial_weight_distribution: p.initial_weight_distribution, initial_weight_scale: p.initial_weight_scale });
      if (t.initial) applyInitialParameters(t.layout, job.paramView(), t.initial);
    }
    await job.addFrame('train', t.train);
    if (t.valid) await job.addFrame('valid', t.valid);

    const nrows = t.train.nrows;
    const tspi = samplesPerIteration(p.train_samples_per_iteration, nrows, p.epochs, p.reproducible);
    const start = performance.now();
    let samples = t.samples ?? 0, iterations = t.iterations ?? 0;
    const startSamples = samples, startEpochs = t.epochs ?? samples / nrows;
    const epochAt = (n: number) => startEpochs + (n - startSamples) / nrows;
    let trainMs = 0, lastScoreStart = 0, lastScoreEnd = 0;
    const history: ScoringEvent[] = [...(t.history ?? [])];
    const startEvents = history.length;
    // H2O's placeholder row is never part of the stopping window.
    const series: number[] = [NaN, ...history.map((ev) => metricValue(stopMetric, (ev.validation ?? ev.training) as never))];
    let best: { loss: number; theta: Float32Array } | undefined;
    // A restart starts from the checkpoint's final model, which its last scoring event describes.
    let lastScored: Float32Array | undefined = startEvents > 0 ? t.theta : undefined;
    if (lastScored && p.overwrite_with_best_model) {
      const last = history[startEvents - 1]!;
      best = { loss: modelLoss(stopMetric, kind, (last.validation ?? last.training) as never), theta: lastScored };
    }
    let stopped: TrainOutcome['stopped'] = 'epochs';

    const progress = (phase: Progress['phase'], latest?: ScoringEvent) => {
      if (!t.onProgress) return;
      const elapsed = (performance.now() - start) / 1000;
      const rate = trainMs > 0 ? ((samples - startSamples) / trainMs) * 1000 : 0;
      const left = Math.max(0, (p.epochs - epochAt(samples)) * nrows);
      t.onProgress({ phase, epochs: epochAt(samples), total_epochs: p.epochs, iterations, samples, rows_per_s: rate, elapsed_s: elapsed, eta_s: rate > 0 ? left / rate : NaN, training: latest?.training, validation: latest?.validation });
    };

    const score = async (): Promise<ScoringEvent> => {
      checkStability(t.layout, job.paramView());
      const training = evaluate(await job.score(trainSet), trainSet, t.info, t.evalOpts);
      const validation = validSet ? evaluate(await job.score(validSet), validSet, t.info, t.evalOpts) : undefined;
      for (const m of [training, validation]) {
        // nobs 0 (no row with a known, trained-on response) has no mse and is not a divergence.
        if (m && m.nobs > 0 && !Number.isFinite(m.mse)) {
          throw new AquiferError('DIVERGED', `training diverged: the model predicts NaN or infinity after ${epochAt(samples).toFixed(2)} epochs; try adaptive_rate (ADADELTA), a smaller rate, l2 or max_w2, or standardize`);
        }
      }
      const ev: ScoringEvent = { timestamp: Date.now(), duration_ms: (t.elapsedMs ?? 0) + performance.now() - start, training_speed: trainMs > 0 ? ((samples - startSamples) / trainMs) * 1000 : 0, epochs: epochAt(samples), iterations, samples, training, validation };
      history.push(ev);
      return ev;
    };

    if (p.epochs === 0) {
      await score();
    } else if (t.signal?.aborted) {
      stopped = 'aborted';  // aborted before it started: no row is trained
    } else {
      let roundRows = ROUND_ROWS;
      for (;;) {
        iterations++;
        // The last iteration plans only what is left, so that sampling a little short of the
        // target does not cost a whole extra iteration (0.05 epochs asked, 0.1 trained).
        const left = Math.ceil((p.epochs - epochAt(samples)) * nrows);
        const plan = planIteration(t.train, Math.max(1, Math.min(tspi, left)), { shuffle: p.shuffle_training_data, seed: p.seed, iteration: iterations, processed: samples, threads: job.threads, pieceRows: 1024 });
        const rng = new Random(BigInt(p.seed) * 31n + BigInt(iterations));
        await job.seed(Array.from({ length: job.threads }, () => rng.state().map(() => rng.nextU32())));
        const cursor = plan.pieces.map(() => 0);
        let aborted = false;
        while (cursor.some((c, w) => c < plan.pieces[w]!.length)) {
          const round = plan.pieces.map((list, w) => {
            const take = [];
            let rows = 0;
            while (cursor[w]! < list.length && rows < roundRows) { const piece = list[cursor[w]!++]!; take.push(piece); rows += piece.rows.length; }
            return take;
          });
          const roundStart = performance.now();
          const trained = await job.train('train', round, schedule(p, samples));
          samples += trained.reduce((a, b) => a + b, 0);
          const roundMs = performance.now() - roundStart;
          trainMs += roundMs;
          // Rounds of about ROUND_MS keep progress and abort prompt for large networks too; under
          // reproducible the copies are averaged per round, so its rounds stay a fixed size.
          if (!p.reproducible) roundRows = Math.min(ROUND_ROWS * 16, Math.max(ROUND_ROWS / 4, Math.round(roundRows * Math.min(2, ROUND_MS / Math.max(roundMs, 1)))));
          progress('training');
          if (t.signal?.aborted) { aborted = true; break; }
          if (p.max_runtime_secs > 0 && performance.now() - start > p.max_runtime_secs * 1000) break;
        }
        if (aborted) { stopped = 'aborted'; break; }

        const keepRunning = epochAt(samples) < p.epochs;
        const now = performance.now() - start;
        const since = now - lastScoreStart;
        const duty = since > 0 ? (lastScoreEnd - lastScoreStart) / since : 0;
        const timeUp = p.max_runtime_secs > 0 && now > p.max_runtime_secs * 1000;
        // H2O's timestamps start at 0, so its first iteration is always scored.
        const first = history.length === startEvents;
        if (first || !keepRunning || p.score_each_iteration || (since > p.score_interval * 1000 && duty < p.score_duty_cycle) || timeUp) {
          lastScoreStart = now;
          progress('scoring');
          const ev = await score();
          lastScoreEnd = performance.now() - start;
          // Weights and biases only: the best model and an abort restore those (h2o-lifecycle.md §2.5);
          // copying the optimizer state too would triple the snapshot for nothing.
          lastScored = job.paramView().slice(0, t.layout.paramFloats);
          const m = ev.validation ?? ev.training!;
          series.push(metricValue(stopMetric, m as never));
          const loss = modelLoss(stopMetric, kind, m as never);
          if (p.overwrite_with_best_model && (best === undefined || !(loss >= best.loss))) best = { loss, theta: lastScored };
          progress('training', ev);
          if (keepRunning) {
            const tr = ev.training!;
            if (stopEarly(series, p.stopping_rounds, p.stopping_tolerance, METRIC_TRAITS[stopMetric])) { stopped = 'early_stopping'; break; }
            if (kind === 'classification' && p.classification_stop >= 0 && 'classification_error' in tr && tr.classification_error <= p.classification_stop) { stopped = 'early_stopping'; break; }
            if (kind === 'regression' && p.regression_stop >= 0 && tr.mse <= p.regression_stop) { stopped = 'early_stopping'; break; }
          }
        }
        if (timeUp) {
          stopped = 'max_runtime_secs';
          warnings.push('Deep Learning model training was interrupted due to timeout. Increase max_runtime_secs or set it to 0 to disable it.');
          break;
        }
        if (!keepRunning) break;
      }
    }

    if (stopped === 'aborted') {
      // The model as of the last scoring event (or the initial one if none happened yet), and the
      // counters that describe it: the rows trained since were thrown away with their weights.
      if (lastScored) {
        job.paramView().set(lastScored);
        const last = history[history.length - 1]!;
        samples = last.samples; iterations = last.iterations;
      } else await score();
    } else if (best && stopped !== 'max_runtime_secs' && history.length > 1) {
      const finalLoss = modelLoss(stopMetric, kind, (history[history.length - 1]!.validation ?? history[history.length - 1]!.training) as never);
      if (best.loss < finalLoss) {
        job.paramView().set(best.theta);
        await score();
      }
    }
    progress('done', history[history.length - 1]);
    // The weight snapshots are dead from here (15.7 MB each on H2O's MNIST record network): a
    // collection that the copy below sets off may take them first.
    lastScored = undefined; best = undefined;
    // Workers first: their memory is gone before the model's copy of the arena is made. The copy
    // itself stays: Wasm memory neither shrinks nor detaches, and a model viewing it would keep the
    // whole job memory (scratch, score output, a 4 GiB address reservation) for its lifetime.
    await job.close();
    return { theta: job.paramView().slice(), history, samples, iterations, epochs: epochAt(samples), stopped, warnings };
  } finally {
    await job.close();
  }
}

/** The manual-rate schedule at N samples (h2o-training.md §4.3, with the momentum ramp advancing
 *  as documented; H2O's code keeps it at its start, quirk Q9). */
export function schedule(p: TrainerParams, N: number): { rate: number; rate_decay: number; momentum: number } {
  if (p.adaptive_rate) return { rate: 0, rate_decay: 1, momentum: 0 };
  const rate = p.rate / (1 + p.rate_annealing * N);
  let momentum = p.momentum_start;
  if (p.momentum_ramp > 0) momentum = N < p.momentum_ramp ? p.momentum_start + ((p.momentum_stable - p.momentum_start) * N) / p.momentum_ramp : p.momentum_stable;
  return { rate, rate_decay: p.rate_decay, momentum };
}
