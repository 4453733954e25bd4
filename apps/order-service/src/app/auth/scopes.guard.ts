import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { BffError } from '@bff/util-errors';
import type { AuthenticatedUser } from './authenticated-user.interface';
import { RequireScopes } from './scopes.decorator';

/** 403 with an `insufficient_scope` challenge when the token lacks a scope the route needs. */
@Injectable()
export class ScopesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const required =
      this.reflector.getAllAndOverride(RequireScopes, [context.getHandler(), context.getClass()]) ??
      [];
    const user = context.switchToHttp().getRequest<{ user?: AuthenticatedUser }>().user;
    const missing = required.filter((scope) => !user?.scopes.includes(scope));
    if (missing.length === 0) return true;
    throw new BffError('BFF_ERR_FORBIDDEN', {
      detail: `The token lacks the scope ${missing.join(' ')}`,
      headers: {
        'WWW-Authenticate': `Bearer error="insufficient_scope", scope="${required.join(' ')}"`,
      },
    });
  }
}
