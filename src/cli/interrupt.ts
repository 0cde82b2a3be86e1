// Ctrl-C (SIGINT) and SIGTERM during a long command: the first one aborts the signal, so the work
// stops cleanly (train keeps its last scoring event, predict leaves no output); a second one quits
// at once with the shell's exit code for the signal (130, 143).

export interface Interrupt {
  readonly signal: AbortSignal;
  /** The exit code of the signal that aborted, 0 while none has. */
  readonly code: number;
  /** Stops listening (call when the work is done). */
  dispose(): void;
}

export function onInterrupt(onFirst: () => void = () => undefined): Interrupt {
  const abort = new AbortController();
  let code = 0;
  const handler = (signal: NodeJS.Signals) => {
    const c = signal === 'SIGTERM' ? 143 : 130;
    if (abort.signal.aborted) process.exit(c);
    code = c;
    onFirst();
    abort.abort();
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return {
    signal: abort.signal,
    get code() { return code; },
    dispose() { process.off('SIGINT', handler); process.off('SIGTERM', handler); },
  };
}
