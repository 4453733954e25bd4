import { Inject, Injectable } from '@nestjs/common';
import { BffError } from '@bff/util-errors';
import { ApiKeyVerifier } from './api-key.verifier';
import { AUTH_MODULE_OPTIONS } from './auth.constants';
import type { ResolvedAuthOptions } from './auth-options.util';
import type { AuthenticatedUser } from './authenticated-user.interface';
import { JwtStrategy } from './jwt.strategy';
import { isTokenRejection, JwksUnavailableError } from './token-errors';

/** What the bearer token of a request turned out to be. */
export type TokenOutcome =
  | { kind: 'absent' }
  | { kind: 'valid'; user: AuthenticatedUser; token: string }
  | { kind: 'rejected'; error: BffError };

/** What the API key header of a request turned out to be. */
export type ApiKeyOutcome =
  | { kind: 'absent' }
  | { kind: 'invalid' }
  | { kind: 'valid'; id: string };

interface HttpRequest {
  headers: Record<string, string | string[] | undefined>;
}

const BEARER = /^Bearer\s+(\S+)\s*$/i;

export const invalidToken = (detail: string, cause?: unknown) =>
  new BffError('BFF_ERR_UNAUTHORIZED', {
    detail,
    cause,
    headers: { 'WWW-Authenticate': 'Bearer error="invalid_token"' },
  });

/**
 * Checks the credentials of a request, once per request: the auth guard and the rate limiter
 * (which keys on the verified subject) share the result, whichever runs first. Nothing here
 * logs or returns the token except to the guard, which puts it in the request context.
 *
 * @example
 * // in another guard: who is calling, verified?
 * const outcome = await auth.authenticate(request);
 * if (outcome.kind === 'valid') use(outcome.user.sub);
 */
@Injectable()
export class AuthService {
  private readonly tokens = new WeakMap<object, Promise<TokenOutcome>>();
  private readonly apiKeys?: ApiKeyVerifier;

  constructor(
    @Inject(AUTH_MODULE_OPTIONS) private readonly options: ResolvedAuthOptions,
    private readonly strategy: JwtStrategy,
  ) {
    if (options.apiKey) this.apiKeys = new ApiKeyVerifier(options.apiKey.keys);
  }

  /** Verifies the bearer token of the request (memoised per request object). */
  authenticate(request: HttpRequest, response: object = {}): Promise<TokenOutcome> {
    let outcome = this.tokens.get(request);
    if (!outcome) {
      outcome = this.verify(request, response);
      this.tokens.set(request, outcome);
    }
    return outcome;
  }

  /** Checks the API key header against the configured keys (constant time). */
  apiKey(request: HttpRequest): ApiKeyOutcome {
    const header = this.options.apiKey?.header;
    const value = header ? request.headers[header] : undefined;
    if (value === undefined || value === '') return { kind: 'absent' };
    const id = typeof value === 'string' ? this.apiKeys?.match(value) : undefined;
    return id ? { kind: 'valid', id } : { kind: 'invalid' };
  }

  /**
   * A verified identity for per-client limits: `user:<sub>` for a valid token, else
   * `api-key:<key id>` for a valid key, else `undefined` (the caller falls back to the IP).
   */
  async identify(request: HttpRequest): Promise<string | undefined> {
    const token = await this.authenticate(request);
    if (token.kind === 'valid') return `user:${token.user.sub}`;
    const key = this.apiKey(request);
    return key.kind === 'valid' ? `api-key:${key.id}` : undefined;
  }

  private async verify(request: HttpRequest, response: object): Promise<TokenOutcome> {
    const header = request.headers['authorization'];
    const token = typeof header === 'string' ? BEARER.exec(header)?.[1] : undefined;
    if (!token) return { kind: 'absent' };

    const { error, user, info } = await this.strategy.run(request, response);
    if (user) return { kind: 'valid', user, token };
    const failure = error ?? info;
    if (failure instanceof JwksUnavailableError) {
      return {
        kind: 'rejected',
        error: new BffError('BFF_ERR_UPSTREAM_UNAVAILABLE', {
          detail: 'Signing keys are unavailable; try again shortly',
          upstream: 'jwks',
          cause: failure.cause,
        }),
      };
    }
    if (isTokenRejection(failure)) {
      const detail =
        failure.name === 'TokenExpiredError' ? 'The token has expired' : 'The token is invalid';
      return { kind: 'rejected', error: invalidToken(detail, failure) };
    }
    // Anything else is a defect: fail closed with a 500 rather than let the request through.
    throw failure instanceof Error ? failure : new Error('Token verification failed');
  }
}
