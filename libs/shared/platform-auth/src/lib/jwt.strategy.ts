import { PassportStrategy } from '@nestjs/passport';
import passport from 'passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import type { ResolvedAuthOptions } from './auth-options.util';
import type { AuthenticatedUser } from './authenticated-user.interface';
import { jwksSecretProvider } from './jwks-secret.provider';
import { InvalidTokenError } from './token-errors';

export const JWT_STRATEGY = 'bff-jwt';

interface JwtClaims {
  sub?: unknown;
  exp?: unknown;
  scope?: unknown;
  scp?: unknown;
}

function scopesOf(claims: JwtClaims): string[] {
  if (typeof claims.scope === 'string') return claims.scope.split(/\s+/).filter(Boolean);
  if (Array.isArray(claims.scp))
    return claims.scp.filter((s): s is string => typeof s === 'string');
  return [];
}

/**
 * Verifies bearer tokens: signature by a JWKS key, algorithm pinned, `iss`, `aud`, `exp`, `nbf`
 * by jsonwebtoken (through passport-jwt); `exp` and `sub` required here.
 */
export class JwtStrategy extends PassportStrategy(Strategy, JWT_STRATEGY) {
  private passportInstance?: passport.Authenticator;

  constructor(options: ResolvedAuthOptions) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKeyProvider: jwksSecretProvider(options),
      issuer: options.issuer,
      audience: options.audience,
      algorithms: options.algorithms,
      jsonWebTokenOptions: { clockTolerance: options.clockToleranceSec },
    });
  }

  /**
   * Each module has its own passport instance: passport's default one is process-wide, and two
   * apps in one process (tests, two BFFs) would otherwise replace each other's strategy.
   */
  getPassportInstance(): passport.Authenticator {
    return (this.passportInstance ??= new passport.Authenticator());
  }

  validate(claims: JwtClaims): AuthenticatedUser {
    // jsonwebtoken accepts a token without `exp`; one that never expires is refused here.
    if (typeof claims.exp !== 'number') throw new InvalidTokenError('The token has no exp claim');
    if (typeof claims.sub !== 'string' || claims.sub.length === 0) {
      throw new InvalidTokenError('The token has no sub claim');
    }
    return { sub: claims.sub, scopes: scopesOf(claims) };
  }

  /** Runs this strategy on one request; resolves with passport's `(err, user, info)`. */
  run(
    request: object,
    response: object,
  ): Promise<{ error?: unknown; user?: AuthenticatedUser | false; info?: unknown }> {
    return new Promise((resolve) => {
      const middleware = this.getPassportInstance().authenticate(
        JWT_STRATEGY,
        { session: false },
        (error: unknown, user: AuthenticatedUser | false, info: unknown) =>
          resolve({ error, user, info }),
      );
      middleware(request, response, (error?: unknown) => resolve({ error }));
    });
  }
}
