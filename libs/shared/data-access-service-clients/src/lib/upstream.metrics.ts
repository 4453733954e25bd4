import { counter, gauge, histogram } from '@bff/util-metrics';
import type { CircuitState } from './circuit-breaker';

/**
 * How an upstream attempt ended, as the `outcome` label of the latency histogram.
 *
 * @example
 * // bff_upstream_request_duration_seconds_count{service="product",route="/products/:id",method="GET",outcome="timeout"}
 */
export type UpstreamOutcome =
  | 'ok'
  | 'timeout'
  | 'unavailable'
  | 'bad_response'
  | 'not_found'
  | 'rejected'
  | 'circuit_open';

export const upstreamDuration = histogram({
  name: 'bff_upstream_request_duration_seconds',
  help: 'Duration of calls to downstream services, one observation per attempt',
  labelNames: ['service', 'route', 'method', 'outcome'],
});

export const upstreamRetries = counter({
  name: 'bff_upstream_retries_total',
  help: 'Retries of calls to downstream services',
  labelNames: ['service', 'route', 'method'],
});

export const circuitStateGauge = gauge({
  name: 'bff_upstream_circuit_state',
  help: 'Circuit breaker state per downstream service: 0 closed, 1 half-open, 2 open',
  labelNames: ['service'],
});

export const CIRCUIT_STATE_VALUE: Record<CircuitState, number> = {
  closed: 0,
  'half-open': 1,
  open: 2,
};
