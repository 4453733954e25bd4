export { httpRequestDuration } from './lib/http-metrics';
export { LifecycleService } from './lib/lifecycle.service';
export { loggingParams, REDACTED_PATHS, ROUTE_OF_REQUEST } from './lib/logging.config';
export { ObservabilityModule, type ObservabilityOptions } from './lib/observability.module';
export { type ReadinessCheck, ReadinessRegistry } from './lib/readiness.registry';
