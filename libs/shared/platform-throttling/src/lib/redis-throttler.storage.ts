import { Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import type { ThrottlerStorage } from '@nestjs/throttler';
import { Redis } from 'ioredis';
import { MemoryThrottlerStorage, type ThrottlerStorageRecord } from './memory-throttler.storage';
import { rateLimitStoreErrorsTotal } from './throttling.metrics';

/**
 * Counters shared across instances in Redis (`@nest-lab/throttler-storage-redis`: one Lua script
 * per check, so INCR, PEXPIRE and the block decision are atomic across instances).
 *
 * When Redis is unreachable or slower than `timeoutMs`, the check is counted in this instance's
 * memory instead: the limit then holds per instance (up to N× across N instances) rather than
 * failing every request (fail-closed) or dropping the limit (fail-open). Requests never wait on a
 * disconnected Redis: the offline queue is off, so commands fail at once until it reconnects.
 */
export class RedisThrottlerStorage
  implements ThrottlerStorage, OnModuleInit, OnApplicationShutdown
{
  private readonly logger = new Logger('ThrottlingModule');
  private readonly redis: Redis;
  private readonly shared: ThrottlerStorageRedisService;
  private readonly local = new MemoryThrottlerStorage();
  private degraded = false;

  constructor(
    url: string,
    private readonly timeoutMs: number,
  ) {
    this.redis = new Redis(url, {
      commandTimeout: timeoutMs,
      connectTimeout: Math.max(1000, timeoutMs),
      disconnectTimeout: timeoutMs,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
    });
    this.redis.on('error', (error: Error) => this.degrade(error));
    this.redis.on('ready', () => {
      if (!this.degraded) return;
      this.degraded = false;
      this.logger.log('Redis reachable again: rate limits are shared across instances');
    });
    this.shared = new ThrottlerStorageRedisService(this.redis);
  }

  /** Waits (bounded) for the first connection, so that the first requests count in Redis. */
  async onModuleInit(): Promise<void> {
    if (this.redis.status === 'ready') return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, Math.max(1000, this.timeoutMs * 2));
      this.redis.once('ready', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    try {
      return await this.shared.increment(key, ttl, limit, blockDuration, throttlerName);
    } catch (error) {
      rateLimitStoreErrorsTotal.inc();
      this.degrade(error as Error);
      return this.local.increment(key, ttl, limit, blockDuration, throttlerName);
    }
  }

  onApplicationShutdown(): void {
    this.redis.disconnect();
    this.local.onApplicationShutdown();
  }

  private degrade(error: Error): void {
    if (this.degraded) return;
    this.degraded = true;
    this.logger.warn(
      `Redis unavailable (${error.message}): rate limits are counted per instance until it is back`,
    );
  }
}
