import { Reflector } from '@nestjs/core';

/** Scopes a route needs, all of them, in the token's `scope` claim. */
export const RequireScopes = Reflector.createDecorator<string[]>();
