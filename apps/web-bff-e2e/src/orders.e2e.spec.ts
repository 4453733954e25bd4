import { randomUUID } from 'node:crypto';
import type { ErrorCode } from '@bff/util-errors';
import type { Batch, Money, Order, Page, Product, Stock } from '@bff/util-models';
import {
  hasBuiltApps,
  type ProcessApp,
  type ReferenceServices,
  startProcessApp,
  startReferenceServices,
} from '@bff/util-testing';
import { type CallCounter, countCalls, serviceRoutes } from './support/downstream-calls.util';
import {
  BUILT_APPS,
  expectNoUpstreamDetails,
  expectProblem,
  getJson,
  json,
  NO_THROTTLE,
  rawGet,
} from './support/http.util';

// Processes start and drain here; the project's testTimeout is lost when Jest runs several projects.
jest.setTimeout(60_000);

const describeBuilt = hasBuiltApps(...BUILT_APPS) ? describe : describe.skip;

interface LineView {
  productId: string;
  quantity: number;
  unitPrice: Money;
  name: string | null;
  image: string | null;
}

interface OrderView extends Omit<Order, 'lines'> {
  lines: LineView[];
}

interface OrderPageView {
  items: OrderView[];
  nextCursor: string | null;
  meta: { degraded: string[] };
}

interface OrderDetailView extends Omit<Order, 'lines'> {
  lines: (LineView & { inStock: boolean | null })[];
  meta: { degraded: string[] };
}

interface PlacedOrderView extends OrderView {
  meta: { degraded: string[] };
}

