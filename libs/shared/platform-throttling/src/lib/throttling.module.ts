import { type DynamicModule, type ExecutionContext, Module, type Provider } from '@nestjs/common';
import { APP_GUARD, Reflector } from '@nestjs/core';
import {
  getOptionsToken,
  getStorageToken,
  type ThrottlerModuleOptions,
  type ThrottlerStorage,
} from '@nestjs/throttler';
import { MemoryThrottlerStorage } from './memory-throttler.storage';
import {
  DEFAULT_TIER,
  THROTTLE_TIERS_KEY,
  THROTTLING_MODULE_OPTIONS,
} from './throttling.constants';
import { BffThrottlerGuard } from './throttling.guard';
import type {
  ThrottlingModuleAsyncOptions,
  ThrottlingModuleOptions,
} from './throttling-options.interface';
import {
  resolveThrottlingOptions,
  type ResolvedThrottlingOptions,
} from './throttling-options.util';

function throttlerOptionsOf(settings: ResolvedThrottlingOptions): ThrottlerModuleOptions {
  const reflector = new Reflector();
  const tiersOf = (context: ExecutionContext) =>
    reflector.getAllAndMerge<string[]>(THROTTLE_TIERS_KEY, [
      context.getHandler(),
      context.getClass(),
    ]) ?? [];
  return {
    throttlers: settings.tiers.map((tier) => ({
      name: tier.name,
      limit: tier.limit,
      ttl: tier.ttlMs,
      skipIf:
        tier.name === DEFAULT_TIER
          ? undefined
          : (context: ExecutionContext) => !tiersOf(context).includes(tier.name),
    })),
  };
}

/** In memory, or in Redis when `redisUrl` is set: only then are the Redis libraries loaded. */
export async function throttlerStorageFor(
  settings: ResolvedThrottlingOptions,
): Promise<ThrottlerStorage> {
  if (!settings.redisUrl) return new MemoryThrottlerStorage();
  const { RedisThrottlerStorage } = await import('./redis-throttler.storage');
  return new RedisThrottlerStorage(settings.redisUrl, settings.redisTimeoutMs);
}

const sharedProviders: Provider[] = [
  {
    provide: getOptionsToken(),
    useFactory: throttlerOptionsOf,
    inject: [THROTTLING_MODULE_OPTIONS],
  },
  {
    provide: getStorageToken(),
    useFactory: throttlerStorageFor,
    inject: [THROTTLING_MODULE_OPTIONS],
  },
  { provide: APP_GUARD, useClass: BffThrottlerGuard },
];

/**
 * Per-client rate limits for every route (`@nestjs/throttler`), in memory or, with `REDIS_URL`,
 * shared across instances in Redis. Options not given come from `THROTTLE_LIMIT` (120),
 * `THROTTLE_TTL_MS` (60000), `REDIS_URL` and `TRUST_PROXY`.
 *
 * Import it before `AuthModule`: its guard then runs first, so that failed credentials count
 * against the caller's limit too (slowing key and token guessing).
 *
 * @example
 * @Module({
 *   imports: [
 *     ThrottlingModule.forRoot({ tiers: { checkout: { limit: 10, ttlMs: 60_000 } } }),
 *     AuthModule.forRoot(),
 *   ],
 * })
 * export class AppModule {}
 */
@Module({})
export class ThrottlingModule {
  static forRoot(options: Partial<ThrottlingModuleOptions> = {}): DynamicModule {
    return {
      module: ThrottlingModule,
      providers: [
        // Resolved during app creation, so that a bad setting is a start-up error, not an import crash.
        { provide: THROTTLING_MODULE_OPTIONS, useFactory: () => resolveThrottlingOptions(options) },
        ...sharedProviders,
      ],
    };
  }

  static forRootAsync(options: ThrottlingModuleAsyncOptions): DynamicModule {
    return {
      imports: options.imports ?? [],
      module: ThrottlingModule,
      providers: [
        {
          provide: THROTTLING_MODULE_OPTIONS,
          useFactory: async (...args: unknown[]) =>
            resolveThrottlingOptions(await options.useFactory(...args)),
          inject: options.inject ?? [],
        },
        ...sharedProviders,
      ],
    };
  }
}
