import { type ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { BffError } from '@bff/util-errors';
import type { FastifyRequest } from 'fastify';

const BEARER = /^bearer\s+\S+$/i;

/**
 * Requires a valid bearer token. A missing one is answered with a bare `Bearer` challenge, an
 * invalid one with `error="invalid_token"` (RFC 6750); why it was invalid stays in the logs.
 */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  override handleRequest<TUser>(
    error: unknown,
    user: TUser,
    info: unknown,
    context: ExecutionContext,
  ): TUser {
    if (user && !error) return user;
    const authorization = context.switchToHttp().getRequest<FastifyRequest>().headers.authorization;
    const presented = typeof authorization === 'string' && BEARER.test(authorization.trim());
    throw new BffError('BFF_ERR_UNAUTHORIZED', {
      detail: presented ? 'The bearer token is not valid' : 'A bearer token is required',
      headers: { 'WWW-Authenticate': presented ? 'Bearer error="invalid_token"' : 'Bearer' },
      cause: error ?? info,
    });
  }
}
