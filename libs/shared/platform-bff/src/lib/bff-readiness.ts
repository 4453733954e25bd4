import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { ServiceClientsHealth, type ServiceName } from '@bff/data-access-service-clients';
import { ReadinessRegistry } from '@bff/platform-observability';
import { BffError } from '@bff/util-errors';

export const REQUIRED_SERVICES = Symbol('BFF:REQUIRED_SERVICES');

/** Registers the BFF's required services as readiness checks. */
@Injectable()
export class BffReadiness implements OnModuleInit {
  constructor(
    private readonly readiness: ReadinessRegistry,
    private readonly health: ServiceClientsHealth,
    @Inject(REQUIRED_SERVICES) private readonly services: ServiceName[],
  ) {}

  onModuleInit(): void {
    for (const service of this.services) {
      this.readiness.register(`${service}-service`, async () => {
        const result = await this.health.check(service);
        if (!result.up) {
          throw new BffError('BFF_ERR_UPSTREAM_UNAVAILABLE', { upstream: service });
        }
      });
    }
  }
}
