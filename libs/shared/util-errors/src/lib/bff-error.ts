import { ERROR_CATALOGUE, type ErrorCode } from './error-codes';

/** One field that failed validation. */
export interface FieldError {
  field: string;
  message: string;
}

export interface BffErrorOptions {
  /** Shown to the client: must never carry an upstream body, host name or stack. */
  detail?: string;
  /** Overrides the catalogue status, e.g. an upstream 4xx relayed as is. */
  status?: number;
  errors?: FieldError[];
  /** Response headers the error implies (`WWW-Authenticate`, `Retry-After`). */
  headers?: Record<string, string>;
  /** Extra problem members for clients (e.g. `lines` of a 409). */
  extensions?: Record<string, unknown>;
  /** For logs only; never serialised to a client. */
  cause?: unknown;
  /** For logs and metrics only (e.g. the upstream service name). */
  upstream?: string;
}

/**
 * A typed error with a stable code from the catalogue. Everything a client sees is mapped from
 * it in one place (the platform's problem+json filter).
 *
 * @example
 * throw new BffError('BFF_ERR_INSUFFICIENT_STOCK', {
 *   detail: 'Not enough stock for 1 line',
 *   extensions: { lines: [{ productId: 'p1', requested: 3, available: 1 }] },
 * });
 */
export class BffError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly title: string;
  readonly detail?: string;
  readonly errors?: FieldError[];
  readonly headers?: Record<string, string>;
  readonly extensions?: Record<string, unknown>;
  readonly upstream?: string;

  constructor(code: ErrorCode, options: BffErrorOptions = {}) {
    const entry = ERROR_CATALOGUE[code];
    super(options.detail ?? entry.title, { cause: options.cause });
    this.name = 'BffError';
    this.code = code;
    this.status = options.status ?? entry.status;
    this.title = entry.title;
    this.detail = options.detail;
    this.errors = options.errors;
    this.headers = options.headers;
    this.extensions = options.extensions;
    this.upstream = options.upstream;
  }
}

/** True for a `BffError`, optionally of one of the given codes. */
export function isBffError(error: unknown, ...codes: ErrorCode[]): error is BffError {
  return error instanceof BffError && (codes.length === 0 || codes.includes(error.code));
}
