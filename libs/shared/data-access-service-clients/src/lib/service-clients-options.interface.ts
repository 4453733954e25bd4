import type { ServiceName } from './service-clients.constants';

/**
 * When a service's circuit opens and when it tries again.
 *
 * @example
 * ServiceClientsModule.forRoot({ defaults: { circuit: { failureThreshold: 5, resetMs: 10_000 } } });
 */
export interface CircuitOptions {
  /** Consecutive failures that open the circuit (`CIRCUIT_FAILURE_THRESHOLD`, 5). */
  failureThreshold: number;
  /** Milliseconds the circuit stays open before one trial call (`CIRCUIT_RESET_MS`, 10000). */
  resetMs: number;
}

/**
 * Everything the clients need to know about one downstream service.
 *
 * @example
 * { baseUrl: 'http://product:3101', timeoutMs: 2000, connections: 32,
 *   circuit: { failureThreshold: 5, resetMs: 10_000 } }
 */
export interface ServiceOptions {
  /** Origin, optionally with a path prefix (`PRODUCT_SERVICE_URL`, …). */
  baseUrl: string;
  /** Budget of one call, retries included (`UPSTREAM_TIMEOUT_MS`, 2000). */
  timeoutMs: number;
  /** Most open keep-alive connections to the service (`UPSTREAM_CONNECTIONS`, 32). */
  connections: number;
  circuit: CircuitOptions;
}

/**
 * Per-service overrides; anything left out comes from `defaults`, then the environment.
 *
 * @example
 * ServiceClientsModule.forRoot({ order: { timeoutMs: 3000 } });
 */
export type ServiceOverrides = Partial<Omit<ServiceOptions, 'circuit'>> & {
  circuit?: Partial<CircuitOptions>;
};

/**
 * Tuning of the one retry.
 *
 * @example
 * ServiceClientsModule.forRoot({ retry: { backoffMs: 25 } });
 */
export interface RetryOptions {
  /** Mean backoff before the one retry, jittered to 50–150 % (50). */
  backoffMs?: number;
  /** Least time that must be left of the deadline after the backoff for a retry (100). */
  minAttemptMs?: number;
}

/**
 * Options of `ServiceClientsModule.forRoot`. Every field is optional: values not given are read
 * from `environment` (by default `process.env`), validated like `ServiceClientsEnv`, and
 * default to the contract's values.
 *
 * @example
 * ServiceClientsModule.forRoot({
 *   environment: { PRODUCT_SERVICE_URL: upstream.url },
 *   defaults: { timeoutMs: 500 },
 * });
 */
export interface ServiceClientsModuleOptions {
  product?: ServiceOverrides;
  inventory?: ServiceOverrides;
  order?: ServiceOverrides;
  /** Applied to every service before its own overrides. */
  defaults?: Omit<ServiceOverrides, 'baseUrl'>;
  retry?: RetryOptions;
  /** Where unset values are read from; `process.env` when omitted. */
  environment?: Record<string, string | undefined>;
  /** Clock the circuit breakers read (tests). */
  now?: () => number;
}

/** Options after defaults and the environment were applied. */
export interface ResolvedServiceClientsOptions {
  services: Record<ServiceName, ServiceOptions>;
  retry: Required<RetryOptions>;
  now: () => number;
}
