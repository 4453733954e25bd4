import { Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import KeyvRedis, { createClient, Keyv } from '@keyv/redis';
import type { ResolvedCachingOptions } from './caching-options.util';
import { cacheStoreErrorsTotal } from './caching.metrics';
import { LruMap } from './lru-map';

type RedisClient = ReturnType<typeof createClient>;

/** Closes by destroying the socket: a graceful QUIT would wait forever on a hung Redis. */
class ForcefulKeyvRedis extends KeyvRedis<unknown> {
  override async disconnect(): Promise<void> {
    await super.disconnect(true);
  }
}

/**
 * The Keyv store behind the cache: a bounded in-process LRU by default, or `@keyv/redis` with a
 * client that never makes a request wait on Redis: the offline queue is off (commands fail at
 * once while disconnected), connects time out, reconnection goes on in the background.
 */
export class CacheStore implements OnModuleInit, OnApplicationShutdown {
  readonly keyv: Keyv;
  private readonly logger = new Logger('CachingModule');
  private readonly client?: RedisClient;
  private degraded = false;

  constructor(private readonly options: ResolvedCachingOptions) {
    if (!options.redisUrl) {
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
    this.client = createClient({
      url: options.redisUrl,
      disableOfflineQueue: true,
      socket: {
        connectTimeout: Math.max(1000, options.redisTimeoutMs),
        reconnectStrategy: (attempt: number) => Math.min(attempt * 200, 2000),
      },
    });
    this.client.on('error', (error: Error) => this.degrade(error));
    this.client.on('ready', () => {
      if (!this.degraded) return;
      this.degraded = false;
      this.logger.log('Redis reachable again: the shared cache is back');
    });
    const store = new ForcefulKeyvRedis(this.client, {
      connectionTimeout: Math.max(1000, options.redisTimeoutMs),
      throwOnConnectError: false,
    });
    // Plain JSON: Keyv's default (de)serializer walks every value in JS and parses with a reviver,
    // several times the cost of the native one on a page-sized value.
    this.keyv = new Keyv({
      store,
      namespace: options.namespace,
      useKeyPrefix: false,
      serialize: JSON.stringify,
      deserialize: JSON.parse,
    });
    store.namespace = options.namespace;
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
