/**
 * The catalogue of every error a client can see, with a stable code, its HTTP status and title.
 * Codes never change meaning; clients and dashboards may key on them.
 */
export const ERROR_CATALOGUE = {
  BFF_ERR_BAD_REQUEST: { status: 400, title: 'Bad request' },
  BFF_ERR_VALIDATION: { status: 400, title: 'Validation failed' },
  BFF_ERR_UNAUTHORIZED: { status: 401, title: 'Unauthorized' },
  BFF_ERR_FORBIDDEN: { status: 403, title: 'Forbidden' },
  BFF_ERR_NOT_FOUND: { status: 404, title: 'Not found' },
  BFF_ERR_METHOD_NOT_ALLOWED: { status: 405, title: 'Method not allowed' },
  BFF_ERR_CONFLICT: { status: 409, title: 'Conflict' },
  BFF_ERR_INSUFFICIENT_STOCK: { status: 409, title: 'Insufficient stock' },
  BFF_ERR_PAYLOAD_TOO_LARGE: { status: 413, title: 'Payload too large' },
  BFF_ERR_UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'Unsupported media type' },
  BFF_ERR_IDEMPOTENCY_KEY_REUSED: { status: 422, title: 'Idempotency key reused' },
  BFF_ERR_RATE_LIMITED: { status: 429, title: 'Too many requests' },
  BFF_ERR_INTERNAL: { status: 500, title: 'Internal server error' },
  BFF_ERR_UPSTREAM_BAD_RESPONSE: { status: 502, title: 'Bad response from upstream' },
  BFF_ERR_UPSTREAM_UNAVAILABLE: { status: 502, title: 'Upstream unavailable' },
  BFF_ERR_UPSTREAM_REJECTED: { status: 502, title: 'Upstream rejected the request' },
  BFF_ERR_UPSTREAM_NOT_FOUND: { status: 404, title: 'Not found' },
  BFF_ERR_UPSTREAM_CIRCUIT_OPEN: { status: 503, title: 'Upstream circuit open' },
  BFF_ERR_SHUTTING_DOWN: { status: 503, title: 'Shutting down' },
  BFF_ERR_NOT_READY: { status: 503, title: 'Not ready' },
  BFF_ERR_SERVICE_UNAVAILABLE: { status: 503, title: 'Service unavailable' },
  BFF_ERR_UPSTREAM_TIMEOUT: { status: 504, title: 'Upstream timed out' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

/** The RFC 9457 `type` URI of an error code, e.g. `urn:bff:error:upstream-timeout`. */
export function problemType(code: ErrorCode): string {
  return `urn:bff:error:${code
    .replace(/^BFF_ERR_/, '')
    .toLowerCase()
    .replace(/_/g, '-')}`;
}
