import type { Order, Page } from '@bff/util-models';
import { closedPortUrl, FakeProductService } from '../testing/fake-product-service.fixture';
import { type RunningOrderService, startOrderService } from '../testing/order-service.fixture';
import { TestIssuer } from '../testing/test-issuer.fixture';

const PRICES = { 'p-0001': 1999, 'p-0002': 500, 'p-0003': 12345 };

interface Problem {
  status: number;
  code: string;
  detail?: string;
  requestId: string;
  errors?: { field: string; message: string }[];
}

describe('order-service over HTTP', () => {
  const issuer = new TestIssuer();
  const products = new FakeProductService(PRICES);
  let service: RunningOrderService;
  let alice: string;
  let bob: string;
  let subjects = 0;

  /** A token for a user nobody else uses, so that each test sees only its own orders. */
  const freshUser = async (scope = 'orders:read orders:write') => {
    subjects += 1;
    const sub = `tester-${subjects}`;
    return { sub, token: await issuer.sign(sub, { claims: { scope } }) };
  };

  const post = (token: string, key: string | undefined, body: unknown) =>
    service.call('/orders', {
      method: 'POST',
      token,
      idempotencyKey: key,
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  const json = async <T>(response: Response) => (await response.json()) as T;

  beforeAll(async () => {
    await Promise.all([issuer.start(), products.start()]);
    service = await startOrderService(issuer, products.url);
    alice = await issuer.sign('alice');
    bob = await issuer.sign('bob');
  });

  afterAll(async () => {
    await service.app.close();
    await Promise.all([issuer.stop(), products.stop()]);
  });

  describe('GET /orders', () => {
    it('lists the subject’s orders newest first, 20 by default, with a cursor to the next page', async () => {
      const response = await service.call('/orders', { token: alice });
      const page = await json<Page<Order>>(response);

      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('private, no-store');
      expect(page.items).toHaveLength(20);
      expect(page.items.every((order) => order.userId === 'alice')).toBe(true);
      expect(page.nextCursor).toEqual(expect.any(String));
      const dates = page.items.map((order) => order.createdAt);
      expect([...dates].sort().reverse()).toEqual(dates);
    });

    it('pages through more than 100 orders to the end without a gap or a repeat', async () => {
      const seen: Order[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const query: string = cursor
          ? `?limit=30&cursor=${encodeURIComponent(cursor)}`
          : '?limit=30';
        const response = await service.call(`/orders${query}`, { token: alice });
        expect(response.status).toBe(200);
        const page = await json<Page<Order>>(response);
        seen.push(...page.items);
        cursor = page.nextCursor;
        pages += 1;
      } while (cursor && pages < 20);

      expect(cursor).toBeNull();
      expect(seen.length).toBeGreaterThan(100);
      expect(pages).toBe(Math.ceil(seen.length / 30));
      expect(new Set(seen.map((order) => order.id)).size).toBe(seen.length);
      const keys = seen.map((order) => `${order.createdAt}|${order.id}`);
      expect([...keys].sort().reverse()).toEqual(keys);
    });

    it('returns the whole list and a null cursor when it fits in one page', async () => {
      const page = await json<Page<Order>>(await service.call('/orders?limit=100', { token: bob }));
      expect(page.items.length).toBeGreaterThan(0);
      expect(page.items.every((order) => order.userId === 'bob')).toBe(true);
      expect(page.nextCursor).toBeNull();
    });

    it('returns an empty page for a user without orders', async () => {
      const { token } = await freshUser();
      const response = await service.call('/orders', { token });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ items: [], nextCursor: null });
    });

    it('refuses another user’s cursor with 400, so it can never reveal their orders', async () => {
      const { nextCursor } = await json<Page<Order>>(
        await service.call('/orders?limit=5', { token: alice }),
      );
      const response = await service.call(
        `/orders?cursor=${encodeURIComponent(String(nextCursor))}`,
        {
          token: bob,
        },
      );
      const problem = await json<Problem>(response);

      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(problem.errors?.[0].field).toBe('cursor');
    });

    it.each([
      ['limit=0'],
      ['limit=101'],
      ['limit=abc'],
      ['limit=1.5'],
      ['limit='],
      ['limit=1&limit=2'],
      ['cursor=made-up'],
      ['cursor=%E0%A4%A'],
      ['sort=asc'],
    ])('answers 400 problem+json for ?%s', async (query) => {
      const response = await service.call(`/orders?${query}`, { token: alice });
      const problem = await json<Problem>(response);

      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(problem.requestId).toEqual(expect.any(String));
    });
  });

  describe('GET /orders/:id', () => {
    it('returns one of the subject’s orders', async () => {
      const [first] = (await json<Page<Order>>(await service.call('/orders', { token: alice })))
        .items;
      const response = await service.call(`/orders/${first.id}`, { token: alice });

      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('private, no-store');
      expect(await response.json()).toEqual(first);
    });

    it('answers 404 for another user’s order, exactly as for one that does not exist', async () => {
      const [ofAlice] = (await json<Page<Order>>(await service.call('/orders', { token: alice })))
        .items;
      const foreign = await service.call(`/orders/${ofAlice.id}`, { token: bob });
      const missing = await service.call('/orders/o-does-not-exist', { token: bob });

      expect(foreign.status).toBe(404);
      expect(missing.status).toBe(404);
      const withoutIds = ({
        requestId: _r,
        instance: _i,
        ...rest
      }: Problem & { instance?: string }) => rest;
      const [a, b] = [await json<Problem>(foreign), await json<Problem>(missing)];
      expect(withoutIds(a)).toEqual(withoutIds(b));
      expect(a.code).toBe('BFF_ERR_NOT_FOUND');
    });

    it('never lists another user’s orders', async () => {
      const page = await json<Page<Order>>(await service.call('/orders?limit=100', { token: bob }));
      expect(page.items.some((order) => order.userId !== 'bob')).toBe(false);
    });

    it.each(['bad.id', 'a%20b', 'x'.repeat(65), 'a%00b', 'a%2Fb', '%C3%A9'])(
      'answers 400 for the invalid id %s',
      async (id) => {
        const response = await service.call(`/orders/${id}`, { token: alice });
        expect(response.status).toBe(400);
        expect((await json<Problem>(response)).errors?.[0].field).toBe('id');
      },
    );
  });

  describe('POST /orders', () => {
    const body = {
      lines: [
        { productId: 'p-0001', quantity: 2 },
        { productId: 'p-0003', quantity: 1 },
      ],
    };

    it('creates an order priced by the product service and answers 201', async () => {
      const { sub, token } = await freshUser();
      const response = await post(token, 'create-1', body);
      const order = await json<Order>(response);

      expect(response.status).toBe(201);
      expect(response.headers.get('idempotent-replayed')).toBeNull();
      expect(response.headers.get('cache-control')).toBe('private, no-store');
      expect(order).toEqual({
        id: expect.stringMatching(/^[A-Za-z0-9_-]{1,64}$/),
        userId: sub,
        status: 'pending',
        createdAt: expect.any(String),
        lines: [
          { productId: 'p-0001', quantity: 2, unitPrice: { amount: 1999, currency: 'USD' } },
          { productId: 'p-0003', quantity: 1, unitPrice: { amount: 12345, currency: 'USD' } },
        ],
        total: { amount: 2 * 1999 + 12345, currency: 'USD' },
      });
      expect(new Date(order.createdAt).toISOString()).toBe(order.createdAt);

      const read = await service.call(`/orders/${order.id}`, { token });
      expect(await read.json()).toEqual(order);
      const list = await json<Page<Order>>(await service.call('/orders', { token }));
      expect(list.items.map((o) => o.id)).toEqual([order.id]);
    });

    it('refuses a price sent by the caller as an unknown field, and prices from the catalogue', async () => {
      const { token } = await freshUser();
      const callsBefore = products.calls;
      const tampered = await post(token, 'cheap-1', {
        lines: [{ productId: 'p-0003', quantity: 1, unitPrice: { amount: 1, currency: 'USD' } }],
      });
      const problem = await json<Problem>(tampered);

      expect(tampered.status).toBe(400);
      expect(problem.errors?.map((error) => error.field)).toContain('lines.0.unitPrice');
      expect(products.calls).toBe(callsBefore);

      const honest = await json<Order>(
        await post(token, 'cheap-2', { lines: [{ productId: 'p-0003', quantity: 1 }] }),
      );
      expect(honest.total).toEqual({ amount: 12345, currency: 'USD' });
    });

    it('answers 400 naming the line whose product the catalogue does not know, and creates nothing', async () => {
      const { token } = await freshUser();
      const response = await post(token, 'unknown-1', {
        lines: [
          { productId: 'p-0001', quantity: 1 },
          { productId: 'p-9999', quantity: 1 },
        ],
      });
      const problem = await json<Problem>(response);

      expect(response.status).toBe(400);
      expect(problem.errors).toEqual([
        { field: 'lines.1.productId', message: expect.stringContaining('p-9999') },
      ]);
      expect(problem.detail).toContain('lines.1');
      const list = await json<Page<Order>>(await service.call('/orders', { token }));
      expect(list.items).toEqual([]);
    });

    it('asks the product service once for all distinct products of an order', async () => {
      const { token } = await freshUser();
      const callsBefore = products.calls;
      await post(token, 'batch-1', {
        lines: [
          { productId: 'p-0001', quantity: 1 },
          { productId: 'p-0002', quantity: 1 },
          { productId: 'p-0001', quantity: 3 },
        ],
      });
      expect(products.calls).toBe(callsBefore + 1);
      expect(products.requestedIds.at(-1)?.sort()).toEqual(['p-0001', 'p-0002']);
    });

    describe('with an Idempotency-Key', () => {
      it('returns the same order with 201 again for the same key and body, and never a second one', async () => {
        const { token } = await freshUser();
        const first = await post(token, 'same-1', body);
        const again = await post(token, 'same-1', {
          lines: body.lines.map(({ quantity, productId }) => ({ quantity, productId })),
        });

        expect(again.status).toBe(201);
        expect(again.headers.get('idempotent-replayed')).toBe('true');
        expect(await again.json()).toEqual(await first.json());
        const list = await json<Page<Order>>(await service.call('/orders', { token }));
        expect(list.items).toHaveLength(1);
      });

      it('creates exactly one order for ten identical requests sent at the same time', async () => {
        const { token } = await freshUser();
        const callsBefore = products.calls;
        products.mode = 'slow';
        products.slowMs = 100;
        try {
          const responses = await Promise.all(
            Array.from({ length: 10 }, () => post(token, 'burst-1', body)),
          );
          const orders = await Promise.all(responses.map((response) => json<Order>(response)));

          expect(responses.map((response) => response.status)).toEqual(Array(10).fill(201));
          expect(new Set(orders.map((order) => order.id)).size).toBe(1);
          const replayed = responses.filter((r) => r.headers.get('idempotent-replayed') === 'true');
          expect(replayed).toHaveLength(9);
          expect(products.calls).toBe(callsBefore + 1);
        } finally {
          products.mode = 'ok';
        }
        const list = await json<Page<Order>>(await service.call('/orders', { token }));
        expect(list.items).toHaveLength(1);
      });

      it('answers 422 for the same key with another body', async () => {
        const { token } = await freshUser();
        await post(token, 'reuse-1', body);
        const response = await post(token, 'reuse-1', {
          lines: [{ productId: 'p-0002', quantity: 1 }],
        });
        const problem = await json<Problem>(response);

        expect(response.status).toBe(422);
        expect(response.headers.get('content-type')).toContain('application/problem+json');
        expect(problem.code).toBe('BFF_ERR_IDEMPOTENCY_KEY_REUSED');
      });

      it('keeps each user’s keys apart', async () => {
        const one = await freshUser();
        const two = await freshUser();
        const a = await json<Order>(await post(one.token, 'shared-key', body));
        const b = await json<Order>(
          await post(two.token, 'shared-key', { lines: [{ productId: 'p-0002', quantity: 1 }] }),
        );

        expect(a.id).not.toBe(b.id);
        expect([a.userId, b.userId]).toEqual([one.sub, two.sub]);
      });

      it('releases the key when the creation fails, so a retry with it succeeds', async () => {
        const { token } = await freshUser();
        products.mode = 'error';
        const failed = await post(token, 'retry-1', body);
        products.mode = 'ok';
        const retried = await post(token, 'retry-1', body);

        expect(failed.status).toBe(502);
        expect(retried.status).toBe(201);
        expect(retried.headers.get('idempotent-replayed')).toBeNull();
      });

      it.each([
        ['missing', undefined],
        ['empty', ''],
        ['longer than 64 characters', 'k'.repeat(65)],
        ['not printable ASCII', 'key with spaces'],
      ])('answers 400 when it is %s', async (_case, key) => {
        const { token } = await freshUser();
        const response = await post(token, key, body);
        const problem = await json<Problem>(response);

        expect(response.status).toBe(400);
        expect(problem.errors?.[0].field).toBe('Idempotency-Key');
      });
    });

    it.each([
      ['no lines', { lines: [] }],
      [
        '51 lines',
        { lines: Array.from({ length: 51 }, () => ({ productId: 'p-0001', quantity: 1 })) },
      ],
      ['a quantity of 0', { lines: [{ productId: 'p-0001', quantity: 0 }] }],
      ['a quantity of 100', { lines: [{ productId: 'p-0001', quantity: 100 }] }],
      ['a fractional quantity', { lines: [{ productId: 'p-0001', quantity: 1.5 }] }],
      ['a quantity as a string', { lines: [{ productId: 'p-0001', quantity: '2' }] }],
      ['an empty productId', { lines: [{ productId: '', quantity: 1 }] }],
      ['a productId with a slash', { lines: [{ productId: '../admin', quantity: 1 }] }],
      ['lines that are not a list', { lines: 'p-0001' }],
      [
        'an unknown top-level field',
        { ...{ lines: [{ productId: 'p-0001', quantity: 1 }] }, total: 1 },
      ],
      ['no body fields', {}],
      ['malformed JSON', '{"lines": ['],
    ])('answers 400 problem+json for %s', async (_case, invalid) => {
      const { token } = await freshUser();
      const callsBefore = products.calls;
      const response = await post(token, `invalid-${subjects}`, invalid);

      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(products.calls).toBe(callsBefore);
    });

    it('answers 415 for a body that is not JSON', async () => {
      const response = await service.call('/orders', {
        method: 'POST',
        token: alice,
        idempotencyKey: 'text-1',
        headers: { 'content-type': 'text/plain' },
        body: 'lines=p-0001',
      });
      expect(response.status).toBe(415);
    });

    describe('when the product service fails', () => {
      it.each([
        ['answers with an error', 'error', 502, 'BFF_ERR_UPSTREAM_BAD_RESPONSE'],
        ['answers with an unreadable body', 'garbage', 502, 'BFF_ERR_UPSTREAM_BAD_RESPONSE'],
        ['does not answer in time', 'slow', 504, 'BFF_ERR_UPSTREAM_TIMEOUT'],
      ] as const)(
        'answers %s with a problem that leaks nothing of it',
        async (_case, mode, status, code) => {
          const { token } = await freshUser();
          products.mode = mode;
          products.slowMs = 1500;
          try {
            const response = await post(token, `down-${mode}`, body);
            const text = await response.text();

            expect(response.status).toBe(status);
            expect(response.headers.get('content-type')).toContain('application/problem+json');
            expect(JSON.parse(text).code).toBe(code);
            expect(text).not.toContain('127.0.0.1');
            expect(text).not.toContain(new URL(products.url).port);
            expect(text).not.toContain('db-7');
          } finally {
            products.mode = 'ok';
          }
        },
      );
    });
  });

  describe('when the product service is down', () => {
    let isolated: RunningOrderService;

    beforeAll(async () => {
      isolated = await startOrderService(issuer, await closedPortUrl());
    });
    afterAll(() => isolated.app.close());

    it('answers 502 problem+json without naming its host, and still serves reads', async () => {
      const response = await isolated.call('/orders', {
        method: 'POST',
        token: alice,
        idempotencyKey: 'down-1',
        body: JSON.stringify({ lines: [{ productId: 'p-0001', quantity: 1 }] }),
      });
      const text = await response.text();

      expect(response.status).toBe(502);
      expect(JSON.parse(text)).toMatchObject({ code: 'BFF_ERR_UPSTREAM_UNAVAILABLE', status: 502 });
      expect(text).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|localhost/);
      expect((await isolated.call('/orders', { token: alice })).status).toBe(200);
    });
  });

  describe('with faults injected', () => {
    let faulty: RunningOrderService;

    beforeAll(async () => {
      faulty = await startOrderService(issuer, products.url, { FAULT_ERROR_RATE: '1' });
    });
    afterAll(() => faulty.app.close());

    it('answers 503 problem+json to a valid caller, while health stays up', async () => {
      const response = await faulty.call('/orders', { token: alice });

      expect(response.status).toBe(503);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect((await faulty.call('/health/live')).status).toBe(200);
    });
  });
});
