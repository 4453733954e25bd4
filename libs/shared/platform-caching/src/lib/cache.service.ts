import { Inject, Injectable, Logger } from '@nestjs/common';
import { CACHE_MANAGER, type Cache } from '@nestjs/cache-manager';
import { RequestContext } from '@bff/util-request-context';
import { CACHING_MODULE_OPTIONS } from './caching.constants';
import type { ResolvedCachingOptions } from './caching-options.util';
import { cacheHitsTotal, cacheMissesTotal, cacheStoreErrorsTotal } from './caching.metrics';
import type { GetOrSetOptions } from './cache-scope.interface';
import { CacheStore } from './cache-store';

/** What the shared store holds: the value and until when it is fresh (epoch ms). */
interface Entry<T> {
  v: T;
  f: number;
}

const USER_FLIGHTS = Symbol('bff.caching.userFlights');
const TIMED_OUT = Symbol('timed out');

/**
 * A shared value is the same object for every caller of the memory store: frozen, so that no
 * caller can change what the next one is served (in strict mode a write throws).
 */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/**
 * Read-through cache with single-flight: concurrent misses for one key in this process make one
 * loader call, and the others wait for it. `public` values go in the shared store (memory or
 * Redis); `user` values are never stored anywhere, only deduplicated within one request. A store
 * that fails or is slow is a miss, never an error or a slow request.
 *
 * @example
 * const page = await this.cache.getOrSet(`product-page:${id}`, { scope: 'public' }, () =>
 *   this.composeProductPage(id),
 * );
 */
@Injectable()
export class CacheService {
  private readonly logger = new Logger('CachingModule');
  private readonly inFlight = new Map<string, Promise<unknown>>();
  private readonly refreshing = new Set<string>();

  constructor(
    @Inject(CACHE_MANAGER) private readonly cache: Cache,
    @Inject(CACHING_MODULE_OPTIONS) private readonly options: ResolvedCachingOptions,
    private readonly store: CacheStore,
  ) {}

  /** The cached value of `key`, or the loader's (stored when `scope` is `public`). */
  getOrSet<T>(key: string, options: GetOrSetOptions, loader: () => Promise<T>): Promise<T> {
    if (options.scope === 'user') return this.dedupeInRequest(key, loader);
    const keyspace = options.keyspace ?? key.split(':')[0];
    const pending = this.inFlight.get(key) as Promise<T> | undefined;
    if (pending) {
      cacheHitsTotal.inc({ cache: keyspace });
      return pending;
    }
    const flight = this.readThrough(key, keyspace, options, loader).finally(() =>
      this.inFlight.delete(key),
    );
    this.inFlight.set(key, flight);
    return flight;
  }

  /** Drops a public value, e.g. after a change the TTL should not wait for. */
  async delete(key: string): Promise<void> {
    await this.bounded(this.cache.del(key));
  }

  private async readThrough<T>(
    key: string,
    keyspace: string,
    options: GetOrSetOptions,
    loader: () => Promise<T>,
  ): Promise<T> {
    if ((options.ttlMs ?? this.options.ttlMs) === 0) {
      cacheMissesTotal.inc({ cache: keyspace });
      return loader();
    }
    const entry = await this.bounded(this.cache.get<Entry<T>>(key));
    if (entry && typeof entry === 'object' && 'f' in entry) {
      cacheHitsTotal.inc({ cache: keyspace });
      if (Date.now() >= entry.f) this.revalidate(key, options, loader);
      return entry.v;
    }
    cacheMissesTotal.inc({ cache: keyspace });
    const value = await loader();
    await this.write(key, value, options);
    return value;
  }

  /** One background load per stale key; the stale value keeps being served meanwhile. */
  private revalidate<T>(key: string, options: GetOrSetOptions, loader: () => Promise<T>): void {
    if (this.refreshing.has(key)) return;
    this.refreshing.add(key);
    loader()
      .then((value) => this.write(key, value, options))
      .catch((error: unknown) =>
        this.logger.warn(`Revalidating ${key.split(':')[0]} failed: ${(error as Error).message}`),
      )
      .finally(() => this.refreshing.delete(key));
  }

  private async write<T>(key: string, value: T, options: GetOrSetOptions): Promise<void> {
    if (options.cacheIf && !(options.cacheIf as (value: T) => boolean)(value)) return;
    const ttlMs = options.ttlMs ?? this.options.ttlMs;
    const entry: Entry<T> = { v: deepFreeze(value), f: Date.now() + ttlMs };
    await this.bounded(this.cache.set(key, entry, ttlMs + (options.staleWhileRevalidateMs ?? 0)));
  }

  private dedupeInRequest<T>(key: string, loader: () => Promise<T>): Promise<T> {
    const flights = RequestContext.scoped(USER_FLIGHTS, () => new Map<string, Promise<unknown>>());
    const pending = flights.get(key) as Promise<T> | undefined;
    if (pending) return pending;
    const flight = loader().finally(() => flights.delete(key));
    flights.set(key, flight);
    return flight;
  }

  /** A store operation that fails or outlasts the budget counts as an error and yields undefined. */
  private async bounded<T>(operation: Promise<T>): Promise<T | undefined> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
      timer = setTimeout(() => resolve(TIMED_OUT), this.options.redisTimeoutMs);
    });
    try {
      const result = await Promise.race([operation, timeout]);
      if (result !== TIMED_OUT) return result;
      cacheStoreErrorsTotal.inc();
      this.store.degrade(new Error(`no answer within ${this.options.redisTimeoutMs} ms`));
      return undefined;
    } catch (error) {
      cacheStoreErrorsTotal.inc();
      this.store.degrade(error as Error);
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  }
}
