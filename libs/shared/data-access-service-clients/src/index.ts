export type { CallOptions, UserCallOptions } from './lib/call-options.interface';
export { CircuitBreaker } from './lib/circuit-breaker';
export type { CircuitBreakerOptions, CircuitPermit, CircuitState } from './lib/circuit-breaker';
export { InventoryClient } from './lib/inventory.client';
export { OrderClient } from './lib/order.client';
export type { ListOrdersQuery } from './lib/order.client';
export { ProductClient } from './lib/product.client';
export type { ListProductsQuery } from './lib/product.client';
export { SERVICE_NAMES } from './lib/service-clients.constants';
export type { ServiceName } from './lib/service-clients.constants';
export {
  loadServiceClientsEnv,
  ServiceClientsEnv,
  withServiceClientsEnv,
} from './lib/service-clients.env';
export type { ServiceClientsVariables } from './lib/service-clients.env';
export { ServiceClientsHealth } from './lib/service-clients.health';
export type { ServiceHealth } from './lib/service-clients.health';
export { ServiceClientsModule } from './lib/service-clients.module';
export type {
  CircuitOptions,
  RetryOptions,
  ServiceClientsModuleOptions,
  ServiceOptions,
  ServiceOverrides,
} from './lib/service-clients-options.interface';
export { serviceClientsOptionsFromEnv } from './lib/service-clients-options.util';
export { createUndiciAdapter } from './lib/undici.adapter';
export type { UpstreamOutcome } from './lib/upstream.metrics';
