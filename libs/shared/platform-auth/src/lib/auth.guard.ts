import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { BffError } from '@bff/util-errors';
import { RequestContext } from '@bff/util-request-context';
import {
  AUTH_MODULE_OPTIONS,
  AUTH_POLICY_KEY,
  REQUIRE_API_KEY_KEY,
  REQUIRED_SCOPES_KEY,
} from './auth.constants';
import type { AuthPolicy } from './auth.decorators';
import type { ResolvedAuthOptions } from './auth-options.util';
import type { AuthenticatedUser } from './authenticated-user.interface';
import { AuthService } from './auth.service';
import { type RoutedRequest, routePathOf, underPrefix } from './route-path.util';

type GuardedRequest = Parameters<AuthService['authenticate']>[0] &
  RoutedRequest & { user?: AuthenticatedUser };

/**
 * The global guard: API key first (when the route needs one), then the user token as the
 * route's policy says, then scopes. Secure by default: a route with no decorator needs a token.
 */
@Injectable()
export class BffAuthGuard implements CanActivate {
  constructor(
    @Inject(AUTH_MODULE_OPTIONS) private readonly options: ResolvedAuthOptions,
    private readonly auth: AuthService,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const http = context.switchToHttp();
    const request = http.getRequest<GuardedRequest>();
    if (underPrefix(routePathOf(request), this.options.publicPaths)) return true;

    const targets = [context.getHandler(), context.getClass()];
    if (this.needsApiKey(context)) this.checkApiKey(request);

    const policy =
      this.reflector.getAllAndOverride<AuthPolicy | undefined>(AUTH_POLICY_KEY, targets) ??
      'required';
    if (policy === 'public') return true;

    const outcome = await this.auth.authenticate(request, http.getResponse());
    if (outcome.kind === 'rejected') throw outcome.error;
    if (outcome.kind === 'absent') {
      if (policy === 'optional') return true;
      throw new BffError('BFF_ERR_UNAUTHORIZED', {
        detail: 'A bearer token is required',
        headers: { 'WWW-Authenticate': 'Bearer' },
      });
    }

    const required = this.reflector.getAllAndMerge<string[]>(REQUIRED_SCOPES_KEY, targets) ?? [];
    const missing = required.filter((scope) => !outcome.user.scopes.includes(scope));
    if (missing.length > 0) {
      throw new BffError('BFF_ERR_FORBIDDEN', {
        detail: `Missing scope: ${missing.join(' ')}`,
        headers: {
          'WWW-Authenticate': `Bearer error="insufficient_scope", scope="${required.join(' ')}"`,
        },
      });
    }

    request.user = outcome.user;
    // For relay by clients acting for the user (the order client); never logged.
    const store = RequestContext.current();
    if (store) store.accessToken = outcome.token;
    return true;
  }

  private needsApiKey(context: ExecutionContext): boolean {
    const marked = this.reflector.getAllAndOverride<boolean | undefined>(REQUIRE_API_KEY_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!this.options.apiKey) {
      // A route that asks for a key in an app without keys is a wiring defect: fail closed.
      if (marked) throw new Error('@RequireApiKey() is used but AuthModule has no apiKey.keys');
      return false;
    }
    return this.options.apiKey.mode === 'all-routes' || marked === true;
  }

  private checkApiKey(request: GuardedRequest): void {
    const outcome = this.auth.apiKey(request);
    if (outcome.kind === 'valid') return;
    const header = this.options.apiKey?.header ?? 'x-api-key';
    throw new BffError('BFF_ERR_UNAUTHORIZED', {
      detail:
        outcome.kind === 'absent'
          ? `An API key is required in ${header}`
          : 'The API key is invalid',
      headers: { 'WWW-Authenticate': `ApiKey header="${header}"` },
    });
  }
}
