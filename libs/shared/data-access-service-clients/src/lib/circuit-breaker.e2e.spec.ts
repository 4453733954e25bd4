import { type BffError, isBffError } from '@bff/util-errors';
import { metricsRegistry } from '@bff/util-metrics';
import { type FakeUpstream, reply, startFakeUpstream } from '@bff/util-testing';
import {
  type Clients,
  productFixture,
  rejectionOf,
  startClients,
} from '../testing/clients.fixture';

const RESET_MS = 10_000;

async function circuitGauge(service: string): Promise<number | undefined> {
  const metric = await metricsRegistry.getSingleMetric('bff_upstream_circuit_state')?.get();
  return metric?.values.find((value) => value.labels['service'] === service)?.value;
}

describe('the circuit breaker of a service', () => {
  let upstream: FakeUpstream;
  let clients: Clients;
  let time = 0;

  beforeEach(async () => {
    time = 0;
    upstream = await startFakeUpstream(() => reply.problem(500));
    clients = await startClients({
      defaults: { circuit: { failureThreshold: 3, resetMs: RESET_MS } },
      product: { baseUrl: upstream.url },
      inventory: { baseUrl: upstream.url },
      now: () => time,
    });
  });

  afterEach(async () => {
    await clients.close();
    await upstream.close();
  });

  const fail = async (times: number) => {
    for (let i = 0; i < times; i += 1) await rejectionOf(clients.products.getProduct('p1'));
  };

  it('goes from closed to open to half-open to closed', async () => {
    await fail(3);
    expect(await circuitGauge('product')).toBe(2);

    const calls = upstream.calls.length;
    const error = (await rejectionOf(clients.products.getProduct('p1'))) as BffError;
    expect(error.code).toBe('BFF_ERR_UPSTREAM_CIRCUIT_OPEN');
    expect(error.status).toBe(503);
    expect(error.headers?.['Retry-After']).toBe('10');
    expect(upstream.calls).toHaveLength(calls);

    time += RESET_MS;
    upstream.setHandler(() => reply.delay(100, reply.json(productFixture('p1'))));
    const trial = clients.products.getProduct('p1');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await circuitGauge('product')).toBe(1);
    const meanwhile = await rejectionOf(clients.products.getProduct('p1'));
    expect(isBffError(meanwhile, 'BFF_ERR_UPSTREAM_CIRCUIT_OPEN')).toBe(true);
    await expect(trial).resolves.toEqual(productFixture('p1'));

    expect(await circuitGauge('product')).toBe(0);
    await expect(clients.products.getProduct('p1')).resolves.toEqual(productFixture('p1'));
  });

  it('re-opens when the trial call fails', async () => {
    await fail(3);
    time += RESET_MS;
    upstream.setHandler(() => reply.hang());
    const trial = await rejectionOf(clients.products.getProduct('p1', { timeoutMs: 100 }));
    expect(isBffError(trial, 'BFF_ERR_UPSTREAM_TIMEOUT')).toBe(true);
    const next = await rejectionOf(clients.products.getProduct('p1'));
    expect(isBffError(next, 'BFF_ERR_UPSTREAM_CIRCUIT_OPEN')).toBe(true);
  });

  it('counts timeouts, connection resets and malformed bodies as failures', async () => {
    upstream.setHandler(() => reply.hang());
    await rejectionOf(clients.products.getProduct('p1', { timeoutMs: 50 }));
    upstream.setHandler(() => reply.reset());
    await rejectionOf(clients.products.getProduct('p1'));
    upstream.setHandler(() => reply.malformed());
    await rejectionOf(clients.products.getProduct('p1'));
    const error = await rejectionOf(clients.products.getProduct('p1'));
    expect(isBffError(error, 'BFF_ERR_UPSTREAM_CIRCUIT_OPEN')).toBe(true);
  });

  it('does not count 404s and other 4xx answers as failures', async () => {
    for (const status of [404, 400, 403, 409, 422, 404]) {
      upstream.setHandler(() => reply.problem(status));
      await rejectionOf(clients.products.getProduct('p1'));
    }
    upstream.setHandler(() => reply.json(productFixture('p1')));
    await expect(clients.products.getProduct('p1')).resolves.toEqual(productFixture('p1'));
  });

  it('counts 408 and 429 answers as failures', async () => {
    for (const status of [408, 429, 429]) {
      upstream.setHandler(() => reply.problem(status));
      await rejectionOf(clients.products.getProduct('p1'));
    }
    const error = await rejectionOf(clients.products.getProduct('p1'));
    expect(isBffError(error, 'BFF_ERR_UPSTREAM_CIRCUIT_OPEN')).toBe(true);
  });

  it('does not count calls the caller cancelled', async () => {
    upstream.setHandler(() => reply.hang());
    for (let i = 0; i < 4; i += 1) {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 20);
      await rejectionOf(clients.products.getProduct('p1', { signal: controller.signal }));
    }
    upstream.setHandler(() => reply.json(productFixture('p1')));
    await expect(clients.products.getProduct('p1')).resolves.toEqual(productFixture('p1'));
  });

  it('keeps the circuits of other services closed', async () => {
    await fail(3);
    const calls = upstream.calls.length;
    const error = await rejectionOf(clients.inventory.getStock('p1'));
    expect(isBffError(error, 'BFF_ERR_UPSTREAM_BAD_RESPONSE')).toBe(true);
    expect(upstream.calls).toHaveLength(calls + 1);
  });
});
