/**
 * Who may see a cached value: `public` values are the same for every caller and may be shared
 * (in Redis, and by HTTP caches); `user` values are for one caller and are never stored.
 */
export type CacheValueScope = 'public' | 'user';

export interface GetOrSetOptions {
  scope: CacheValueScope;
  /** Freshness in ms; the module's `ttlMs` (`CACHE_TTL_MS`) by default. */
  ttlMs?: number;
  /**
   * After `ttlMs`, serve the stale value for this long while one background load refreshes it.
   * Off by default.
   */
  staleWhileRevalidateMs?: number;
  /** Metrics label; the key up to its first `:` by default (`product-page:p1` → `product-page`). */
  keyspace?: string;
}
