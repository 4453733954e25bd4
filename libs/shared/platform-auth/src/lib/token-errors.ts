/** The token is malformed, forged, of a refused kind, or lacks a required claim: a 401. */
export class InvalidTokenError extends Error {
  override readonly name = 'InvalidTokenError';
}

/** The JWKS could not be fetched, so no token can be checked: not the caller's fault. */
export class JwksUnavailableError extends Error {
  override readonly name = 'JwksUnavailableError';
}

/** Errors of `jsonwebtoken` (signature, `exp`, `nbf`, `iss`, `aud`, algorithm), known by name. */
const JWT_ERRORS = new Set(['JsonWebTokenError', 'TokenExpiredError', 'NotBeforeError']);

export function isTokenRejection(error: unknown): error is Error {
  return (
    error instanceof InvalidTokenError || (error instanceof Error && JWT_ERRORS.has(error.name))
  );
}
