import {
  createRemoteJWKSet,
  decodeProtectedHeader,
  errors,
  type ProtectedHeaderParameters,
} from 'jose';
import type { SecretOrKeyProvider } from 'passport-jwt';
import { JWKS_CACHE_MAX_AGE_MS, JWKS_COOLDOWN_MS } from './auth.constants';
import type { ResolvedAuthOptions } from './auth-options.util';
import { InvalidTokenError, JwksUnavailableError } from './token-errors';

/** jose errors that say "no usable key for this token" rather than "the JWKS is unreachable". */
const KEY_MISMATCH = [
  errors.JWKSNoMatchingKey,
  errors.JWKSMultipleMatchingKeys,
  errors.JOSENotSupported,
];

/**
 * passport-jwt's key lookup on jose's remote JWKS set. jose rather than `jwks-rsa`: its
 * `cooldownDuration` is exactly the policy "refetch on an unknown kid at most once per 30 s"
 * (jwks-rsa's rate limit is a per-minute token bucket that allows bursts), it keeps the whole
 * set cached for `cacheMaxAge`, and it shares one in-flight download between concurrent
 * requests. The header is only read to pick a key; the signature is checked by passport-jwt.
 */
export function jwksSecretProvider(options: ResolvedAuthOptions): SecretOrKeyProvider {
  const jwks = createRemoteJWKSet(new URL(options.jwksUri), {
    cooldownDuration: JWKS_COOLDOWN_MS,
    cacheMaxAge: JWKS_CACHE_MAX_AGE_MS,
    timeoutDuration: options.jwksTimeoutMs,
  });
  const algorithms: readonly string[] = options.algorithms;

  return (_request, rawJwt: string, done) => {
    let header: ProtectedHeaderParameters;
    try {
      header = decodeProtectedHeader(rawJwt);
    } catch {
      return done(new InvalidTokenError('The token header is malformed'));
    }
    // Refused before any key lookup: an `HS256` or `none` token never triggers a JWKS download.
    if (typeof header.alg !== 'string' || !algorithms.includes(header.alg)) {
      return done(new InvalidTokenError('The token algorithm is not accepted'));
    }
    jwks(header).then(
      (key) => done(null, key as unknown as Buffer),
      (error: unknown) =>
        done(
          KEY_MISMATCH.some((type) => error instanceof type)
            ? new InvalidTokenError('No signing key matches the token')
            : new JwksUnavailableError('The JWKS could not be fetched', { cause: error }),
        ),
    );
  };
}
