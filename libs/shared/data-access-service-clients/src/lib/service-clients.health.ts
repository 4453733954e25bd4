import { Injectable } from '@nestjs/common';
import { isBffError } from '@bff/util-errors';
import { SERVICE_NAMES, type ServiceName } from './service-clients.constants';
import { ServiceTransports } from './service-transports';

/**
 * Result of one readiness probe.
 *
 * @example
 * { service: 'inventory', up: false, error: 'BFF_ERR_UPSTREAM_TIMEOUT' }
 */
export interface ServiceHealth {
  service: ServiceName;
  up: boolean;
  /** The error code when down, e.g. `BFF_ERR_UPSTREAM_TIMEOUT`. */
  error?: string;
}

/**
 * Readiness probes of the downstream services for the platform's `/health/ready`: a
 * `GET <base>/health/live` on the service's pool, with a short timeout, around the circuit
 * breaker (so that a probe can see a service recover) and without retries.
 *
 * @example
 * constructor(private readonly health: ServiceClientsHealth) {}
 * const { up } = await this.health.check('product');
 * const all = await this.health.checkAll(['product', 'inventory']);
 */
@Injectable()
export class ServiceClientsHealth {
  constructor(private readonly transports: ServiceTransports) {}

  async check(service: ServiceName, timeoutMs = 1000): Promise<ServiceHealth> {
    try {
      await this.transports
        .get(service)
        .send(
          { method: 'GET', route: '/health/live', path: '/health/live', shape: null, probe: true },
          { timeoutMs },
        );
      return { service, up: true };
    } catch (error) {
      return { service, up: false, error: isBffError(error) ? error.code : 'UNKNOWN' };
    }
  }

  checkAll(
    services: readonly ServiceName[] = SERVICE_NAMES,
    timeoutMs?: number,
  ): Promise<ServiceHealth[]> {
    return Promise.all(services.map((service) => this.check(service, timeoutMs)));
  }
}
