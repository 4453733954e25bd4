import {
  type CallHandler,
  type ExecutionContext,
  Inject,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { mergeMap, type Observable, throwError, timer } from 'rxjs';
import { BffError } from '@bff/util-errors';
import { counter } from '@bff/util-metrics';
import { EXEMPT_PREFIXES, FAULT_INJECTION_CONFIG } from './fault-injection.constants';
import type { FaultInjectionConfig } from './fault-injection-options.interface';
import { isUnderPrefix } from './path-prefix.util';

const injectedFaults = counter({
  name: 'service_injected_faults_total',
  help: 'Requests slowed down or failed on purpose by FAULT_* variables',
  labelNames: ['kind'],
});

/** Delays and fails the requests the configuration selects, before their handler runs. */
@Injectable()
export class FaultInjectionInterceptor implements NestInterceptor {
  constructor(@Inject(FAULT_INJECTION_CONFIG) private readonly config: FaultInjectionConfig) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const { delayMs, errorRate, random } = this.config;
    if (context.getType() !== 'http' || (delayMs === 0 && errorRate === 0)) return next.handle();
    const path = context.switchToHttp().getRequest<FastifyRequest>().url.split('?')[0];
    if (!this.affects(path)) return next.handle();

    const outcome = errorRate > 0 && random() < errorRate ? this.fail() : next.handle();
    if (delayMs === 0) return outcome;
    injectedFaults.inc({ kind: 'delay' });
    return timer(delayMs).pipe(mergeMap(() => outcome));
  }

  private affects(path: string): boolean {
    if (EXEMPT_PREFIXES.some((prefix) => isUnderPrefix(path, prefix))) return false;
    const { routes } = this.config;
    return routes.length === 0 || routes.some((prefix) => isUnderPrefix(path, prefix));
  }

  private fail(): Observable<never> {
    injectedFaults.inc({ kind: 'error' });
    return throwError(
      () =>
        new BffError('BFF_ERR_SERVICE_UNAVAILABLE', {
          detail: 'The service is failing on purpose (FAULT_ERROR_RATE)',
          headers: { 'Retry-After': '1' },
        }),
    );
  }
}
