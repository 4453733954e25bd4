import {
  applyDecorators,
  createParamDecorator,
  type ExecutionContext,
  SetMetadata,
} from '@nestjs/common';
import { AUTH_POLICY_KEY, REQUIRE_API_KEY_KEY, REQUIRED_SCOPES_KEY } from './auth.constants';
import type { AuthenticatedUser } from './authenticated-user.interface';

/** How a route treats the user's bearer token. Routes without a decorator require one. */
export type AuthPolicy = 'required' | 'optional' | 'public';

/**
 * The route needs no user token (an API key in `all-routes` mode still applies). A token sent
 * anyway is ignored, so that an expired token never breaks a public page.
 *
 * @example
 * @Public()
 * @Get('products/:id')
 * product(@Param('id') id: string) {}
 */
export const Public = () => SetMetadata(AUTH_POLICY_KEY, 'public' satisfies AuthPolicy);

/**
 * The route works without a user token but is enriched with one: `@CurrentUser()` is the user
 * when a valid token is sent, `undefined` when none is; an invalid token is still a 401.
 *
 * @example
 * @OptionalAuth()
 * @Get('catalog')
 * catalog(@CurrentUser() user?: AuthenticatedUser) {}
 */
export const OptionalAuth = () => SetMetadata(AUTH_POLICY_KEY, 'optional' satisfies AuthPolicy);

/**
 * The route needs a valid user token carrying every listed scope (403 otherwise). On a class,
 * it applies to each route; a route's own `@Public()` still wins.
 *
 * @example
 * @RequireScopes('orders:write')
 * @Post('me/orders')
 * checkout(@CurrentUser() user: AuthenticatedUser) {}
 */
export const RequireScopes = (...scopes: string[]) =>
  applyDecorators(
    SetMetadata(AUTH_POLICY_KEY, 'required' satisfies AuthPolicy),
    SetMetadata(REQUIRED_SCOPES_KEY, scopes),
  );

/**
 * The route needs a valid API key (with `apiKey.mode: 'decorated'`; in `all-routes` mode every
 * route needs one anyway).
 *
 * @example
 * @RequireApiKey()
 * @Public()
 * @Get('feed')
 * feed() {}
 */
export const RequireApiKey = () => SetMetadata(REQUIRE_API_KEY_KEY, true);

/**
 * The verified user of the request (`sub`, `scopes`), or `undefined` on a public or optional
 * route called without a token.
 *
 * @example
 * @RequireScopes('orders:read')
 * @Get('me/orders')
 * orders(@CurrentUser() user: AuthenticatedUser) { return this.orders.list(user.sub); }
 */
export const CurrentUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthenticatedUser | undefined =>
    context.switchToHttp().getRequest<{ user?: AuthenticatedUser }>().user,
);
