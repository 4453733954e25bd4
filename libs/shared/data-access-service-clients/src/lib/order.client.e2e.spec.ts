import { type BffError, isBffError } from '@bff/util-errors';
import { RequestContext } from '@bff/util-request-context';
import { type FakeUpstream, reply, startFakeUpstream } from '@bff/util-testing';
import { type Clients, orderFixture, rejectionOf, startClients } from '../testing/clients.fixture';
import { isOrder } from './response-shape.util';

const LINES = { lines: [{ productId: 'p1', quantity: 2 }] };

function asUser<T>(token: string, fn: () => Promise<T>): Promise<T> {
  const context = RequestContext.create({ requestId: 'req-7' });
  context.accessToken = token;
  return RequestContext.enter(context, fn);
}

describe('OrderClient', () => {
  let upstream: FakeUpstream;
  let clients: Clients;

  beforeAll(async () => {
    upstream = await startFakeUpstream();
    clients = await startClients({
      order: { baseUrl: upstream.url, timeoutMs: 1000, circuit: { failureThreshold: 1000 } },
    });
  });

  afterAll(async () => {
    await clients.close();
    await upstream.close();
  });

  beforeEach(() => upstream.reset());

  describe('acting for the user', () => {
    it('relays the bearer token of the current request', async () => {
      upstream.setHandler(() => reply.json({ items: [orderFixture('o1')], nextCursor: null }));
      const page = await asUser('alice-token', () => clients.orders.listOrders({ limit: 10 }));
      expect(page.items).toEqual([orderFixture('o1')]);
      expect(upstream.calls[0].headers['authorization']).toBe('Bearer alice-token');
      expect(upstream.calls[0].headers['x-request-id']).toBe('req-7');
      expect(upstream.calls[0].query).toEqual({ limit: '10' });
    });

    it('prefers a token passed explicitly', async () => {
      upstream.setHandler(() => reply.json(orderFixture('o1')));
      await asUser('alice-token', () =>
        clients.orders.getOrder('o1', { accessToken: 'bob-token' }),
      );
      expect(upstream.calls[0].headers['authorization']).toBe('Bearer bob-token');
    });

    it('refuses to call without a user token', async () => {
      const error = (await rejectionOf(clients.orders.getOrder('o1'))) as BffError;
      expect(error.code).toBe('BFF_ERR_UNAUTHORIZED');
      expect(error.headers?.['WWW-Authenticate']).toMatch(/^Bearer/);
      expect(upstream.calls).toHaveLength(0);
    });

    it('relays a 401 of the order service as a 401 with a bearer challenge', async () => {
      upstream.setHandler(() => reply.problem(401));
      const error = (await rejectionOf(
        asUser('expired', () => clients.orders.getOrder('o1')),
      )) as BffError;
      expect(error.status).toBe(401);
      expect(error.headers?.['WWW-Authenticate']).toMatch(/^Bearer/);
      expect(error.detail).not.toContain('upstream detail');
    });

    it('never lets a bad order id reach the wire', async () => {
      const error = await rejectionOf(asUser('t', () => clients.orders.getOrder('../o1')));
      expect(isBffError(error, 'BFF_ERR_VALIDATION')).toBe(true);
      expect(upstream.calls).toHaveLength(0);
    });
  });

  describe('createOrder', () => {
    it('posts ids and quantities only, as JSON, with the idempotency key', async () => {
      upstream.setHandler({ 'POST /orders': () => reply.json(orderFixture('o9'), 201) });
      const forged = { lines: [{ productId: 'p1', quantity: 2, unitPrice: { amount: 1 } }] };
      const order = await asUser('alice-token', () => clients.orders.createOrder(forged, 'key-1'));
      expect(isOrder(order)).toBe(true);
      const [call] = upstream.calls;
      expect(call.headers['idempotency-key']).toBe('key-1');
      expect(call.headers['content-type']).toBe('application/json');
      expect(call.headers['authorization']).toBe('Bearer alice-token');
      expect(JSON.parse(call.body)).toEqual(LINES);
    });

    it('retries a 503 once with the same idempotency key', async () => {
      let calls = 0;
      upstream.setHandler(() =>
        ++calls === 1 ? reply.problem(503) : reply.json(orderFixture('o9'), 201),
      );
      await asUser('t', () => clients.orders.createOrder(LINES, 'key-2'));
      expect(upstream.calls.map((call) => call.headers['idempotency-key'])).toEqual([
        'key-2',
        'key-2',
      ]);
      expect(upstream.calls[0].body).toBe(upstream.calls[1].body);
    });

    it('retries a reset connection once with the same idempotency key', async () => {
      upstream.setHandler(() => reply.reset());
      const error = await rejectionOf(
        asUser('t', () => clients.orders.createOrder(LINES, 'key-3')),
      );
      expect(isBffError(error, 'BFF_ERR_UPSTREAM_UNAVAILABLE')).toBe(true);
      expect(upstream.calls.map((call) => call.headers['idempotency-key'])).toEqual([
        'key-3',
        'key-3',
      ]);
    });

    it('does not retry a timed-out order creation', async () => {
      upstream.setHandler(() => reply.hang());
      const error = await rejectionOf(
        asUser('t', () => clients.orders.createOrder(LINES, 'key-4', { timeoutMs: 200 })),
      );
      expect(isBffError(error, 'BFF_ERR_UPSTREAM_TIMEOUT')).toBe(true);
      expect(upstream.calls).toHaveLength(1);
    });

    it('turns the service’s 422 into BFF_ERR_IDEMPOTENCY_KEY_REUSED', async () => {
      upstream.setHandler(() => reply.problem(422));
      const error = (await rejectionOf(
        asUser('t', () => clients.orders.createOrder(LINES, 'key-5')),
      )) as BffError;
      expect(error.code).toBe('BFF_ERR_IDEMPOTENCY_KEY_REUSED');
      expect(error.status).toBe(422);
      expect(error.upstream).toBe('order');
      expect(upstream.calls).toHaveLength(1);
    });

    it('refuses an idempotency key outside 1–64 printable characters before any call', async () => {
      for (const key of ['', 'k'.repeat(65), 'with space']) {
        const error = await rejectionOf(asUser('t', () => clients.orders.createOrder(LINES, key)));
        expect(isBffError(error, 'BFF_ERR_VALIDATION')).toBe(true);
      }
      expect(upstream.calls).toHaveLength(0);
    });
  });

  describe('a POST without an idempotency key', () => {
    it('is never retried', async () => {
      upstream.setHandler(() => reply.problem(503));
      const error = await rejectionOf(
        clients.transports
          .get('order')
          .send({ method: 'POST', route: '/orders', path: '/orders', body: LINES, shape: isOrder }),
      );
      expect(isBffError(error, 'BFF_ERR_UPSTREAM_BAD_RESPONSE')).toBe(true);
      expect(upstream.calls).toHaveLength(1);

      upstream.reset();
      upstream.setHandler(() => reply.reset());
      await rejectionOf(
        clients.transports
          .get('order')
          .send({ method: 'POST', route: '/orders', path: '/orders', body: LINES, shape: isOrder }),
      );
      expect(upstream.calls).toHaveLength(1);
    });
  });
});
