import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { passportJwtSecret } from 'jwks-rsa';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { OrderServiceEnv } from '../order-service.env';
import type { AuthenticatedUser } from './authenticated-user.interface';
import { JwksFetcher } from './jwks.fetcher';

/** An unknown `kid` may make the service fetch the key set again, at most this often. */
export const JWKS_MIN_REFRESH_INTERVAL_MS = 30_000;

interface TokenClaims {
  sub?: unknown;
  exp?: unknown;
  scope?: unknown;
}

/**
 * Verifies bearer tokens against the identity provider's JWKS: RS256 only (so `none` and HMAC
 * tokens never verify), the configured issuer and audience, `exp` required, `nbf` checked.
 * Keys are cached by `kid`; the fetcher keeps network fetches of the key set to one per 30 s.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(env: OrderServiceEnv) {
    const fetcher = new JwksFetcher({
      timeoutMs: env.UPSTREAM_TIMEOUT_MS,
      minRefreshIntervalMs: JWKS_MIN_REFRESH_INTERVAL_MS,
    });
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKeyProvider: passportJwtSecret({
        jwksUri: env.AUTH_JWKS_URI,
        fetcher: fetcher.fetch,
        cache: true,
        cacheMaxAge: 10 * 60_000,
        rateLimit: true,
        jwksRequestsPerMinute: 10,
      }),
      algorithms: ['RS256'],
      issuer: env.AUTH_ISSUER,
      audience: env.AUTH_AUDIENCE,
      ignoreExpiration: false,
      jsonWebTokenOptions: { clockTolerance: 5 },
    });
  }

  /** Claims beyond the signature: returning null makes passport answer 401. */
  validate(claims: TokenClaims): AuthenticatedUser | null {
    if (typeof claims.exp !== 'number') return null;
    if (typeof claims.sub !== 'string' || claims.sub.length === 0) return null;
    const scopes = typeof claims.scope === 'string' ? claims.scope.split(' ').filter(Boolean) : [];
    return { sub: claims.sub, scopes };
  }
}
