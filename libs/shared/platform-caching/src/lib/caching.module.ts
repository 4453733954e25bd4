import { type DynamicModule, Module, type Provider } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { CacheModule } from '@nestjs/cache-manager';
import { CACHING_MODULE_OPTIONS } from './caching.constants';
import type { CachingModuleAsyncOptions, CachingModuleOptions } from './caching-options.interface';
import { resolveCachingOptions, type ResolvedCachingOptions } from './caching-options.util';
import { CacheControlGuard } from './cache-control.guard';
import { CacheService } from './cache.service';
import { CacheStore } from './cache-store';

/** Holds the options and the store, for both `CacheModule` (cache-manager) and this module. */
@Module({})
class CachingStoreModule {}

/**
 * Caching for composites: `CacheService.getOrSet` (single-flight, optional
 * stale-while-revalidate, hit/miss metrics) on `@nestjs/cache-manager` + Keyv, in a bounded
 * in-process LRU or, with `REDIS_URL`, in Redis shared by all instances; and `@CacheScope()` for
 * the `Cache-Control` of responses. Options not given come from `CACHE_TTL_MS` and `REDIS_URL`.
 *
 * @example
 * @Module({ imports: [CachingModule.forRoot({ namespace: 'web-bff' })] })
 * export class AppModule {}
 */
@Module({})
export class CachingModule {
  static forRoot(
    options: Partial<CachingModuleOptions> & Pick<CachingModuleOptions, 'namespace'>,
  ): DynamicModule {
    return CachingModule.build(
      // Resolved during app creation, so that a bad setting is a start-up error, not an import crash.
      { provide: CACHING_MODULE_OPTIONS, useFactory: () => resolveCachingOptions(options) },
      [],
    );
  }

  static forRootAsync(options: CachingModuleAsyncOptions): DynamicModule {
    return CachingModule.build(
      {
        provide: CACHING_MODULE_OPTIONS,
        useFactory: async (...args: unknown[]) =>
          resolveCachingOptions(await options.useFactory(...args)),
        inject: options.inject ?? [],
      },
      options.imports ?? [],
    );
  }

  private static build(
    optionsProvider: Provider,
    imports: NonNullable<CachingModuleAsyncOptions['imports']>,
  ): DynamicModule {
    const storeModule: DynamicModule = {
      exports: [CACHING_MODULE_OPTIONS, CacheStore],
      imports,
      module: CachingStoreModule,
      providers: [
        optionsProvider,
        {
          provide: CacheStore,
          useFactory: (resolved: ResolvedCachingOptions) => CacheStore.create(resolved),
          inject: [CACHING_MODULE_OPTIONS],
        },
      ],
    };
    return {
      exports: [CacheService],
      global: true,
      imports: [
        storeModule,
        CacheModule.registerAsync({
          imports: [storeModule],
          inject: [CacheStore],
          useFactory: (store: CacheStore) => ({ stores: [store.keyv] }),
        }),
      ],
      module: CachingModule,
      providers: [CacheService, { provide: APP_GUARD, useClass: CacheControlGuard }],
    };
  }
}
