import {
  hasBuiltApps,
  metricCount,
  type ProcessApp,
  type ReferenceServices,
  startProcessApp,
  startReferenceServices,
} from '@bff/util-testing';
import {
  API_KEYS,
  type Answer,
  call,
  expectProblem,
  newIdempotencyKey,
  oneLine,
} from './mobile-api.util';

const APPS = [
  'mobile-bff',
  'web-bff',
  'identity-service',
  'product-service',
  'inventory-service',
  'order-service',
];
const describeBuilt = hasBuiltApps(...APPS) ? describe : describe.skip;

const REQUESTS = 'bff_http_request_duration_seconds_count';
const COMPACT_KEYS = ['id', 'name', 'price', 'image', 'inStock', 'rating'];
const SUMMARY_KEYS = ['id', 'status', 'total', 'itemCount', 'createdAt'];
const STRONG_ETAG = /^"[A-Za-z0-9_-]+"$/;

interface Stock {
  productId: string;
  available: number;
}

describeBuilt('mobile-bff against the reference services, as processes', () => {
  let stack: ReferenceServices;
  let mobile: ProcessApp;
  let web: ProcessApp;
  let api: string;
  const tokens: Record<string, string> = {};
  /** Seeded products found through the inventory service. */
  let outOfStockId: string;
  let wellStockedId: string;

  /** The JSON a reference service answers itself, to compare the BFF's answers with. */
  const direct = async (url: string, token?: string) =>
    (await call(url, { key: null, token })).json;

  /** Requests a reference service answered on `route` (and `method`), from its own /metrics. */
  const served = (service: 'product' | 'inventory' | 'order', route: string, method = 'GET') =>
    metricCount(stack.urls[service], REQUESTS, { route, method });

  /** Downstream requests made while `action` runs, by service route. */
  async function downstreamCalls(action: () => Promise<unknown>) {
    const routes = [
      ['product', '/products/:id', 'GET'],
      ['product', '/products', 'GET'],
      ['inventory', '/inventory/:productId', 'GET'],
      ['inventory', '/inventory', 'GET'],
      ['order', '/orders', 'GET'],
      ['order', '/orders', 'POST'],
    ] as const;
    const before = await Promise.all(routes.map(([s, r, m]) => served(s, r, m)));
    await action();
    const after = await Promise.all(routes.map(([s, r, m]) => served(s, r, m)));
    const calls: Record<string, number> = {};
    routes.forEach(([service, route, method], index) => {
      const count = after[index] - before[index];
      if (count > 0) calls[`${service} ${method} ${route}`] = count;
    });
    return calls;
  }

  beforeAll(async () => {
    stack = await startReferenceServices();
    const bffEnv = { ...stack.bffEnv, THROTTLE_LIMIT: '100000' };
    [mobile, web] = await Promise.all([
      startProcessApp('mobile-bff', { env: { ...bffEnv, MOBILE_API_KEYS: API_KEYS.join(',') } }),
      startProcessApp('web-bff', { env: bffEnv }),
    ]);
    api = `${mobile.url}/api/v1`;
    for (const user of ['alice', 'bob', 'carol', 'dave']) tokens[user] = await stack.token(user);

    const ids = Array.from({ length: 100 }, (_, i) => `p-${String(i + 1).padStart(4, '0')}`);
    const response = await fetch(`${stack.urls.inventory}/inventory?productIds=${ids.join(',')}`);
    const { items } = (await response.json()) as { items: Stock[] };
    outOfStockId = (items.find((stock) => stock.available === 0) as Stock).productId;
    wellStockedId = (items.find((stock) => stock.available >= 20) as Stock).productId;
  }, 90_000);

  afterAll(async () => {
    await Promise.all([mobile?.stop(), web?.stop()]);
    await stack?.stop();
  });

  it('found an out-of-stock and a well-stocked product in the seed', () => {
    expect(outOfStockId).toMatch(/^p-\d{4}$/);
    expect(wellStockedId).toMatch(/^p-\d{4}$/);
  });

  describe('the API key', () => {
    const routes: [string, () => Promise<string | undefined>, () => unknown][] = [
      ['GET /products/{id}', async () => undefined, () => undefined],
      ['GET /feed', async () => undefined, () => undefined],
      ['GET /orders', async () => tokens['alice'], () => undefined],
      ['POST /orders', async () => tokens['alice'], () => oneLine('p-0001')],
    ];
    const urlOf = (route: string) => `${api}${route.split(' ')[1].replace('{id}', 'p-0001')}`;
    const send = async (route: string, key: string | null, token?: string, body?: unknown) =>
      call(urlOf(route), {
        method: route.split(' ')[0],
        key,
        token,
        body,
        headers: { 'idempotency-key': newIdempotencyKey() },
      });

    it.each(routes)(
      'is required on %s: 401 problem naming the header',
      async (route, token, body) => {
        const answer = await send(route, null, await token(), body());
        expectProblem(answer, 401, 'BFF_ERR_UNAUTHORIZED');
        expect(answer.headers.get('www-authenticate')).toBe('ApiKey header="x-api-key"');
      },
    );

    it.each(routes)('must be one of the keys on %s', async (route, token, body) => {
      const answer = await send(route, 'not-a-key', await token(), body());
      expectProblem(answer, 401, 'BFF_ERR_UNAUTHORIZED');
    });

    it.each(API_KEYS)('accepts every configured key (%s)', async (key) => {
      expect((await call(`${api}/products/p-0001`, { key })).status).toBe(200);
    });

    it.each(['/health/live', '/health/ready', '/metrics', '/docs', '/docs-json'])(
      'is not needed for %s',
      async (path) => {
        expect((await call(`${mobile.url}${path}`, { key: null })).status).toBe(200);
      },
    );
  });

  describe('GET /api/v1/products/{id}', () => {
    it('answers exactly the compact fields, from the product and its stock', async () => {
      const [answer, product] = await Promise.all([
        call(`${api}/products/p-0003`),
        direct(`${stack.urls.product}/products/p-0003`),
      ]);
      expect(answer.status).toBe(200);
      expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
      expect(Object.keys(answer.json)).toEqual(COMPACT_KEYS);
      expect(answer.json).toEqual({
        id: 'p-0003',
        name: product.name,
        price: product.price,
        image: product.images[0] ?? null,
        inStock: expect.any(Boolean),
        rating: product.rating,
      });
      expect(answer.headers.get('x-degraded')).toBeNull();
      expect(answer.headers.get('x-request-id')).toBeTruthy();
    });

    it('says out of stock for a product with nothing available', async () => {
      expect((await call(`${api}/products/${outOfStockId}`)).json.inStock).toBe(false);
      expect((await call(`${api}/products/${wellStockedId}`)).json.inStock).toBe(true);
    });

    it('is publicly cacheable for CACHE_TTL_MS, as the same answer serves every app key', async () => {
      const answer = await call(`${api}/products/p-0004`);
      expect(answer.headers.get('cache-control')).toBe('public, max-age=30');
    });

    it('calls the product and inventory services once each on a miss, and neither on a hit', async () => {
      expect(await downstreamCalls(() => call(`${api}/products/p-0101`))).toEqual({
        'product GET /products/:id': 1,
        'inventory GET /inventory': 1,
      });
      expect(await downstreamCalls(() => call(`${api}/products/p-0101`))).toEqual({});
    });

    describe('with an ETag', () => {
      let first: Answer;

      beforeAll(async () => {
        first = await call(`${api}/products/p-0005`);
      });

      it('carries a strong ETag that stays the same across calls and keys', async () => {
        const etag = first.headers.get('etag');
        expect(etag).toMatch(STRONG_ETAG);
        expect((await call(`${api}/products/p-0005`, { key: 'k2' })).headers.get('etag')).toBe(
          etag,
        );
      });

      it('gives another product another ETag', async () => {
        const other = await call(`${api}/products/p-0006`);
        expect(other.headers.get('etag')).not.toBe(first.headers.get('etag'));
      });

      it.each([
        ['the tag itself', (etag: string) => etag],
        ['a list holding it', (etag: string) => `"stale", ${etag}`],
        ['its weak form', (etag: string) => `W/${etag}`],
        ['*', () => '*'],
      ])('answers 304 without a body to If-None-Match with %s', async (_case, header) => {
        const etag = first.headers.get('etag') as string;
        const answer = await call(`${api}/products/p-0005`, {
          headers: { 'if-none-match': header(etag) },
        });
        expect(answer.status).toBe(304);
        expect(answer.text).toBe('');
        expect(answer.headers.get('etag')).toBe(etag);
        expect(answer.headers.get('cache-control')).toBe('public, max-age=30');
      });

      it('answers 200 with the body to an If-None-Match that does not match', async () => {
        const answer = await call(`${api}/products/p-0005`, {
          headers: { 'if-none-match': '"some-older-version"' },
        });
        expect(answer.status).toBe(200);
        expect(answer.text).toBe(first.text);
      });

      it('still needs the API key for a conditional request', async () => {
        const answer = await call(`${api}/products/p-0005`, {
          key: null,
          headers: { 'if-none-match': first.headers.get('etag') as string },
        });
        expectProblem(answer, 401);
      });
    });

    it('answers 404 for an unknown product', async () => {
      expectProblem(await call(`${api}/products/p-9999`), 404);
    });

    it.each(['a.b', 'x'.repeat(65), '..%2Fadmin', 'p%2F1'])(
      'refuses the id %s with 400 before any downstream call',
      async (id) => {
        let answer: Answer | undefined;
        const calls = await downstreamCalls(async () => {
          answer = await call(`${api}/products/${id}`);
        });
        expectProblem(answer as Answer, 400);
        expect(calls).toEqual({});
      },
    );

    it("is measurably smaller than the web BFF's answer for the same product", async () => {
      const ids = ['p-0001', 'p-0002', 'p-0010'];
      for (const id of ids) {
        const [compact, page] = await Promise.all([
          call(`${api}/products/${id}`),
          call(`${web.url}/api/v1/products/${id}`, { key: null }),
        ]);
        expect(compact.status).toBe(200);
        expect(page.status).toBe(200);
        // The web page carries the description, every image, warehouses and related products.
        expect(compact.bytes * 3).toBeLessThan(page.bytes);
      }
    });
  });

  describe('GET /api/v1/feed', () => {
    it('answers a page of compact products of the category, with the next cursor', async () => {
      const [answer, page] = await Promise.all([
        call(`${api}/feed?category=beauty&limit=5`),
        direct(`${stack.urls.product}/products?category=beauty&limit=5`),
      ]);
      expect(answer.status).toBe(200);
      expect(Object.keys(answer.json)).toEqual(['items', 'nextCursor']);
      expect(answer.json.items).toHaveLength(5);
      for (const item of answer.json.items) expect(Object.keys(item)).toEqual(COMPACT_KEYS);
      expect(answer.json.items.map((item: { id: string }) => item.id)).toEqual(
        page.items.map((item: { id: string }) => item.id),
      );
      expect(answer.json.nextCursor).toEqual(expect.any(String));
      expect(answer.headers.get('cache-control')).toBe('public, max-age=30');
      expect(answer.headers.get('x-degraded')).toBeNull();
    });

    it('follows nextCursor to the next page', async () => {
      const first = await call(`${api}/feed?category=beauty&limit=5`);
      const cursor = encodeURIComponent(first.json.nextCursor);
      const second = await call(`${api}/feed?category=beauty&limit=5&cursor=${cursor}`);
      expect(second.status).toBe(200);
      const firstIds = first.json.items.map((item: { id: string }) => item.id);
      for (const item of second.json.items) expect(firstIds).not.toContain(item.id);
    });

    it('makes one page call and one batch stock call on a miss, and none on a hit', async () => {
      const url = `${api}/feed?category=garden&limit=7`;
      expect(await downstreamCalls(() => call(url))).toEqual({
        'product GET /products': 1,
        'inventory GET /inventory': 1,
      });
      expect(await downstreamCalls(() => call(url))).toEqual({});
    });

    it("is smaller than the web BFF's catalogue page of the same products", async () => {
      const [feed, catalog] = await Promise.all([
        call(`${api}/feed?category=beauty`),
        call(`${web.url}/api/v1/catalog?category=beauty`, { key: null }),
      ]);
      expect(feed.status).toBe(200);
      expect(catalog.status).toBe(200);
      expect(feed.json.items.map((item: { id: string }) => item.id)).toEqual(
        catalog.json.items.map((item: { id: string }) => item.id),
      );
      expect(feed.bytes).toBeLessThan(catalog.bytes);
    });

    it('answers 20 products without a limit', async () => {
      expect((await call(`${api}/feed`)).json.items).toHaveLength(20);
    });

    it.each(['limit=0', 'limit=101', 'limit=abc', 'limit=1.5', 'colour=red', 'cursor=not-issued'])(
      'refuses %s with 400',
      async (query) => {
        expectProblem(await call(`${api}/feed?${query}`), 400);
      },
    );
  });

  describe('GET /api/v1/orders', () => {
    it("answers the user's orders as summaries, never to be stored by a shared cache", async () => {
      const [answer, page] = await Promise.all([
        call(`${api}/orders?limit=5`, { token: tokens['alice'] }),
        direct(`${stack.urls.order}/orders?limit=5`, tokens['alice']),
      ]);
      expect(answer.status).toBe(200);
      expect(answer.headers.get('cache-control')).toBe('private, no-store');
      expect(Object.keys(answer.json)).toEqual(['items', 'nextCursor']);
      expect(answer.json.items).toHaveLength(5);
      answer.json.items.forEach((item: Record<string, unknown>, index: number) => {
        const order = page.items[index];
        expect(Object.keys(item)).toEqual(SUMMARY_KEYS);
        expect(item).toEqual({
          id: order.id,
          status: order.status,
          total: order.total,
          itemCount: order.lines.reduce(
            (sum: number, line: { quantity: number }) => sum + line.quantity,
            0,
          ),
          createdAt: order.createdAt,
        });
      });
    });

    it('pages with nextCursor', async () => {
      const first = await call(`${api}/orders?limit=3`, { token: tokens['alice'] });
      expect(first.json.nextCursor).toEqual(expect.any(String));
      const cursor = encodeURIComponent(first.json.nextCursor);
      const second = await call(`${api}/orders?limit=3&cursor=${cursor}`, {
        token: tokens['alice'],
      });
      expect(second.status).toBe(200);
      const firstIds = first.json.items.map((item: { id: string }) => item.id);
      for (const item of second.json.items) expect(firstIds).not.toContain(item.id);
    });

    it('makes exactly one order call', async () => {
      const calls = await downstreamCalls(() =>
        call(`${api}/orders?limit=4`, { token: tokens['bob'] }),
      );
      expect(calls).toEqual({ 'order GET /orders': 1 });
    });

    it('lets carol, who may only read orders, read hers', async () => {
      expect((await call(`${api}/orders`, { token: tokens['carol'] })).status).toBe(200);
    });

    it('refuses dave, who may not read orders, with 403', async () => {
      const answer = await call(`${api}/orders`, { token: tokens['dave'] });
      expectProblem(answer, 403, 'BFF_ERR_FORBIDDEN');
      expect(answer.headers.get('www-authenticate')).toMatch(/insufficient_scope/);
    });

    it('asks for a bearer token with 401 when there is none', async () => {
      const answer = await call(`${api}/orders`);
      expectProblem(answer, 401, 'BFF_ERR_UNAUTHORIZED');
      expect(answer.headers.get('www-authenticate')).toMatch(/^Bearer/);
    });

    it('refuses a token that is not one', async () => {
      expectProblem(await call(`${api}/orders`, { token: 'not.a.token' }), 401);
    });

    it.each(['limit=0', 'limit=101', 'cursor=not-issued', 'userId=bob'])(
      'refuses %s with 400',
      async (query) => {
        expectProblem(await call(`${api}/orders?${query}`, { token: tokens['alice'] }), 400);
      },
    );
  });

  describe('POST /api/v1/orders', () => {
    // Checkout has its own rate-limit tier (20 a minute per user): bob sends the refused bodies.
    const checkout = (body: unknown, key = newIdempotencyKey(), token = tokens['alice']) =>
      call(`${api}/orders`, {
        method: 'POST',
        token,
        body,
        headers: { 'idempotency-key': key },
      });

    it('creates the order and answers 201 with its summary', async () => {
      const answer = await checkout({
        lines: [
          { productId: wellStockedId, quantity: 2 },
          { productId: 'p-0001', quantity: 1 },
        ],
      });
      expect(answer.status).toBe(201);
      expect(answer.headers.get('cache-control')).toBe('private, no-store');
      expect(Object.keys(answer.json)).toEqual(SUMMARY_KEYS);
      expect(answer.json).toMatchObject({
        id: expect.any(String),
        status: expect.any(String),
        total: { amount: expect.any(Number), currency: 'USD' },
        itemCount: 3,
      });
      expect(Number.isNaN(Date.parse(answer.json.createdAt))).toBe(false);
    });

    it('checks stock in one call, then creates the order in one call', async () => {
      const calls = await downstreamCalls(() => checkout(oneLine(wellStockedId)));
      // The order service reads prices from the product service itself: not the BFF's calls.
      delete calls['product GET /products'];
      expect(calls).toEqual({ 'inventory GET /inventory': 1, 'order POST /orders': 1 });
    });

    it('answers the same order again for the same key and body', async () => {
      const key = newIdempotencyKey();
      const first = await checkout(oneLine(wellStockedId, 2), key);
      const again = await checkout(oneLine(wellStockedId, 2), key);
      expect(first.status).toBe(201);
      expect(again.status).toBe(201);
      expect(again.json.id).toBe(first.json.id);
    });

    it('answers 422 when the key is reused with another body', async () => {
      const key = newIdempotencyKey();
      expect((await checkout(oneLine(wellStockedId, 1), key)).status).toBe(201);
      expectProblem(
        await checkout(oneLine(wellStockedId, 3), key),
        422,
        'BFF_ERR_IDEMPOTENCY_KEY_REUSED',
      );
    });

    it('answers 409 naming the short products, and creates nothing', async () => {
      let answer: Answer | undefined;
      const calls = await downstreamCalls(async () => {
        answer = await checkout({
          lines: [
            { productId: wellStockedId, quantity: 1 },
            { productId: outOfStockId, quantity: 2 },
          ],
        });
      });
      const problem = expectProblem(answer as Answer, 409, 'BFF_ERR_INSUFFICIENT_STOCK');
      expect(problem.lines).toEqual([{ productId: outOfStockId, requested: 2, available: 0 }]);
      expect(calls).toEqual({ 'inventory GET /inventory': 1 });
    });

    it('refuses carol, who may read but not place orders, with 403', async () => {
      expectProblem(await checkout(oneLine('p-0001'), undefined, tokens['carol']), 403);
    });

    it('refuses dave with 403', async () => {
      expectProblem(await checkout(oneLine('p-0001'), undefined, tokens['dave']), 403);
    });

    it('asks for a bearer token with 401 when there is none', async () => {
      const answer = await call(`${api}/orders`, {
        method: 'POST',
        body: oneLine('p-0001'),
        headers: { 'idempotency-key': newIdempotencyKey() },
      });
      expectProblem(answer, 401);
      expect(answer.headers.get('www-authenticate')).toMatch(/^Bearer/);
    });

    it.each([
      ['no Idempotency-Key', undefined],
      ['an Idempotency-Key over 64 characters', 'k'.repeat(65)],
      ['an Idempotency-Key with a space', 'two words'],
    ])('refuses %s with 400 before any downstream call', async (_case, key) => {
      let answer: Answer | undefined;
      const calls = await downstreamCalls(async () => {
        answer = await call(`${api}/orders`, {
          method: 'POST',
          token: tokens['bob'],
          body: oneLine('p-0001'),
          headers: key === undefined ? {} : { 'idempotency-key': key },
        });
      });
      const problem = expectProblem(answer as Answer, 400);
      expect(problem.errors).toEqual([expect.objectContaining({ field: 'Idempotency-Key' })]);
      expect(calls).toEqual({});
    });

    it.each([
      ['no lines', { lines: [] }],
      [
        '51 lines',
        { lines: Array.from({ length: 51 }, () => ({ productId: 'p-0001', quantity: 1 })) },
      ],
      ['lines that are not a list', { lines: 'p-0001' }],
      ['a quantity of 0', oneLine('p-0001', 0)],
      ['a quantity of 100', oneLine('p-0001', 100)],
      ['a fractional quantity', oneLine('p-0001', 1.5)],
      ['a quantity as a string', { lines: [{ productId: 'p-0001', quantity: '1' }] }],
      ['a product id with a dot segment', oneLine('../admin')],
      ['an empty product id', oneLine('')],
      ['an unknown field', { ...oneLine('p-0001'), coupon: 'FREE' }],
      ['an unknown field in a line', { lines: [{ productId: 'p-0001', quantity: 1, price: 1 }] }],
      ['a line without a quantity', { lines: [{ productId: 'p-0001' }] }],
    ])('refuses %s with 400', async (_case, body) => {
      expectProblem(await checkout(body, undefined, tokens['bob']), 400, 'BFF_ERR_VALIDATION');
    });

    it('refuses malformed JSON with 400', async () => {
      expectProblem(await checkout('{"lines": [', undefined, tokens['bob']), 400);
    });

    it('refuses a body that is not JSON with 415', async () => {
      const answer = await call(`${api}/orders`, {
        method: 'POST',
        token: tokens['bob'],
        body: 'lines=p-0001',
        headers: {
          'idempotency-key': newIdempotencyKey(),
          'content-type': 'application/x-www-form-urlencoded',
        },
      });
      expectProblem(answer, 415);
    });
  });

  describe('the OpenAPI document', () => {
    it('documents every route with its key, token and problems', async () => {
      const document = (await call(`${mobile.url}/docs-json`, { key: null })).json;
      expect(document.components.securitySchemes).toMatchObject({
        apiKey: { type: 'apiKey', in: 'header', name: 'x-api-key' },
        bearer: { type: 'http', scheme: 'bearer' },
      });
      const operations = {
        product: document.paths['/api/v1/products/{id}'].get,
        feed: document.paths['/api/v1/feed'].get,
        orders: document.paths['/api/v1/orders'].get,
        checkout: document.paths['/api/v1/orders'].post,
      };
      for (const operation of Object.values(operations)) {
        expect(operation.security).toEqual(expect.arrayContaining([{ apiKey: [] }]));
        expect(operation.responses['401']).toBeDefined();
      }
      expect(operations.orders.security).toEqual(expect.arrayContaining([{ bearer: [] }]));
      expect(operations.checkout.security).toEqual(expect.arrayContaining([{ bearer: [] }]));
      expect(operations.product.responses['304']).toBeDefined();
      expect(operations.product.responses['200'].headers.ETag).toBeDefined();
      expect(operations.checkout.responses['201']).toBeDefined();
      expect(operations.checkout.responses['409']).toBeDefined();
      expect(operations.checkout.parameters).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ name: 'Idempotency-Key', in: 'header', required: true }),
        ]),
      );
    });
  });
});
