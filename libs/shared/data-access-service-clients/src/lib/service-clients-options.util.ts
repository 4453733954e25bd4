import { SERVICE_NAMES, type ServiceName } from './service-clients.constants';
import { loadServiceClientsEnv, type ServiceClientsVariables } from './service-clients.env';
import type {
  ResolvedServiceClientsOptions,
  ServiceClientsModuleOptions,
  ServiceOptions,
} from './service-clients-options.interface';

/**
 * Module options from a validated env instance, for `forRootAsync`.
 *
 * @example
 * ServiceClientsModule.forRootAsync({
 *   inject: [WebBffEnv],
 *   useFactory: (env: WebBffEnv) => serviceClientsOptionsFromEnv(env),
 * });
 */
export function serviceClientsOptionsFromEnv(
  env: ServiceClientsVariables,
): ServiceClientsModuleOptions {
  const defaults = {
    timeoutMs: env.UPSTREAM_TIMEOUT_MS,
    connections: env.UPSTREAM_CONNECTIONS,
    circuit: { failureThreshold: env.CIRCUIT_FAILURE_THRESHOLD, resetMs: env.CIRCUIT_RESET_MS },
  };
  return {
    environment: {},
    product: { baseUrl: env.PRODUCT_SERVICE_URL, ...defaults },
    inventory: { baseUrl: env.INVENTORY_SERVICE_URL, ...defaults },
    order: { baseUrl: env.ORDER_SERVICE_URL, ...defaults },
  };
}

const BASE_URL_VARIABLE: Record<ServiceName, keyof ServiceClientsVariables> = {
  product: 'PRODUCT_SERVICE_URL',
  inventory: 'INVENTORY_SERVICE_URL',
  order: 'ORDER_SERVICE_URL',
};

function positive(name: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0)
    throw new RangeError(`${name} must be a positive number`);
  return value;
}

/** Applies per-service overrides, shared defaults, the environment and the contract's defaults. */
export function resolveServiceClientsOptions(
  options: ServiceClientsModuleOptions = {},
): ResolvedServiceClientsOptions {
  const env = loadServiceClientsEnv(options.environment ?? process.env);
  const services = {} as Record<ServiceName, ServiceOptions>;
  for (const name of SERVICE_NAMES) {
    const own = options[name] ?? {};
    const shared = options.defaults ?? {};
    const baseUrl = new URL(own.baseUrl ?? String(env[BASE_URL_VARIABLE[name]]));
    if (baseUrl.protocol !== 'http:' && baseUrl.protocol !== 'https:') {
      throw new RangeError(`${name}.baseUrl must be an http(s) URL`);
    }
    services[name] = {
      baseUrl: baseUrl.href.replace(/\/+$/, ''),
      timeoutMs: positive(
        `${name}.timeoutMs`,
        own.timeoutMs ?? shared.timeoutMs ?? env.UPSTREAM_TIMEOUT_MS,
      ),
      connections: positive(
        `${name}.connections`,
        own.connections ?? shared.connections ?? env.UPSTREAM_CONNECTIONS,
      ),
      circuit: {
        failureThreshold: positive(
          `${name}.circuit.failureThreshold`,
          own.circuit?.failureThreshold ??
            shared.circuit?.failureThreshold ??
            env.CIRCUIT_FAILURE_THRESHOLD,
        ),
        resetMs: positive(
          `${name}.circuit.resetMs`,
          own.circuit?.resetMs ?? shared.circuit?.resetMs ?? env.CIRCUIT_RESET_MS,
        ),
      },
    };
  }
  return {
    services,
    retry: {
      backoffMs: options.retry?.backoffMs ?? 50,
      minAttemptMs: options.retry?.minAttemptMs ?? 100,
    },
    now: options.now ?? Date.now,
  };
}
