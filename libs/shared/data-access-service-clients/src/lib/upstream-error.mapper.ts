import { BffError, type ErrorCode } from '@bff/util-errors';
import type { ServiceName } from './service-clients.constants';
import type { UpstreamOutcome } from './upstream.metrics';

/** How the circuit breaker counts a finished call. */
export type BreakerVerdict = 'success' | 'failure' | 'neutral';

/** A failed attempt, classified once for the caller, the retry policy, the breaker and metrics. */
export interface UpstreamFailure {
  error: BffError;
  outcome: UpstreamOutcome;
  /** A retry may cure it (connection error, 502, 503). */
  transient: boolean;
  verdict: BreakerVerdict;
}

/** What the failure happened to, for the log-only `cause`. */
export interface AttemptDescription {
  service: ServiceName;
  method: string;
  route: string;
  path: string;
}

/**
 * The log-only cause of a mapped upstream error: method, path, status and the start of the
 * upstream body. It travels as `BffError.cause` and never reaches a client.
 */
export class UpstreamCallError extends Error {
  constructor(
    message: string,
    readonly attempt: AttemptDescription,
    readonly status?: number,
    readonly body?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'UpstreamCallError';
  }
}

const RELAYED_STATUSES = new Set([400, 401, 403, 409, 422]);
/** 4xx answers that say the service is struggling rather than that the request was wrong. */
const FAILURE_4XX = new Set([408, 429]);
const RETRYABLE_STATUSES = new Set([502, 503]);
/** undici and Node codes of connection-level failures that a fresh attempt may avoid. */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_CONNECT_TIMEOUT',
]);
const BODY_SNIPPET = 512;

function label(service: ServiceName): string {
  return `${service} service`;
}

function describe(attempt: AttemptDescription): string {
  return `${attempt.service} ${attempt.method} ${attempt.path}`;
}

function upstreamError(
  code: ErrorCode,
  attempt: AttemptDescription,
  detail: string,
  cause: UpstreamCallError,
  extra: { status?: number; headers?: Record<string, string> } = {},
): BffError {
  return new BffError(code, { detail, cause, upstream: attempt.service, ...extra });
}

/** Maps a non-2xx upstream status to a typed error. */
export function failureFromStatus(
  attempt: AttemptDescription,
  status: number,
  body: string,
): UpstreamFailure {
  const cause = new UpstreamCallError(
    `${describe(attempt)} answered ${status}`,
    attempt,
    status,
    body.slice(0, BODY_SNIPPET),
  );
  if (status >= 500) {
    return {
      error: upstreamError(
        'BFF_ERR_UPSTREAM_BAD_RESPONSE',
        attempt,
        `The ${label(attempt.service)} failed to answer`,
        cause,
      ),
      outcome: 'bad_response',
      transient: RETRYABLE_STATUSES.has(status),
      verdict: 'failure',
    };
  }
  if (status === 404) {
    return {
      error: upstreamError(
        'BFF_ERR_UPSTREAM_NOT_FOUND',
        attempt,
        `Not found in the ${label(attempt.service)}`,
        cause,
      ),
      outcome: 'not_found',
      transient: false,
      verdict: 'success',
    };
  }
  const relayed = RELAYED_STATUSES.has(status);
  return {
    error: upstreamError(
      'BFF_ERR_UPSTREAM_REJECTED',
      attempt,
      `The ${label(attempt.service)} rejected the request`,
      cause,
      {
        status: relayed ? status : undefined,
        headers:
          status === 401 ? { 'WWW-Authenticate': 'Bearer error="invalid_token"' } : undefined,
      },
    ),
    outcome: 'rejected',
    transient: false,
    verdict: FAILURE_4XX.has(status) || status < 400 ? 'failure' : 'success',
  };
}

/** A 2xx answer whose body is not JSON or not of the expected shape. */
export function failureFromBody(
  attempt: AttemptDescription,
  status: number,
  body: string,
  reason: 'malformed JSON' | 'unexpected shape',
  parseError?: unknown,
): UpstreamFailure {
  const cause = new UpstreamCallError(
    `${describe(attempt)} answered ${status} with ${reason}`,
    attempt,
    status,
    body.slice(0, BODY_SNIPPET),
    { cause: parseError },
  );
  return {
    error: upstreamError(
      'BFF_ERR_UPSTREAM_BAD_RESPONSE',
      attempt,
      `The ${label(attempt.service)} sent an unreadable response`,
      cause,
    ),
    outcome: 'bad_response',
    transient: false,
    verdict: 'failure',
  };
}

/**
 * Maps a thrown transport error. `aborted` says why the call's own signal fired, if it did:
 * the deadline passed (`timeout`) or the caller gave up (`cancelled`).
 */
export function failureFromError(
  attempt: AttemptDescription,
  error: unknown,
  aborted: { why: 'timeout' | 'cancelled'; budgetMs: number } | null,
): UpstreamFailure {
  if (aborted) {
    const cause = new UpstreamCallError(
      `${describe(attempt)} ${aborted.why === 'timeout' ? `timed out after ${aborted.budgetMs} ms` : 'was cancelled'}`,
      attempt,
      undefined,
      undefined,
      { cause: error },
    );
    return {
      error: upstreamError(
        'BFF_ERR_UPSTREAM_TIMEOUT',
        attempt,
        aborted.why === 'timeout'
          ? `The ${label(attempt.service)} did not answer in time`
          : `The call to the ${label(attempt.service)} was cancelled`,
        cause,
      ),
      outcome: 'timeout',
      transient: false,
      verdict: aborted.why === 'timeout' ? 'failure' : 'neutral',
    };
  }
  const code = (error as { code?: unknown } | null)?.code;
  const cause = new UpstreamCallError(
    `${describe(attempt)} failed: ${String(code ?? error)}`,
    attempt,
    undefined,
    undefined,
    {
      cause: error,
    },
  );
  if (
    code === 'UND_ERR_RES_EXCEEDED_MAX_SIZE' ||
    (typeof code === 'string' && code.startsWith('HPE_'))
  ) {
    return {
      error: upstreamError(
        'BFF_ERR_UPSTREAM_BAD_RESPONSE',
        attempt,
        `The ${label(attempt.service)} sent an unreadable response`,
        cause,
      ),
      outcome: 'bad_response',
      transient: false,
      verdict: 'failure',
    };
  }
  return {
    error: upstreamError(
      'BFF_ERR_UPSTREAM_UNAVAILABLE',
      attempt,
      `The ${label(attempt.service)} is unavailable`,
      cause,
    ),
    outcome: 'unavailable',
    transient: typeof code === 'string' && CONNECTION_CODES.has(code),
    verdict: 'failure',
  };
}

/** The fail-fast error of an open circuit, with the time until the next trial call. */
export function circuitOpenError(service: ServiceName, retryAfterMs: number): BffError {
  return new BffError('BFF_ERR_UPSTREAM_CIRCUIT_OPEN', {
    detail: `The ${label(service)} is temporarily unavailable`,
    headers: { 'Retry-After': String(Math.max(1, Math.ceil(retryAfterMs / 1000))) },
    upstream: service,
  });
}
