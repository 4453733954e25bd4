import { type DynamicModule, Logger, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { PlatformEnv } from '@bff/platform-bootstrap';
import { FAULT_INJECTION_CONFIG } from './fault-injection.constants';
import { FaultInjectionEnv } from './fault-injection.env';
import type {
  FaultInjectionConfig,
  FaultInjectionOptions,
} from './fault-injection-options.interface';
import { FaultInjectionInterceptor } from './fault-injection.interceptor';

/**
 * Makes the app slow or failing on purpose, as its `FAULT_*` variables say (see
 * {@link FaultInjectionEnv}); `/health/*`, `/metrics` and `/docs` are never affected. The app's
 * env class must extend `FaultInjectionEnv`.
 *
 * @example
 * @Module({ imports: [FaultInjectionModule.forRoot(), ProductsModule] })
 * export class AppModule {}
 */
@Module({})
export class FaultInjectionModule {
  static forRoot(options: FaultInjectionOptions = {}): DynamicModule {
    return {
      module: FaultInjectionModule,
      providers: [
        {
          inject: [PlatformEnv],
          provide: FAULT_INJECTION_CONFIG,
          useFactory: (env: PlatformEnv) => resolveConfig(env, options),
        },
        { provide: APP_INTERCEPTOR, useClass: FaultInjectionInterceptor },
      ],
    };
  }
}

function resolveConfig(env: PlatformEnv, options: FaultInjectionOptions): FaultInjectionConfig {
  if (!(env instanceof FaultInjectionEnv)) {
    throw new Error(
      'FaultInjectionModule needs the app env class to extend FaultInjectionEnv (AppOptions.env)',
    );
  }
  const config: FaultInjectionConfig = {
    delayMs: env.FAULT_DELAY_MS,
    errorRate: env.FAULT_ERROR_RATE,
    random: options.random ?? Math.random,
    routes: env.FAULT_ROUTES ?? [],
  };
  if (config.delayMs > 0 || config.errorRate > 0) {
    new Logger('FaultInjection').warn(
      {
        delayMs: config.delayMs,
        errorRate: config.errorRate,
        routes: config.routes.length ? config.routes : 'all',
      },
      'Fault injection is on',
    );
  }
  return config;
}
