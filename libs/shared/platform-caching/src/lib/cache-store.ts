import { Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { Keyv } from 'keyv';
import type { ResolvedCachingOptions } from './caching-options.util';
import { cacheStoreErrorsTotal } from './caching.metrics';
import { LruMap } from './lru-map';
import type { redisKeyv } from './redis-keyv';

type RedisClient = ReturnType<typeof redisKeyv>['client'];

/**
 * The Keyv store behind the cache: a bounded in-process LRU by default, or Redis (`redis-keyv.ts`)
 * when `redisUrl` is set. A store that fails is reported once per outage and bypassed.
 */
export class CacheStore implements OnModuleInit, OnApplicationShutdown {
  /** The store for `options`; the Redis client library is loaded only when it is used. */
  static async create(options: ResolvedCachingOptions): Promise<CacheStore> {
    if (!options.redisUrl) return new CacheStore(options);
    const { redisKeyv } = await import('./redis-keyv');
    return new CacheStore(options, redisKeyv);
  }

  readonly keyv: Keyv;
  private readonly logger = new Logger('CachingModule');
  private readonly client?: RedisClient;
  private degraded = false;

  /** In memory unless given the Redis factory (see `create`) and a `redisUrl`. */
  constructor(
    private readonly options: ResolvedCachingOptions,
    redis?: typeof redisKeyv,
  ) {
    const { redisUrl } = options;
    if (!redisUrl || !redis) {
      // Values are kept as they are (the cache freezes them), not serialized: a hit is a lookup,
      // not a JSON.parse of the whole page.
      this.keyv = new Keyv({
        store: new LruMap<string, unknown>(options.maxEntries),
        namespace: options.namespace,
        serialize: undefined,
        deserialize: undefined,
      });
      return;
    }
    const { keyv, client } = redis(
      { ...options, redisUrl },
      {
        onError: (error) => this.degrade(error),
        onReady: () => {
          if (!this.degraded) return;
          this.degraded = false;
          this.logger.log('Redis reachable again: the shared cache is back');
        },
      },
    );
    this.keyv = keyv;
    this.client = client;
    this.keyv.on('error', (error: Error) => {
      cacheStoreErrorsTotal.inc();
      this.degrade(error);
    });
  }

  /** Connects (bounded), so that the first requests already share the cache. */
  async onModuleInit(): Promise<void> {
    if (!this.client) return;
    const connected = this.client.connect().catch((error: Error) => this.degrade(error));
    await Promise.race([
      connected,
      new Promise((resolve) =>
        setTimeout(resolve, Math.max(1000, this.options.redisTimeoutMs * 2)).unref(),
      ),
    ]);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.client?.isOpen) this.client.destroy();
  }

  /** Logs once per outage; each failed operation is counted by the caller. */
  degrade(error: Error): void {
    if (this.degraded) return;
    this.degraded = true;
    this.logger.warn(
      `Redis unavailable (${error.message}): the cache is bypassed until it is back`,
    );
  }
}
