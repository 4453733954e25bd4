import { counter } from '@bff/util-metrics';

export const rateLimitedTotal = counter({
  name: 'bff_rate_limited_total',
  help: 'Requests rejected with 429 by the rate limiter',
  labelNames: ['tier'],
});

export const rateLimitStoreErrorsTotal = counter({
  name: 'bff_rate_limit_store_errors_total',
  help: 'Rate-limit checks counted in process memory because Redis failed or was too slow',
});
