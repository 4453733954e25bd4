import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { BffError } from '@bff/util-errors';
import { LifecycleService } from './lifecycle.service';
import { ReadinessRegistry } from './readiness.registry';

const CHECK_TIMEOUT_MS = 1500;

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly lifecycle: LifecycleService,
    private readonly readiness: ReadinessRegistry,
  ) {}

  @Get('live')
  @ApiOkResponse({ description: 'The process is up' })
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOkResponse({ description: 'Every required dependency is reachable' })
  @ApiServiceUnavailableResponse({ description: 'Draining, or a required dependency is down' })
  async ready() {
    if (this.lifecycle.isDraining) {
      throw new BffError('BFF_ERR_SHUTTING_DOWN', { detail: 'The app is draining' });
    }
    try {
      return await this.health.check(
        this.readiness.entries().map(([name, check]) => async () => {
          const session = this.indicators.check(name);
          try {
            await withTimeout(check(), CHECK_TIMEOUT_MS);
            return session.up();
          } catch {
            return session.down({ message: 'unreachable' });
          }
        }),
      );
    } catch (error) {
      const details = (error as { response?: { details?: unknown } }).response?.details;
      throw new BffError('BFF_ERR_NOT_READY', { extensions: { checks: details } });
    }
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
