export { httpRequestDuration } from './lib/http-metrics';
export { LifecycleService } from './lib/lifecycle.service';
export {
  createRootLogger,
  loggingParams,
  logRequest,
  REDACTED_PATHS,
  type RequestLogEntry,
} from './lib/logging.config';
export {
  ObservabilityModule,
  type ObservabilityOptions,
  ROOT_LOGGER,
} from './lib/observability.module';
export { type ReadinessCheck, ReadinessRegistry } from './lib/readiness.registry';
