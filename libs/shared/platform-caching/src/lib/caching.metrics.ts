import { counter } from '@bff/util-metrics';

export const cacheHitsTotal = counter({
  name: 'bff_cache_hits_total',
  help: 'Public cache lookups served without a load (fresh, stale or joined to a load in flight)',
  labelNames: ['cache'],
});

export const cacheMissesTotal = counter({
  name: 'bff_cache_misses_total',
  help: 'Public cache lookups that called the loader',
  labelNames: ['cache'],
});

export const cacheStoreErrorsTotal = counter({
  name: 'bff_cache_store_errors_total',
  help: 'Cache reads or writes that failed or timed out (treated as misses or skipped)',
});
