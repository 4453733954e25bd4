/** Injection token of the resolved `CachingModuleOptions`. */
export const CACHING_MODULE_OPTIONS = Symbol('CachingModuleOptions');

export const CACHE_SCOPE_KEY = 'bff:caching:scope';

export const DEFAULT_MAX_ENTRIES = 10_000;

/** A cache read or write slower than this is a miss (or a skipped write), never a slow request. */
export const DEFAULT_REDIS_TIMEOUT_MS = 500;
