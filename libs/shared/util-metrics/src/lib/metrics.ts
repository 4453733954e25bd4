import {
  Counter,
  type CounterConfiguration,
  Gauge,
  type GaugeConfiguration,
  Histogram,
  type HistogramConfiguration,
  register,
} from 'prom-client';

/** Latency buckets in seconds, from a cache hit (~0.5 ms) to a slow upstream (5 s). */
export const LATENCY_BUCKETS = [
  0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5,
];

function getOrCreate<M>(name: string, create: () => M): M {
  // Several app instances may share one process (tests): a metric is registered once.
  return (register.getSingleMetric(name) as M | undefined) ?? create();
}

/**
 * Metric factories on prom-client's default registry that return the existing metric when one
 * of the same name is registered, so that libraries can declare their metrics where they use them.
 *
 * @example
 * const hits = counter({ name: 'bff_cache_hits_total', help: 'Cache hits', labelNames: ['cache'] });
 * hits.inc({ cache: 'product-page' });
 */
export function counter<L extends string>(config: CounterConfiguration<L>): Counter<L> {
  return getOrCreate(config.name, () => new Counter(config));
}

export function gauge<L extends string>(config: GaugeConfiguration<L>): Gauge<L> {
  return getOrCreate(config.name, () => new Gauge(config));
}

export function histogram<L extends string>(config: HistogramConfiguration<L>): Histogram<L> {
  return getOrCreate(config.name, () => new Histogram({ buckets: LATENCY_BUCKETS, ...config }));
}

/** The registry `/metrics` serves. */
export const metricsRegistry = register;
