import type { ModuleMetadata } from '@nestjs/common';

export interface CachingModuleOptions {
  /** Default freshness of cached public values (`CACHE_TTL_MS`, 30000). */
  ttlMs: number;
  /** Shared cache in Redis when set (`REDIS_URL`); a bounded in-process LRU otherwise. */
  redisUrl?: string;
  /** Key prefix in the shared store, one per app (`web-bff`), so apps never read each other's values. */
  namespace: string;
  /** Bound of the in-memory store; 10000 entries by default (least recently used evicted). */
  maxEntries?: number;
  /** Budget of one Redis read or write; 500 ms by default. */
  redisTimeoutMs?: number;
}

export interface CachingModuleAsyncOptions extends Pick<ModuleMetadata, 'imports'> {
  /** Returns options; omitted fields fall back to the environment as in `forRoot`. */
  useFactory: (
    ...args: any[]
  ) =>
    | (Partial<CachingModuleOptions> & Pick<CachingModuleOptions, 'namespace'>)
    | Promise<Partial<CachingModuleOptions> & Pick<CachingModuleOptions, 'namespace'>>;
  inject?: any[];
}
