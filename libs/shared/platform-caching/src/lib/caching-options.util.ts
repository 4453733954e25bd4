import { DEFAULT_MAX_ENTRIES, DEFAULT_REDIS_TIMEOUT_MS } from './caching.constants';
import type { CachingModuleOptions } from './caching-options.interface';

export type ResolvedCachingOptions = Required<Omit<CachingModuleOptions, 'redisUrl'>> &
  Pick<CachingModuleOptions, 'redisUrl'>;

function positiveInt(
  value: number | string | undefined,
  name: string,
  fallback: number,
  min = 1,
): number {
  if (value === undefined || value === '') return fallback;
  const number = typeof value === 'number' ? value : Number(value);
  if (!Number.isInteger(number) || number < min) {
    throw new Error(`CachingModule: ${name} must be an integer of at least ${min}`);
  }
  return number;
}

/** Applies the CONTRACT defaults (`CACHE_TTL_MS`, `REDIS_URL`) and refuses bad settings at start. */
export function resolveCachingOptions(
  options: Partial<CachingModuleOptions> & Pick<CachingModuleOptions, 'namespace'>,
  env: Record<string, string | undefined> = process.env,
): ResolvedCachingOptions {
  if (!/^[A-Za-z0-9_.-]+$/.test(options.namespace ?? '')) {
    throw new Error('CachingModule: namespace must be a non-empty [A-Za-z0-9_.-] string');
  }
  const redisUrl = options.redisUrl ?? (env['REDIS_URL'] || undefined);
  if (redisUrl && !/^rediss?:\/\//.test(redisUrl)) {
    throw new Error('CachingModule: redisUrl (REDIS_URL) must be a redis:// or rediss:// URL');
  }
  return {
    // 0 turns storing off; concurrent misses are still coalesced.
    ttlMs: positiveInt(options.ttlMs ?? env['CACHE_TTL_MS'], 'ttlMs (CACHE_TTL_MS)', 30_000, 0),
    redisUrl,
    namespace: options.namespace,
    maxEntries: positiveInt(options.maxEntries, 'maxEntries', DEFAULT_MAX_ENTRIES),
    redisTimeoutMs: positiveInt(options.redisTimeoutMs, 'redisTimeoutMs', DEFAULT_REDIS_TIMEOUT_MS),
  };
}