describeBuilt('web-bff /api/v1/me/orders against the reference services', () => {
  let services: ReferenceServices;
  let bff: ProcessApp;
  let routes: ReturnType<typeof serviceRoutes> & { productBatchFromBff: CallCounter };
  const tokens: Record<'alice' | 'bob' | 'carol' | 'dave', string> = {
    alice: '',
    bob: '',
    carol: '',
    dave: '',
  };
  /** The whole catalogue and its stock, as the services have them. */
  let stockOf: (productId: string) => number;
  let products: Map<string, Product>;

  beforeAll(async () => {
    services = await startReferenceServices();
    bff = await startProcessApp('web-bff', {
      env: { ...services.bffEnv, ...NO_THROTTLE, CACHE_TTL_MS: '0' },
    });
    routes = {
      ...serviceRoutes(services.urls),
      // order-service also reads prices from product-service: count the BFF's own batch calls.
      productBatchFromBff: {
        url: bff.url,
        metric: 'bff_upstream_request_duration_seconds_count',
        labels: { service: 'product', route: '/products?ids' },
      },
    };
    for (const user of Object.keys(tokens) as (keyof typeof tokens)[]) {
      tokens[user] = await services.token(user);
    }
    const known: Product[] = [];
    for (let cursor: string | null = ''; cursor !== null; ) {
      const query = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const page: Page<Product> = await getJson(
        `${services.urls.product}/products?limit=100${query}`,
      );
      known.push(...page.items);
      cursor = page.nextCursor;
    }
    const stocks: Stock[] = [];
    for (let start = 0; start < known.length; start += 100) {
      const ids = known.slice(start, start + 100).map((product) => product.id);
      const batch = await getJson<Batch<Stock>>(
        `${services.urls.inventory}/inventory?productIds=${ids.join(',')}`,
      );
      stocks.push(...batch.items);
    }
    const available = new Map(stocks.map((stock) => [stock.productId, stock.available]));
    stockOf = (productId) => available.get(productId) ?? 0;
    products = new Map(known.map((product) => [product.id, product]));
  });

  afterAll(async () => {
    await bff?.stop();
    await services?.stop();
  });

  const auth = (user: keyof typeof tokens, headers: Record<string, string> = {}) => ({
    authorization: `Bearer ${tokens[user]}`,
    ...headers,
  });

  const fromOrderService = <T>(path: string, user: keyof typeof tokens) =>
    getJson<T>(`${services.urls.order}${path}`, auth(user));

  function checkout(
    user: keyof typeof tokens,
    body: unknown,
    idempotencyKey: string | null = randomUUID(),
    contentType = 'application/json',
  ) {
    return fetch(`${bff.url}/api/v1/me/orders`, {
      method: 'POST',
      headers: auth(user, {
        'content-type': contentType,
        ...(idempotencyKey === null ? {} : { 'idempotency-key': idempotencyKey }),
      }),
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  }

  /** Products with at least `min` available. */
  const inStock = (min: number) => [...products.keys()].filter((id) => stockOf(id) >= min);

  const enriched = (line: Order['lines'][number]): LineView => ({
    ...line,
    name: products.get(line.productId)?.name as string,
    image: products.get(line.productId)?.images[0] ?? null,
  });

  describe('GET /api/v1/me/orders', () => {
    it('lists the user’s orders, lines with product name and first image, never cached', async () => {
      const expected = await fromOrderService<Page<Order>>('/orders?limit=20', 'alice');
      const response = await fetch(`${bff.url}/api/v1/me/orders`, { headers: auth('alice') });

      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('private, no-store');
      const page = await json<OrderPageView>(response);
      expect(page.items).toHaveLength(20);
      expect(page.nextCursor).toBe(expected.nextCursor);
      expect(page.meta).toEqual({ degraded: [] });
      expect(page.items).toEqual(
        expected.items.map((order) => ({ ...order, lines: order.lines.map(enriched) })),
      );
    });

    it('shows each user only their own orders', async () => {
      const bob = await getJson<OrderPageView>(`${bff.url}/api/v1/me/orders`, auth('bob'));
      expect(bob.items.length).toBeGreaterThan(0);
      expect(bob.items.every((order) => order.userId === 'bob')).toBe(true);
    });

    it('makes one order call and one batch product call for a whole page (no N+1)', async () => {
      // 20 orders of at most 4 lines stay within one batch of 100 ids.
      const { calls, result } = await countCalls(routes, () =>
        getJson<OrderPageView>(`${bff.url}/api/v1/me/orders?limit=20`, auth('alice')),
      );
      const productIds = new Set(result.items.flatMap((o) => o.lines.map((l) => l.productId)));
      expect(productIds.size).toBeGreaterThan(10);
      expect(calls).toMatchObject({
        orderList: 1,
        products: 1,
        productById: 0,
        orderById: 0,
        stockById: 0,
      });
    });

    it('passes the cursor through to the next page', async () => {
      const first = await getJson<OrderPageView>(
        `${bff.url}/api/v1/me/orders?limit=5`,
        auth('alice'),
      );
      expect(first.items).toHaveLength(5);
      const cursor = encodeURIComponent(first.nextCursor as string);
      const second = await getJson<OrderPageView>(
        `${bff.url}/api/v1/me/orders?limit=5&cursor=${cursor}`,
        auth('alice'),
      );
      const expected = await fromOrderService<Page<Order>>(
        `/orders?limit=5&cursor=${cursor}`,
        'alice',
      );
      expect(second.items.map((order) => order.id)).toEqual(expected.items.map((o) => o.id));
      expect(second.items.map((order) => order.id)).not.toContain(first.items[0].id);
    });

    it.each(['0', '101', 'abc', '1.5'])(
      'rejects limit=%s with a 400 problem before any downstream call',
      async (limit) => {
        const { calls, result } = await countCalls(routes, () =>
          fetch(`${bff.url}/api/v1/me/orders?limit=${limit}`, { headers: auth('alice') }),
        );
        const problem = await expectProblem(result, 'BFF_ERR_VALIDATION');
        expect(problem.errors?.map((error) => error.field)).toContain('limit');
        expect(calls).toMatchObject({ orderList: 0, products: 0 });
      },
    );

    it('asks for a bearer token with 401 and WWW-Authenticate, without calling the order service', async () => {
      const { calls, result } = await countCalls(routes, async () => [
        await fetch(`${bff.url}/api/v1/me/orders`),
        await fetch(`${bff.url}/api/v1/me/orders`, {
          headers: { authorization: 'Bearer not.a.token' },
        }),
      ]);
      for (const response of result) {
        expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
        await expectProblem(response, 'BFF_ERR_UNAUTHORIZED');
      }
      expect(calls.orderList).toBe(0);
    });

    it('refuses a token without orders:read with 403', async () => {
      const response = await fetch(`${bff.url}/api/v1/me/orders`, { headers: auth('dave') });
      await expectProblem(response, 'BFF_ERR_FORBIDDEN');
    });
  });

  describe('GET /api/v1/me/orders/{id}', () => {
    it('gives the order with its lines’ products and their current stock', async () => {
      const [latest] = (await fromOrderService<Page<Order>>('/orders?limit=1', 'alice')).items;
      const { calls, result: response } = await countCalls(routes, async () => {
        const answer = await fetch(`${bff.url}/api/v1/me/orders/${latest.id}`, {
          headers: auth('alice'),
        });
        return { answer, body: await json<OrderDetailView>(answer) };
      });

      expect(response.answer.status).toBe(200);
      expect(response.answer.headers.get('cache-control')).toBe('private, no-store');
      const { items: stocks } = await getJson<Batch<Stock>>(
        `${services.urls.inventory}/inventory?productIds=${latest.lines.map((l) => l.productId).join(',')}`,
      );
      const available = (id: string) => stocks.find((s) => s.productId === id)?.available ?? 0;
      expect(response.body).toEqual({
        ...latest,
        lines: latest.lines.map((line) => ({
          ...enriched(line),
          inStock: available(line.productId) > 0,
        })),
        meta: { degraded: [] },
      });
      expect(calls).toMatchObject({
        orderById: 1,
        products: 1,
        stockBatch: 1,
        productById: 0,
        stockById: 0,
      });
    });

    it('answers 404 for another user’s order, as for an unknown one', async () => {
      const [alices] = (await fromOrderService<Page<Order>>('/orders?limit=1', 'alice')).items;
      const theirs = await fetch(`${bff.url}/api/v1/me/orders/${alices.id}`, {
        headers: auth('bob'),
      });
      const theirsProblem = await expectProblem(theirs, 'BFF_ERR_UPSTREAM_NOT_FOUND');
      const unknown = await fetch(`${bff.url}/api/v1/me/orders/o-999999`, { headers: auth('bob') });
      await expectProblem(unknown, 'BFF_ERR_UPSTREAM_NOT_FOUND');
      expectNoUpstreamDetails(JSON.stringify(theirsProblem), [services.urls.order]);
    });

    it.each(['a.b', 'o'.repeat(65), '%2e%2e', '..%2Forders'])(
      'rejects the id %s with a 400 problem before any downstream call',
      async (id) => {
        const { calls, result } = await countCalls(routes, () =>
          rawGet(bff.url, `/api/v1/me/orders/${id}`, auth('alice')),
        );
        await expectProblem(result, 'BFF_ERR_VALIDATION');
        expect(calls).toMatchObject({ orderById: 0, orderList: 0 });
      },
    );
  });

  describe('POST /api/v1/me/orders', () => {
    it('checks stock, creates the order at the catalogue’s prices and answers 201 with lines enriched', async () => {
      const [first, second] = inStock(3);
      const lines = [
        { productId: first, quantity: 1 },
        { productId: second, quantity: 2 },
      ];
      const { calls, result } = await countCalls(routes, async () => {
        const response = await checkout('alice', { lines });
        return { response, body: await json<PlacedOrderView>(response) };
      });

      expect(result.response.status).toBe(201);
      expect(result.response.headers.get('cache-control')).toBe('private, no-store');
      const price = (id: string) => products.get(id)?.price as Money;
      expect(result.body).toEqual({
        id: expect.any(String),
        userId: 'alice',
        status: expect.any(String),
        createdAt: expect.any(String),
        lines: lines.map((line) => enriched({ ...line, unitPrice: price(line.productId) })),
        total: {
          amount: price(first).amount + 2 * price(second).amount,
          currency: 'USD',
        },
        meta: { degraded: [] },
      });
      expect(Number.isNaN(Date.parse(result.body.createdAt))).toBe(false);
      expect(calls).toMatchObject({
        stockBatch: 1,
        stockById: 0,
        orderCreate: 1,
        productBatchFromBff: 1,
      });
      const order = await fromOrderService<Order>(`/orders/${result.body.id}`, 'alice');
      expect(order.lines).toEqual(lines.map((l) => ({ ...l, unitPrice: price(l.productId) })));
    });

    it('returns the same order for the same Idempotency-Key and body, and 422 for another body', async () => {
      const [productId] = inStock(2);
      const key = `e2e-${randomUUID()}`;
      const body = { lines: [{ productId, quantity: 1 }] };

      const created = await checkout('alice', body, key);
      expect(created.status).toBe(201);
      const order = await json<PlacedOrderView>(created);
      const { calls, result: again } = await countCalls(routes, () => checkout('alice', body, key));
      expect(again.status).toBe(201);
      expect((await json<PlacedOrderView>(again)).id).toBe(order.id);

      const { items } = await fromOrderService<Page<Order>>('/orders?limit=5', 'alice');
      expect(items.filter((item) => item.id === order.id)).toHaveLength(1);
      expect(items[0].id).toBe(order.id);
      expect(calls.orderCreate).toBe(1);

      const reused = await checkout('alice', { lines: [{ productId, quantity: 2 }] }, key);
      await expectProblem(reused, 'BFF_ERR_IDEMPOTENCY_KEY_REUSED');
      const after = await fromOrderService<Page<Order>>('/orders?limit=1', 'alice');
      expect(after.items[0].id).toBe(order.id);
    });

    it('answers 409 naming the short lines and creates nothing', async () => {
      const empty = [...products.keys()].find((id) => stockOf(id) === 0) as string;
      const low = [...products.keys()].find((id) => stockOf(id) > 0 && stockOf(id) < 99) as string;
      const [plenty] = inStock(2).filter((id) => id !== low);
      expect([empty, low, plenty].every(Boolean)).toBe(true);
      const before = await fromOrderService<Page<Order>>('/orders?limit=1', 'alice');

      const { calls, result } = await countCalls(routes, () =>
        checkout('alice', {
          lines: [
            { productId: plenty, quantity: 1 },
            { productId: empty, quantity: 1 },
            { productId: low, quantity: stockOf(low) + 1 },
          ],
        }),
      );

      const problem = await expectProblem(result, 'BFF_ERR_INSUFFICIENT_STOCK');
      const named = (problem['lines'] as { productId: string }[]).map((line) => line.productId);
      expect(named.sort()).toEqual([empty, low].sort());
      expect(problem['lines']).toEqual(
        expect.arrayContaining([
          { productId: low, requested: stockOf(low) + 1, available: stockOf(low) },
        ]),
      );
      expect(calls).toMatchObject({ stockBatch: 1, orderCreate: 0 });
      const after = await fromOrderService<Page<Order>>('/orders?limit=1', 'alice');
      expect(after.items[0].id).toBe(before.items[0].id);
    });

    const line = { productId: 'p-0001', quantity: 1 };
    it.each<[string, unknown, ErrorCode]>([
      ['no lines', { lines: [] }, 'BFF_ERR_VALIDATION'],
      ['51 lines', { lines: Array.from({ length: 51 }, () => line) }, 'BFF_ERR_VALIDATION'],
      ['a quantity of 0', { lines: [{ ...line, quantity: 0 }] }, 'BFF_ERR_VALIDATION'],
      ['a quantity of 100', { lines: [{ ...line, quantity: 100 }] }, 'BFF_ERR_VALIDATION'],
      ['a fractional quantity', { lines: [{ ...line, quantity: 1.5 }] }, 'BFF_ERR_VALIDATION'],
      ['an empty productId', { lines: [{ ...line, productId: '' }] }, 'BFF_ERR_VALIDATION'],
      ['a price from the caller', { lines: [{ ...line, unitPrice: 1 }] }, 'BFF_ERR_VALIDATION'],
      ['an unknown field', { lines: [line], coupon: 'FREE' }, 'BFF_ERR_VALIDATION'],
      ['no lines field', {}, 'BFF_ERR_VALIDATION'],
      ['malformed JSON', '{"lines": [', 'BFF_ERR_BAD_REQUEST'],
    ])('rejects a body with %s with a 400 problem and creates nothing', async (_, body, code) => {
      const { calls, result } = await countCalls(routes, () => checkout('bob', body));
      await expectProblem(result, code, 400);
      expect(calls).toMatchObject({ stockBatch: 0, orderCreate: 0 });
    });

    it('requires an Idempotency-Key', async () => {
      const { calls, result } = await countCalls(routes, () =>
        checkout('bob', { lines: [line] }, null),
      );
      const problem = await expectProblem(result, 'BFF_ERR_VALIDATION');
      expect(problem.errors?.map((error) => error.field)).toEqual(['Idempotency-Key']);
      expect(calls).toMatchObject({ stockBatch: 0, orderCreate: 0 });
    });

    it('answers 413 to a body over 100 KB', async () => {
      const { calls, result } = await countCalls(routes, () =>
        checkout('alice', { lines: [line], padding: 'x'.repeat(101 * 1024) }),
      );
      await expectProblem(result, 'BFF_ERR_PAYLOAD_TOO_LARGE');
      expect(calls).toMatchObject({ stockBatch: 0, orderCreate: 0 });
    });

    it('answers 415 to a body that is not JSON', async () => {
      const { calls, result } = await countCalls(routes, () =>
        checkout('alice', 'lines=p-0001', randomUUID(), 'text/plain'),
      );
      await expectProblem(result, 'BFF_ERR_UNSUPPORTED_MEDIA_TYPE');
      expect(calls).toMatchObject({ stockBatch: 0, orderCreate: 0 });
    });

    it('refuses a token without orders:write with 403, and no token with 401', async () => {
      const { calls, result } = await countCalls(routes, async () => [
        await checkout('carol', { lines: [line] }),
        await fetch(`${bff.url}/api/v1/me/orders`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
          body: JSON.stringify({ lines: [line] }),
        }),
      ]);
      await expectProblem(result[0], 'BFF_ERR_FORBIDDEN');
      await expectProblem(result[1], 'BFF_ERR_UNAUTHORIZED');
      expect(calls).toMatchObject({ stockBatch: 0, orderCreate: 0 });
    });
  });

  describe('documentation and logs', () => {
    it('documents the order routes with bearer auth at /docs-json', async () => {
      const document = await getJson<{
        paths: Record<string, Record<string, { security?: Record<string, string[]>[] }>>;
      }>(`${bff.url}/docs-json`);
      const operations = [
        ['/api/v1/me/orders', 'get'],
        ['/api/v1/me/orders', 'post'],
        ['/api/v1/me/orders/{id}', 'get'],
      ];
      for (const [path, method] of operations) {
        expect({ path, method, security: document.paths[path]?.[method]?.security }).toEqual({
          path,
          method,
          security: expect.arrayContaining([{ bearer: [] }]),
        });
      }
    });

    it('writes JSON lines only, and never a bearer token, after authenticated requests', async () => {
      await (await fetch(`${bff.url}/api/v1/me/orders?limit=1`, { headers: auth('bob') })).text();
      await (await checkout('bob', { lines: [] })).text();
      await bff.waitForLog((log) => log.route === '/api/v1/me/orders' && log.res?.status === 400);
      expect(bff.lines.length).toBeGreaterThan(0);
      expect(bff.logs).toHaveLength(bff.lines.length);
      for (const token of Object.values(tokens)) {
        const signature = token.split('.')[2];
        expect(bff.lines.filter((entry) => entry.includes(signature))).toEqual([]);
      }
    });
  });
});
