// One error type for everything aquifer rejects: a stable `code` for programs, a message for people.
// Messages name the offending parameter, column, row, or file so the user can fix the input.

export type ErrorCode =
  | 'BAD_PARAMETER'
  | 'UNKNOWN_PARAMETER'
  | 'BAD_COLUMN'
  | 'BAD_FRAME'
  | 'PARSE_ERROR'
  | 'FILE_ERROR'
  | 'BAD_MODEL_FILE'
  | 'RUNTIME_UNSUPPORTED'
  | 'WASM_ERROR'
  | 'WORKER_ERROR'
  | 'DIVERGED'
  | 'ABORTED'
  | 'INTERNAL';

export class AquiferError extends Error {
  readonly code: ErrorCode;
  /** The parameter, column, file, ... that the message is about, when there is one. */
  readonly subject?: string;

  constructor(code: ErrorCode, message: string, options: { subject?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AquiferError';
    this.code = code;
    if (options.subject !== undefined) this.subject = options.subject;
  }
}

export function isAquiferError(e: unknown): e is AquiferError {
  return e instanceof Error && e.name === 'AquiferError' && typeof (e as AquiferError).code === 'string';
}
