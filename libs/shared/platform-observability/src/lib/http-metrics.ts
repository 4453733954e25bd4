import { histogram } from '@bff/util-metrics';

/** Served-request latency by route template (never raw ids), method and status. */
export const httpRequestDuration = histogram({
  name: 'bff_http_request_duration_seconds',
  help: 'Duration of HTTP requests served, by route template, method and status',
  labelNames: ['method', 'route', 'status'],
});
