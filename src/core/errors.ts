import { catalogEntry, type ErrorCode } from './error-catalog.js';

/**
 * The one error type that crosses module boundaries. `code` is stable (an Emzano number or a
 * client code); `detail` carries what the server said, for logs, never shown as markup.
 */
export class EmzanoError extends Error {
  override readonly name = 'EmzanoError';
  readonly code: ErrorCode;
  /** HTTP status when the error came from a response. */
  readonly status: number | undefined;
  /** The server's own message, kept for diagnostics. */
  readonly detail: string | undefined;

  constructor(code: ErrorCode, options: { status?: number; detail?: string; cause?: unknown } = {}) {
    super(options.detail ?? catalogEntry(code).en, { cause: options.cause });
    this.code = code;
    this.status = options.status;
    this.detail = options.detail;
  }

  get retryable(): boolean {
    return catalogEntry(this.code).retryable;
  }
}

/** Turns anything thrown into an EmzanoError, keeping the original as `cause`. */
export function toEmzanoError(error: unknown): EmzanoError {
  if (error instanceof EmzanoError) return error;
  if (error instanceof DOMException && error.name === 'AbortError') return new EmzanoError('aborted', { cause: error });
  if (error instanceof DOMException && error.name === 'TimeoutError') return new EmzanoError('timeout', { cause: error });
  if (error instanceof TypeError) return new EmzanoError('network', { cause: error, detail: error.message });
  return new EmzanoError('unknown', { cause: error, detail: error instanceof Error ? error.message : String(error) });
}
