import { type BffError, isBffError } from '@bff/util-errors';
import { metricsRegistry } from '@bff/util-metrics';
import { RequestContext } from '@bff/util-request-context';
import { type FakeUpstream, reply, startFakeUpstream, unusedUrl } from '@bff/util-testing';
import {
  type Clients,
  productFixture,
  rejectionOf,
  startClients,
} from '../testing/clients.fixture';

/** Generous for a loaded CI machine; hung calls must still end close to it. */
const TIMEOUT_MS = 1000;

describe('ProductClient', () => {
  let upstream: FakeUpstream;
  let clients: Clients;

  beforeAll(async () => {
    upstream = await startFakeUpstream();
    clients = await startClients({
      product: { baseUrl: upstream.url, timeoutMs: TIMEOUT_MS },
      // A breaker that never opens here: circuit behaviour has its own spec.
      defaults: { circuit: { failureThreshold: 1000 } },
    });
  });

  afterAll(async () => {
    await clients.close();
    await upstream.close();
  });

  beforeEach(() => upstream.reset());

  const answer = (handler: Parameters<FakeUpstream['setHandler']>[0]) =>
    upstream.setHandler(handler);
  /** Calls for one product id, so that a late request of an earlier test cannot be counted. */
  const callsFor = (id: string) => upstream.calls.filter((call) => call.path === `/products/${id}`);

  describe('getProduct', () => {
    it('returns the product the service answers', async () => {
      answer({ 'GET /products/:id': ({ params }) => reply.json(productFixture(params.id)) });
      await expect(clients.products.getProduct('p-1')).resolves.toEqual(productFixture('p-1'));
      expect(upstream.calls[0].path).toBe('/products/p-1');
    });

    it('sends Accept, the request id and a traceparent of the current trace, never a token', async () => {
      answer(() => reply.json(productFixture('p1')));
      const context = RequestContext.create({
        requestId: 'req-42',
        traceparent: `00-${'a'.repeat(32)}-${'b'.repeat(16)}-01`,
      });
      context.accessToken = 'user-token';
      await RequestContext.enter(context, () => clients.products.getProduct('p1'));
      const { headers } = upstream.calls[0];
      expect(headers['accept']).toBe('application/json');
      expect(headers['x-request-id']).toBe('req-42');
      expect(headers['traceparent']).toMatch(new RegExp(`^00-${'a'.repeat(32)}-[0-9a-f]{16}-01$`));
      expect(headers['traceparent']).not.toContain('b'.repeat(16));
      expect(headers['authorization']).toBeUndefined();
    });

    it('sends no request id or traceparent outside a request', async () => {
      answer(() => reply.json(productFixture('p1')));
      await clients.products.getProduct('p1');
      expect(upstream.calls[0].headers['x-request-id']).toBeUndefined();
      expect(upstream.calls[0].headers['traceparent']).toBeUndefined();
    });

    it.each(['../admin', 'a/b', '', 'p1?x=1', 'p%2F1', 'a b', 'p1\n', 'x'.repeat(65)])(
      'refuses the id %j with a 400 before anything reaches the wire',
      async (id) => {
        answer(() => reply.json(productFixture('p1')));
        const error = await rejectionOf(clients.products.getProduct(id));
        expect(isBffError(error, 'BFF_ERR_VALIDATION')).toBe(true);
        expect((error as BffError).status).toBe(400);
        expect(upstream.calls).toHaveLength(0);
      },
    );

    it('maps a 404 to BFF_ERR_UPSTREAM_NOT_FOUND without retrying', async () => {
      answer(() => reply.problem(404));
      const error = (await rejectionOf(clients.products.getProduct('f0'))) as BffError;
      expect(error.code).toBe('BFF_ERR_UPSTREAM_NOT_FOUND');
      expect(error.status).toBe(404);
      expect(callsFor('f0')).toHaveLength(1);
    });
  });

  describe('when the service fails', () => {
    it('gives up on a hung service within the budget with BFF_ERR_UPSTREAM_TIMEOUT', async () => {
      answer(() => reply.hang());
      const started = Date.now();
      const error = (await rejectionOf(clients.products.getProduct('f1'))) as BffError;
      expect(error.code).toBe('BFF_ERR_UPSTREAM_TIMEOUT');
      expect(error.status).toBe(504);
      expect(error.upstream).toBe('product');
      expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + 2000);
      expect(callsFor('f1')).toHaveLength(1);
    });

    it('honours a shorter budget given by the caller', async () => {
      answer(() => reply.delay(300, reply.json(productFixture('p1'))));
      const error = await rejectionOf(clients.products.getProduct('f2', { timeoutMs: 50 }));
      expect(isBffError(error, 'BFF_ERR_UPSTREAM_TIMEOUT')).toBe(true);
    });

    it('stops when the caller’s signal fires', async () => {
      answer(() => reply.hang());
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 30);
      const error = await rejectionOf(
        clients.products.getProduct('f3', { signal: controller.signal, timeoutMs: 10_000 }),
      );
      expect(isBffError(error, 'BFF_ERR_UPSTREAM_TIMEOUT')).toBe(true);
    });

    it('waits for a slow service that answers within the budget', async () => {
      answer(() => reply.delay(100, reply.json(productFixture('p1'))));
      await expect(clients.products.getProduct('f4')).resolves.toEqual(productFixture('p1'));
    });

    it('maps a 500 to BFF_ERR_UPSTREAM_BAD_RESPONSE without retrying or leaking the body', async () => {
      answer(() => reply.problem(500, 'secret stack at db-7.internal'));
      const error = (await rejectionOf(clients.products.getProduct('f5'))) as BffError;
      expect(error.code).toBe('BFF_ERR_UPSTREAM_BAD_RESPONSE');
      expect(error.status).toBe(502);
      expect(error.detail).not.toContain('secret');
      expect(error.detail).not.toContain('127.0.0.1');
      expect(String((error.cause as Error).message)).toContain('500');
      expect((error.cause as { body?: string }).body).toContain('secret stack');
      expect(callsFor('f5')).toHaveLength(1);
    });

    it.each([502, 503])(
      'retries a %i once, then gives BFF_ERR_UPSTREAM_BAD_RESPONSE',
      async (status) => {
        answer(() => reply.problem(status));
        const error = await rejectionOf(clients.products.getProduct(`f6-${status}`));
        expect(isBffError(error, 'BFF_ERR_UPSTREAM_BAD_RESPONSE')).toBe(true);
        expect(callsFor(`f6-${status}`)).toHaveLength(2);
      },
    );

    it('succeeds when the retry after a 503 succeeds', async () => {
      let calls = 0;
      answer(() => (++calls === 1 ? reply.problem(503) : reply.json(productFixture('p1'))));
      await expect(clients.products.getProduct('f7')).resolves.toEqual(productFixture('p1'));
      expect(callsFor('f7')).toHaveLength(2);
    });

    it('retries only when the deadline leaves room for the backoff and another attempt', async () => {
      const tight = await startClients({
        product: { baseUrl: upstream.url, timeoutMs: 1000 },
        retry: { minAttemptMs: 600 },
      });
      try {
        answer(() => reply.problem(503));
        await rejectionOf(tight.products.getProduct('f8-early'));
        expect(callsFor('f8-early')).toHaveLength(2);

        answer(() => reply.delay(500, reply.problem(503)));
        const error = await rejectionOf(tight.products.getProduct('f8-late'));
        expect(isBffError(error, 'BFF_ERR_UPSTREAM_BAD_RESPONSE')).toBe(true);
        expect(callsFor('f8-late')).toHaveLength(1);
      } finally {
        await tight.close();
      }
    });

    it('maps malformed JSON to BFF_ERR_UPSTREAM_BAD_RESPONSE', async () => {
      answer(() => reply.malformed());
      const error = await rejectionOf(clients.products.getProduct('f9'));
      expect(isBffError(error, 'BFF_ERR_UPSTREAM_BAD_RESPONSE')).toBe(true);
      expect(callsFor('f9')).toHaveLength(1);
    });

    it.each([
      ['a missing field', { ...productFixture('p1'), name: undefined }],
      ['a price that is not money', { ...productFixture('p1'), price: 19.99 }],
      ['an array', [productFixture('p1')]],
      ['null', null],
    ])('maps a body with %s to BFF_ERR_UPSTREAM_BAD_RESPONSE', async (_case, body) => {
      answer(() => reply.json(body));
      const error = await rejectionOf(clients.products.getProduct('f10'));
      expect(isBffError(error, 'BFF_ERR_UPSTREAM_BAD_RESPONSE')).toBe(true);
    });

    it('retries a reset connection once, then gives BFF_ERR_UPSTREAM_UNAVAILABLE', async () => {
      answer(() => reply.reset());
      const error = (await rejectionOf(clients.products.getProduct('f11'))) as BffError;
      expect(error.code).toBe('BFF_ERR_UPSTREAM_UNAVAILABLE');
      expect(error.status).toBe(502);
      expect(callsFor('f11')).toHaveLength(2);
    });

    it.each([
      [400, 400],
      [403, 403],
      [409, 409],
      [418, 502],
    ])('relays a %i as BFF_ERR_UPSTREAM_REJECTED with status %i', async (status, relayed) => {
      answer(() => reply.problem(status));
      const error = (await rejectionOf(clients.products.getProduct('f12'))) as BffError;
      expect(error.code).toBe('BFF_ERR_UPSTREAM_REJECTED');
      expect(error.status).toBe(relayed);
      expect(callsFor('f12')).toHaveLength(1);
    });
  });

  it('keeps the deadline of a call queued behind busy connections', async () => {
    const single = await startClients({ product: { baseUrl: upstream.url, connections: 1 } });
    try {
      answer(() => reply.hang());
      const holder = new AbortController();
      const first = rejectionOf(
        single.products.getProduct('q1', { timeoutMs: 5000, signal: holder.signal }),
      );
      await new Promise((resolve) => setTimeout(resolve, 50));
      const started = Date.now();
      const queued = await rejectionOf(single.products.getProduct('q2', { timeoutMs: 200 }));
      expect(isBffError(queued, 'BFF_ERR_UPSTREAM_TIMEOUT')).toBe(true);
      // Well before the busy connection frees up at 5 s.
      expect(Date.now() - started).toBeLessThan(2500);
      expect(callsFor('q2')).toHaveLength(0);
      holder.abort();
      await first;
    } finally {
      await single.close();
    }
  });

  it('maps a refused connection to BFF_ERR_UPSTREAM_UNAVAILABLE', async () => {
    const refused = await startClients({ product: { baseUrl: await unusedUrl() } });
    try {
      const error = await rejectionOf(refused.products.getProduct('p1'));
      expect(isBffError(error, 'BFF_ERR_UPSTREAM_UNAVAILABLE')).toBe(true);
    } finally {
      await refused.close();
    }
  });

  describe('getProducts', () => {
    beforeEach(() =>
      answer({
        'GET /products': ({ query }) =>
          reply.json({
            items: query['ids']
              .split(',')
              .filter((id) => id !== 'gone')
              .map(productFixture),
          }),
      }),
    );

    it('splits 250 distinct ids into 3 parallel calls of at most 100 and merges the answers', async () => {
      const ids = Array.from({ length: 250 }, (_, i) => `p${i}`);
      const products = await clients.products.getProducts([...ids, ...ids.slice(0, 40)]);
      expect(upstream.calls).toHaveLength(3);
      const sent = upstream.calls.map((call) => call.query['ids'].split(','));
      expect(sent.map((chunk) => chunk.length)).toEqual([100, 100, 50]);
      expect(sent.flat().sort()).toEqual([...ids].sort());
      expect(products.map((product) => product.id).sort()).toEqual([...ids].sort());
    });

    it('asks for each id once', async () => {
      await clients.products.getProducts(['p1', 'p2', 'p1', 'p2', 'p1']);
      expect(upstream.calls).toHaveLength(1);
      expect(upstream.calls[0].query['ids']).toBe('p1,p2');
    });

    it('leaves out ids the service does not know', async () => {
      const products = await clients.products.getProducts(['p1', 'gone']);
      expect(products.map((product) => product.id)).toEqual(['p1']);
    });

    it('makes no call for no ids', async () => {
      await expect(clients.products.getProducts([])).resolves.toEqual([]);
      expect(upstream.calls).toHaveLength(0);
    });

    it('refuses a batch with one bad id, naming it, before any call', async () => {
      const error = (await rejectionOf(clients.products.getProducts(['p1', 'p/2']))) as BffError;
      expect(error.code).toBe('BFF_ERR_VALIDATION');
      expect(error.errors).toEqual([{ field: 'ids[1]', message: expect.any(String) }]);
      expect(upstream.calls).toHaveLength(0);
    });

    it('maps a batch answer of the wrong shape to BFF_ERR_UPSTREAM_BAD_RESPONSE', async () => {
      answer(() => reply.json({ items: [{ id: 'p1' }] }));
      const error = await rejectionOf(clients.products.getProducts(['p1']));
      expect(isBffError(error, 'BFF_ERR_UPSTREAM_BAD_RESPONSE')).toBe(true);
    });
  });

  describe('listProducts', () => {
    it('passes category, search, limit and cursor percent-encoded', async () => {
      answer(() => reply.json({ items: [productFixture('p1')], nextCursor: 'c2' }));
      const page = await clients.products.listProducts({
        category: 'kitchen & bath',
        q: 'espresso/milk',
        limit: 5,
        cursor: 'abc==',
      });
      expect(page).toEqual({ items: [productFixture('p1')], nextCursor: 'c2' });
      expect(upstream.calls[0].path).toBe('/products');
      expect(upstream.calls[0].query).toEqual({
        category: 'kitchen & bath',
        q: 'espresso/milk',
        limit: '5',
        cursor: 'abc==',
      });
    });

    it('refuses a limit outside 1–100 before any call', async () => {
      const error = await rejectionOf(clients.products.listProducts({ limit: 101 }));
      expect(isBffError(error, 'BFF_ERR_VALIDATION')).toBe(true);
      expect(upstream.calls).toHaveLength(0);
    });

    it('maps a page without nextCursor to BFF_ERR_UPSTREAM_BAD_RESPONSE', async () => {
      answer(() => reply.json({ items: [] }));
      const error = await rejectionOf(clients.products.listProducts());
      expect(isBffError(error, 'BFF_ERR_UPSTREAM_BAD_RESPONSE')).toBe(true);
    });
  });

  describe('metrics', () => {
    it('observes each attempt by service, route template, method and outcome', async () => {
      answer({ 'GET /products/:id': ({ params }) => reply.json(productFixture(params.id)) });
      await clients.products.getProduct('metric-probe-1');
      answer(() => reply.problem(503));
      await rejectionOf(clients.products.getProduct('metric-probe-2'));

      const histogram = await metricsRegistry
        .getSingleMetric('bff_upstream_request_duration_seconds')
        ?.get();
      const counts = histogram?.values.filter(
        (value) =>
          (value as { metricName?: string }).metricName ===
            'bff_upstream_request_duration_seconds_count' && value.labels['service'] === 'product',
      );
      const routes = new Set(counts?.map((value) => value.labels['route']));
      expect([...routes].some((route) => String(route).includes('metric-probe'))).toBe(false);
      const count = (outcome: string) =>
        counts?.find(
          (value) =>
            value.labels['route'] === '/products/:id' && value.labels['outcome'] === outcome,
        )?.value ?? 0;
      expect(count('ok')).toBeGreaterThan(0);
      expect(count('bad_response')).toBeGreaterThan(0);

      const retries = await metricsRegistry.getSingleMetric('bff_upstream_retries_total')?.get();
      const productRetries = retries?.values.find(
        (value) =>
          value.labels['service'] === 'product' && value.labels['route'] === '/products/:id',
      );
      expect(productRetries?.value).toBeGreaterThan(0);
    });
  });
});
