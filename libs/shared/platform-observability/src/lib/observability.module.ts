import { type DynamicModule, Global, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { LoggerModule } from 'nestjs-pino';
import { collectDefaultMetrics } from 'prom-client';
import { metricsRegistry } from '@bff/util-metrics';
import { HealthController } from './health.controller';
import { LifecycleService } from './lifecycle.service';
import { createRootLogger, loggingParams } from './logging.config';
import { MetricsController } from './metrics.controller';
import { ReadinessRegistry } from './readiness.registry';

export interface ObservabilityOptions {
  /** App name, on every log line. */
  app: string;
  /** pino level: `fatal`…`trace`, or `silent`. */
  logLevel: string;
}

/** The app's root pino logger (see `createRootLogger`), e.g. for the request line. */
export const ROOT_LOGGER = 'OBSERVABILITY:ROOT_LOGGER';

let defaultMetricsCollected = false;

/**
 * JSON logs (nestjs-pino), `/metrics` (prom-client), `/health/live` and `/health/ready`
 * (terminus). `createApp` from `@bff/platform-bootstrap` imports it for every app.
 *
 * @example
 * ObservabilityModule.forRoot({ app: 'web-bff', logLevel: 'info' })
 */
@Global()
@Module({})
export class ObservabilityModule {
  static forRoot(options: ObservabilityOptions): DynamicModule {
    if (!defaultMetricsCollected) {
      collectDefaultMetrics({ register: metricsRegistry });
      defaultMetricsCollected = true;
    }
    const logger = createRootLogger(options.app, options.logLevel);
    return {
      controllers: [HealthController, MetricsController],
      exports: [LifecycleService, ReadinessRegistry, ROOT_LOGGER],
      imports: [
        LoggerModule.forRoot(loggingParams(logger)),
        TerminusModule.forRoot({ logger: false }),
      ],
      module: ObservabilityModule,
      providers: [LifecycleService, ReadinessRegistry, { provide: ROOT_LOGGER, useValue: logger }],
    };
  }
}
