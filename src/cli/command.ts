// What every command is: its spec (options, synopsis, help) and a run that returns the exit code.
// Commands print through the context, never to the console directly, and throw rather than exit.

import type { CommandSpec, ParsedArgs } from './args';
import type { ProgressSink } from './progress';

export interface Context {
  /** A line to stdout: the report, or --json's object. */
  out(line: string): void;
  /** A line to stderr: warnings and notes. */
  err(line: string): void;
  /** stderr for the progress bar. */
  progress: ProgressSink;
}

export interface Command {
  spec: CommandSpec;
  run(args: ParsedArgs, ctx: Context): Promise<number>;
}

/** The process's own stdout and stderr. */
export function processContext(): Context {
  return {
    out: (line) => { process.stdout.write(`${line}\n`); },
    err: (line) => { process.stderr.write(`${line}\n`); },
    progress: {
      write: (text) => { process.stderr.write(text); },
      isTTY: process.stderr.isTTY === true,
      columns: process.stderr.columns,
    },
  };
}
