import { counter, histogram, metricsRegistry } from './metrics';

describe('metric factories', () => {
  it('return the registered metric when declared twice', () => {
    const first = counter({ name: 'test_declared_twice_total', help: 'x' });
    const second = counter({ name: 'test_declared_twice_total', help: 'x' });
    expect(second).toBe(first);
  });

  it('give histograms latency buckets in seconds', async () => {
    histogram({ name: 'test_latency_seconds', help: 'x' }).observe(0.003);
    const text = await metricsRegistry.getSingleMetricAsString('test_latency_seconds');
    expect(text).toContain('test_latency_seconds_bucket{le="0.005"} 1');
  });
});
