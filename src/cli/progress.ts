// The training progress bar, on stderr so that stdout keeps the report (and --json's last line).
// On a terminal: one line, redrawn at most 10 times a second and at every scoring event. Elsewhere
// (a log file, CI): one line per tenth of the epochs, so a log shows progress without flooding.

import type { Progress } from '../dl/trainer';

export interface ProgressSink {
  write(text: string): void;
  isTTY: boolean;
  /** Terminal width, when known. */
  columns?: number;
}

const BAR = 30;
const REDRAW_MS = 100;

/** One line of progress text: epochs, speed, time left, and the latest scoring metric (`scored`:
 *  the last progress report that carried metrics, since most reports between scorings do not). */
export function progressText(p: Progress, scored: Progress = p): string {
  const eta = Number.isFinite(p.eta_s) && p.phase !== 'done' ? `  ETA ${formatSeconds(p.eta_s)}` : '';
  const m = scored.validation ?? scored.training;
  const which = scored.validation ? 'valid' : 'train';
  let metric = '';
  if (m) {
    metric = m.kind === 'regression' ? `  ${which} rmse ${m.rmse.toPrecision(4)}`
      : `  ${which} err ${m.classification_error.toFixed(4)}`;
    // Scoring may be minutes apart (score_interval, score_duty_cycle): say how old the figure is,
    // so an unchanged figure does not read as training that has stalled.
    if (scored.epochs < p.epochs) metric += ` (at ${scored.epochs.toFixed(2)})`;
  }
  return `${p.epochs.toFixed(2)}/${p.total_epochs} epochs  ${Math.round(p.rows_per_s)} rows/s${eta}${metric}`;
}

function formatSeconds(s: number): string {
  if (s < 60) return `${s.toFixed(0)} s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m} min ${Math.round(s - 60 * m)} s` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

export class ProgressBar {
  private lastStep = 0;
  private lastDraw = -Infinity;
  private drawn = false;
  private scored: Progress | undefined;

  constructor(private readonly sink: ProgressSink, private readonly now: () => number = () => performance.now()) {}

  /** Bound, so it can be handed to train({ onProgress }) as is. */
  readonly update = (p: Progress): void => {
    const frac = p.total_epochs > 0 ? Math.min(1, Math.max(0, p.epochs / p.total_epochs)) : 1;
    if (p.training || p.validation) this.scored = p;
    const text = progressText(p, this.scored);
    if (this.sink.isTTY) {
      const t = this.now();
      if (p.phase === 'training' && t - this.lastDraw < REDRAW_MS) return;
      this.lastDraw = t;
      const filled = Math.round(frac * BAR);
      let line = `[${'#'.repeat(filled)}${'.'.repeat(BAR - filled)}] ${text}`;
      if (this.sink.columns && line.length > this.sink.columns - 1) line = line.slice(0, this.sink.columns - 1);
      // \x1b[K clears what a longer previous line left to the right.
      this.sink.write(`\r${line}\x1b[K`);
      this.drawn = true;
      return;
    }
    const step = Math.floor(frac * 10 + 1e-9);
    if (step > this.lastStep) {
      this.lastStep = step;
      this.sink.write(`[${String(step * 10).padStart(3)}%] ${text}\n`);
    }
  };

  /** Ends the terminal line, so what follows starts on a line of its own. */
  done(): void {
    if (this.drawn) this.sink.write('\n');
    this.drawn = false;
  }
}
