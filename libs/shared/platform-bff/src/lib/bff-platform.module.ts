import { type DynamicModule, Module } from '@nestjs/common';
import {
  ServiceClientsModule,
  serviceClientsOptionsFromEnv,
} from '@bff/data-access-service-clients';
import { AuthModule } from '@bff/platform-auth';
import { APP_NAME, PlatformEnv } from '@bff/platform-bootstrap';
import { CachingModule } from '@bff/platform-caching';
import { ThrottlingModule } from '@bff/platform-throttling';
import type { BffPlatformOptions } from './bff-platform-options.interface';
import { BffReadiness, REQUIRED_SERVICES } from './bff-readiness';
import { BffEnv } from './bff.env';

function bffEnv(env: PlatformEnv): BffEnv {
  if (!(env instanceof BffEnv)) {
    throw new Error('BffPlatformModule: the app env class must extend BffEnv');
  }
  return env;
}

/**
 * Everything a BFF needs beside its endpoints, configured from its validated `BffEnv`: JWT and
 * API-key auth (global guard), per-client rate limits (memory or Redis), public-response
 * caching (memory or Redis), and resilient clients of the product, inventory and order services,
 * with readiness checks. Together with `createApp` it gives a route all of CONTRACT section 5.
 *
 * @example
 * @Module({ imports: [BffPlatformModule.forRoot(), ProductPageModule] })
 * export class AppModule {}
 *
 * // mobile-bff: a key on every route
 * BffPlatformModule.forRoot<MobileBffEnv>({ apiKeys: (env) => env.MOBILE_API_KEYS })
 */
@Module({})
export class BffPlatformModule {
  static forRoot<E extends BffEnv = BffEnv>(options: BffPlatformOptions<E> = {}): DynamicModule {
    return {
      imports: [
        // Before auth: its guard runs first, so failed credentials count against the caller's limit.
        ThrottlingModule.forRootAsync({
          inject: [PlatformEnv],
          useFactory: (platformEnv: PlatformEnv) => {
            const env = bffEnv(platformEnv);
            return {
              limit: env.THROTTLE_LIMIT,
              redisUrl: env.REDIS_URL,
              tiers: options.throttleTiers,
              trustProxy: env.TRUST_PROXY,
              ttlMs: env.THROTTLE_TTL_MS,
            };
          },
        }),
        AuthModule.forRootAsync({
          inject: [PlatformEnv],
          useFactory: (platformEnv: PlatformEnv) => {
            const env = bffEnv(platformEnv);
            const keys = options.apiKeys?.(env as E);
            return {
              audience: env.AUTH_AUDIENCE,
              issuer: env.AUTH_ISSUER,
              jwksUri: env.AUTH_JWKS_URI,
              ...(keys ? { apiKey: { keys, mode: 'all-routes' as const } } : {}),
            };
          },
        }),
        CachingModule.forRootAsync({
          inject: [PlatformEnv, APP_NAME],
          useFactory: (platformEnv: PlatformEnv, name: string) => {
            const env = bffEnv(platformEnv);
            return { namespace: name, redisUrl: env.REDIS_URL, ttlMs: env.CACHE_TTL_MS };
          },
        }),
        ServiceClientsModule.forRootAsync({
          inject: [PlatformEnv],
          useFactory: (env: PlatformEnv) => serviceClientsOptionsFromEnv(bffEnv(env)),
        }),
      ],
      module: BffPlatformModule,
      providers: [
        BffReadiness,
        { provide: REQUIRED_SERVICES, useValue: options.requiredServices ?? ['product'] },
      ],
    };
  }
}
