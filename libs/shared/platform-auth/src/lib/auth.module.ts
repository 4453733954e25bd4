import { type DynamicModule, Module, type Provider } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AUTH_MODULE_OPTIONS } from './auth.constants';
import type { AuthModuleAsyncOptions, AuthModuleOptions } from './auth-options.interface';
import { resolveAuthOptions, type ResolvedAuthOptions } from './auth-options.util';
import { BffAuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { JwtStrategy } from './jwt.strategy';

const sharedProviders: Provider[] = [
  {
    provide: JwtStrategy,
    useFactory: (options: ResolvedAuthOptions) => new JwtStrategy(options),
    inject: [AUTH_MODULE_OPTIONS],
  },
  AuthService,
  { provide: APP_GUARD, useClass: BffAuthGuard },
];

/**
 * Authentication for a BFF: bearer tokens verified against the JWKS, optional API keys, and a
 * global guard (secure by default) driven by `@Public()`, `@OptionalAuth()`,
 * `@RequireScopes()` and `@RequireApiKey()`. Options not given come from `AUTH_JWKS_URI`,
 * `AUTH_ISSUER` and `AUTH_AUDIENCE` with the CONTRACT defaults.
 *
 * @example
 * // web-bff: public catalogue, user token for orders
 * AuthModule.forRoot()
 * // mobile-bff: a key on every route, a user token on some
 * AuthModule.forRootAsync({
 *   inject: [MobileBffEnv],
 *   useFactory: (env: MobileBffEnv) => ({ apiKey: { keys: env.MOBILE_API_KEYS, mode: 'all-routes' } }),
 * })
 */
@Module({})
export class AuthModule {
  static forRoot(options: Partial<AuthModuleOptions> = {}): DynamicModule {
    return {
      exports: [AuthService],
      global: true,
      module: AuthModule,
      providers: [
        // Resolved during app creation, so that a bad setting is a start-up error, not an import crash.
        { provide: AUTH_MODULE_OPTIONS, useFactory: () => resolveAuthOptions(options) },
        ...sharedProviders,
      ],
    };
  }

  static forRootAsync(options: AuthModuleAsyncOptions): DynamicModule {
    return {
      exports: [AuthService],
      global: true,
      imports: options.imports ?? [],
      module: AuthModule,
      providers: [
        {
          provide: AUTH_MODULE_OPTIONS,
          useFactory: async (...args: unknown[]) =>
            resolveAuthOptions(await options.useFactory(...args)),
          inject: options.inject ?? [],
        },
        ...sharedProviders,
      ],
    };
  }
}
