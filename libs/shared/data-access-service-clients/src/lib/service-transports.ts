import { HttpService } from '@nestjs/axios';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import axios from 'axios';
import { Pool } from 'undici';
import { CircuitBreaker } from './circuit-breaker';
import { RetryPolicy } from './retry.policy';
import {
  MAX_RESPONSE_BYTES,
  SERVICE_CLIENTS_OPTIONS,
  SERVICE_NAMES,
  type ServiceName,
} from './service-clients.constants';
import type { ResolvedServiceClientsOptions } from './service-clients-options.interface';
import { ServiceTransport } from './service-transport';
import { createUndiciAdapter } from './undici.adapter';
import { CIRCUIT_STATE_VALUE, circuitStateGauge } from './upstream.metrics';

/**
 * One transport per service, each with its own keep-alive pool, axios instance, `HttpService`
 * and circuit breaker, living as long as the application.
 */
@Injectable()
export class ServiceTransports implements OnApplicationShutdown {
  private readonly transports = new Map<ServiceName, ServiceTransport>();
  private readonly pools: Pool[] = [];

  constructor(@Inject(SERVICE_CLIENTS_OPTIONS) options: ResolvedServiceClientsOptions) {
    const retry = new RetryPolicy(options.retry);
    for (const service of SERVICE_NAMES) {
      const config = options.services[service];
      const url = new URL(config.baseUrl);
      const pool = new Pool(url.origin, {
        connections: config.connections,
        maxResponseSize: MAX_RESPONSE_BYTES,
      });
      this.pools.push(pool);
      const http = new HttpService(
        axios.create({
          adapter: createUndiciAdapter(pool),
          // The transport encodes and parses bodies itself and maps every status.
          transformRequest: [],
          transformResponse: [],
          validateStatus: null,
        }),
      );
      const breaker = new CircuitBreaker({
        ...config.circuit,
        now: options.now,
        onStateChange: (state) => circuitStateGauge.set({ service }, CIRCUIT_STATE_VALUE[state]),
      });
      circuitStateGauge.set({ service }, CIRCUIT_STATE_VALUE.closed);
      const prefix = url.pathname.replace(/\/+$/, '');
      this.transports.set(
        service,
        new ServiceTransport(service, config, http, breaker, retry, prefix),
      );
    }
  }

  get(service: ServiceName): ServiceTransport {
    return this.transports.get(service) as ServiceTransport;
  }

  async onApplicationShutdown(): Promise<void> {
    // Runs after the HTTP server stopped, so no request still needs the pools.
    await Promise.all(this.pools.map((pool) => pool.close()));
  }
}
