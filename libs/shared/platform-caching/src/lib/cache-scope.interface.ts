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
  /**
   * Whether a loaded value may be stored (all by default): e.g. not a degraded composite, which
   * would otherwise be served for a whole TTL after the failing part recovered.
   */
  cacheIf?: (value: never) => boolean;
  /** Metrics label; the key up to its first `:` by default (`product-page:p1` → `product-page`). */
  keyspace?: string;
}
