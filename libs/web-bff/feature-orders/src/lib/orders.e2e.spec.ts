import { Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { BffEnv, BffPlatformModule } from '@bff/platform-bff';
import { createApp } from '@bff/platform-bootstrap';
import {
  type FakeReply,
  type FakeRoutes,
  type FakeUpstream,
  type RecordedRequest,
  reply,
  startFakeUpstream,
  startTestIdentity,
  type TestIdentity,
} from '@bff/util-testing';
import {
  type CreateOrderRequest,
  money,
  type Order,
  type Product,
  type Stock,
} from '@bff/util-models';
import { OrdersFeatureModule } from './orders.module';

@Module({
  imports: [
    BffPlatformModule.forRoot({ throttleTiers: { checkout: { limit: 1000, ttlMs: 60_000 } } }),
    OrdersFeatureModule,
  ],
})
class OrdersTestModule {}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const json = (response: Response): Promise<any> => response.json();

function product(id: string): Product {
  return {
    id,
    sku: `SKU-${id}`,
    name: `Name ${id}`,
    description: 'd',
    category: 'c',
    price: money(1000),
    images: [`https://img/${id}-1.jpg`, `https://img/${id}-2.jpg`],
    rating: 4,
    relatedIds: [],
  };
}

const catalogue = new Map(['p-1', 'p-2', 'p-3', 'p-4'].map((id) => [id, product(id)]));

// p-4 has no stock record at all.
const stockRecords = new Map<string, Stock>(
  (
    [
      ['p-1', 10],
      ['p-2', 0],
      ['p-3', 5],
    ] as const
  ).map(([productId, available]) => [
    productId,
    { productId, available, reserved: 0, warehouses: [{ id: 'w1', available }] },
  ]),
);

function order(id: string, lines: [string, number][]): Order {
  const priced = lines.map(([productId, quantity]) => ({
    productId,
    quantity,
    unitPrice: money(1000),
  }));
  return {
    id,
    userId: 'alice',
    status: 'confirmed',
    createdAt: '2026-11-23T10:00:00.000Z',
    lines: priced,
    total: money(priced.reduce((sum, line) => sum + line.quantity * 1000, 0)),
  };
}

// Three orders that share products: a page must still cost one product call.
const myOrders = [
  order('o-1', [
    ['p-1', 2],
    ['p-2', 1],
  ]),
  order('o-2', [
    ['p-2', 1],
    ['p-3', 1],
  ]),
  order('o-3', [['p-1', 1]]),
];

const productRoutes: FakeRoutes = {
  'GET /products': ({ query }) =>
    reply.json({ items: query['ids'].split(',').flatMap((id) => catalogue.get(id) ?? []) }),
};

const inventoryRoutes: FakeRoutes = {
  'GET /inventory': ({ query }) =>
    reply.json({
      items: query['productIds'].split(',').flatMap((id) => stockRecords.get(id) ?? []),
    }),
};

const orderRoutes: FakeRoutes = {
  'GET /orders': () => reply.json({ items: myOrders, nextCursor: 'c-2' }),
  'GET /orders/:id': ({ params }) => {
    const found = myOrders.find((candidate) => candidate.id === params['id']);
    return found ? reply.json(found) : reply.problem(404);
  },
  'POST /orders': ({ body }) => {
    const { lines } = JSON.parse(body) as CreateOrderRequest;
    const created = order(
      'o-new',
      lines.map((line) => [line.productId, line.quantity]),
    );
    return reply.json({ ...created, status: 'pending' }, 201);
  },
};

/** Two handlers that answer only once both requests have arrived: proof they were in flight together. */
function rendezvous(): (then: FakeReply) => Promise<FakeReply> {
  let arrived = 0;
  let release!: () => void;
  const met = new Promise<void>((resolve) => (release = resolve));
  return async (then) => {
    arrived += 1;
    if (arrived === 2) release();
    await met;
    return then;
  };
}

const routeCalls = (upstream: FakeUpstream, method: string, path: string): RecordedRequest[] =>
  upstream.calls.filter((call) => call.method === method && call.path === path);

describe('web-bff orders over real HTTP', () => {
  let identity: TestIdentity;
  let products: FakeUpstream;
  let inventory: FakeUpstream;
  let orders: FakeUpstream;
  let app: NestFastifyApplication;
  let base: string;
  let alice: string;
  let carol: string;

  const asAlice = (init: RequestInit = {}): RequestInit => ({
    ...init,
    headers: { authorization: `Bearer ${alice}`, ...init.headers },
  });

  const checkout = (body: unknown, key: string | null = 'key-1', token = alice) =>
    fetch(`${base}/me/orders`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        ...(key === null ? {} : { 'idempotency-key': key }),
      },
      body: JSON.stringify(body),
    });

  const downstreamCalls = () =>
    products.calls.length + inventory.calls.length + orders.calls.length;

  beforeAll(async () => {
    [identity, products, inventory, orders] = await Promise.all([
      startTestIdentity(),
      startFakeUpstream(productRoutes),
      startFakeUpstream(inventoryRoutes),
      startFakeUpstream(orderRoutes),
    ]);
    app = await createApp(OrdersTestModule, {
      name: 'web-bff-orders-test',
      defaultPort: 0,
      env: BffEnv,
      globalPrefix: 'api/v1',
      swagger: { title: 'web-bff orders', bearerAuth: true },
      environment: {
        LOG_LEVEL: 'silent',
        AUTH_JWKS_URI: identity.jwksUri,
        AUTH_ISSUER: identity.issuer,
        PRODUCT_SERVICE_URL: products.url,
        INVENTORY_SERVICE_URL: inventory.url,
        ORDER_SERVICE_URL: orders.url,
        UPSTREAM_TIMEOUT_MS: '400',
        // Failures of one test must not open a circuit for the next.
        CIRCUIT_FAILURE_THRESHOLD: '1000',
      },
    });
    await app.listen(0, '127.0.0.1');
    base = `${await app.getUrl()}/api/v1`;
    [alice, carol] = await Promise.all([
      identity.token('alice', 'orders:read orders:write'),
      identity.token('carol', 'orders:read'),
    ]);
  });

  afterAll(async () => {
    await app?.close();
    await Promise.all([identity, products, inventory, orders].map((server) => server?.close()));
  });

  beforeEach(() => {
    products.setHandler(productRoutes);
    inventory.setHandler(inventoryRoutes);
    orders.setHandler(orderRoutes);
    for (const upstream of [products, inventory, orders]) upstream.reset();
  });

  describe('GET /me/orders', () => {
    it('answers a page of orders whose lines carry the product name and first image', async () => {
      const response = await fetch(`${base}/me/orders?limit=3&cursor=c-1`, asAlice());
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('private, no-store');
      const body = await json(response);
      expect(body.nextCursor).toBe('c-2');
      expect(body.meta).toEqual({ degraded: [] });
      expect(body.items.map((item: Order) => item.id)).toEqual(['o-1', 'o-2', 'o-3']);
      expect(body.items[0]).toEqual({
        id: 'o-1',
        userId: 'alice',
        status: 'confirmed',
        createdAt: '2026-11-23T10:00:00.000Z',
        lines: [
          {
            productId: 'p-1',
            quantity: 2,
            unitPrice: money(1000),
            name: 'Name p-1',
            image: 'https://img/p-1-1.jpg',
          },
          {
            productId: 'p-2',
            quantity: 1,
            unitPrice: money(1000),
            name: 'Name p-2',
            image: 'https://img/p-2-1.jpg',
          },
        ],
        total: money(3000),
      });
    });

    it('makes one order call and one batch product call of de-duplicated ids for the whole page', async () => {
      await fetch(`${base}/me/orders?limit=3&cursor=c-1`, asAlice());
      expect(orders.calls).toHaveLength(1);
      expect(orders.calls[0].query).toEqual({ limit: '3', cursor: 'c-1' });
      expect(products.calls).toHaveLength(1);
      expect(products.calls[0].query['ids'].split(',')).toEqual(['p-1', 'p-2', 'p-3']);
      expect(inventory.calls).toHaveLength(0);
    });

    it("relays the user's token to the order service only", async () => {
      await fetch(`${base}/me/orders`, asAlice());
      expect(orders.calls[0].headers.authorization).toBe(`Bearer ${alice}`);
      expect(products.calls[0].headers.authorization).toBeUndefined();
    });

    it('asks the order service for 20 orders when no limit is given', async () => {
      await fetch(`${base}/me/orders`, asAlice());
      expect(orders.calls[0].query).toEqual({ limit: '20' });
    });

    it('still answers 200 when the products fail, with null names and products degraded', async () => {
      products.setHandler(() => reply.problem(500));
      const response = await fetch(`${base}/me/orders`, asAlice());
      expect(response.status).toBe(200);
      const body = await json(response);
      expect(body.meta).toEqual({ degraded: ['products'] });
      expect(body.items[0].lines[0]).toMatchObject({ productId: 'p-1', name: null, image: null });
      expect(body.items[0].total).toEqual(money(3000));
    });

    it('answers a required order service failure with 502', async () => {
      orders.setHandler(() => reply.problem(500));
      const response = await fetch(`${base}/me/orders`, asAlice());
      expect(response.status).toBe(502);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(JSON.stringify(await json(response))).not.toContain('upstream detail');
    });

    it.each(['0', '101', '2.5', 'ten'])(
      'rejects limit=%s with 400 before any call',
      async (limit) => {
        const response = await fetch(`${base}/me/orders?limit=${limit}`, asAlice());
        expect(response.status).toBe(400);
        expect((await json(response)).code).toBe('BFF_ERR_VALIDATION');
        expect(downstreamCalls()).toBe(0);
      },
    );

    it('lets a token with orders:read only read', async () => {
      const response = await fetch(`${base}/me/orders`, {
        headers: { authorization: `Bearer ${carol}` },
      });
      expect(response.status).toBe(200);
    });
  });

  describe('GET /me/orders/:id', () => {
    it('answers the order with each line enriched and its current stock', async () => {
      const response = await fetch(`${base}/me/orders/o-1`, asAlice());
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('private, no-store');
      const body = await json(response);
      expect(body).toEqual({
        id: 'o-1',
        userId: 'alice',
        status: 'confirmed',
        createdAt: '2026-11-23T10:00:00.000Z',
        lines: [
          {
            productId: 'p-1',
            quantity: 2,
            unitPrice: money(1000),
            name: 'Name p-1',
            image: 'https://img/p-1-1.jpg',
            inStock: true,
          },
          {
            productId: 'p-2',
            quantity: 1,
            unitPrice: money(1000),
            name: 'Name p-2',
            image: 'https://img/p-2-1.jpg',
            inStock: false,
          },
        ],
        total: money(3000),
        meta: { degraded: [] },
      });
    });

    it('calls products and stock once each, both in flight at the same time', async () => {
      // Each upstream holds its answer until the other call has arrived: run one after the
      // other, the first would time out and be degraded.
      const meet = rendezvous();
      products.setHandler({
        'GET /products': async (request) =>
          meet(await (productRoutes['GET /products'](request) as FakeReply)),
      });
      inventory.setHandler({
        'GET /inventory': async (request) =>
          meet(await (inventoryRoutes['GET /inventory'](request) as FakeReply)),
      });
      const response = await fetch(`${base}/me/orders/o-1`, asAlice());
      expect((await json(response)).meta).toEqual({ degraded: [] });
      expect(routeCalls(orders, 'GET', '/orders/o-1')).toHaveLength(1);
      expect(products.calls).toHaveLength(1);
      expect(products.calls[0].query['ids']).toBe('p-1,p-2');
      expect(inventory.calls).toHaveLength(1);
      expect(inventory.calls[0].query['productIds']).toBe('p-1,p-2');
    });

    it('still answers 200 when stock fails, with inStock null and stock degraded', async () => {
      inventory.setHandler(() => reply.hang());
      const response = await fetch(`${base}/me/orders/o-1`, asAlice());
      expect(response.status).toBe(200);
      const body = await json(response);
      expect(body.meta).toEqual({ degraded: ['stock'] });
      expect(body.lines.map((line: { inStock: unknown }) => line.inStock)).toEqual([null, null]);
      expect(body.lines[0].name).toBe('Name p-1');
    });

    it('still answers 200 when the products fail, with products degraded', async () => {
      products.setHandler(() => reply.reset());
      const body = await json(await fetch(`${base}/me/orders/o-1`, asAlice()));
      expect(body.meta).toEqual({ degraded: ['products'] });
      expect(body.lines[0]).toMatchObject({ name: null, image: null, inStock: true });
    });

    it('answers an order the order service does not know with a 404 problem', async () => {
      const response = await fetch(`${base}/me/orders/o-404`, asAlice());
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(response.headers.get('cache-control')).toContain('no-store');
      const body = await json(response);
      expect(body).toMatchObject({ status: 404, code: 'BFF_ERR_UPSTREAM_NOT_FOUND' });
      expect(body.requestId).toBe(response.headers.get('x-request-id'));
      expect(products.calls.length + inventory.calls.length).toBe(0);
    });

    it('answers 504 when the order service does not answer in time', async () => {
      orders.setHandler(() => reply.hang());
      const response = await fetch(`${base}/me/orders/o-1`, asAlice());
      expect(response.status).toBe(504);
      expect((await json(response)).code).toBe('BFF_ERR_UPSTREAM_TIMEOUT');
    });

    it.each(['a.b', 'x%2Fy', 'x'.repeat(65)])(
      'rejects the id %s with 400 before any call',
      async (id) => {
        const response = await fetch(`${base}/me/orders/${id}`, asAlice());
        expect(response.status).toBe(400);
        expect(downstreamCalls()).toBe(0);
      },
    );
  });

  describe('POST /me/orders', () => {
    const lines = [
      { productId: 'p-1', quantity: 3 },
      { productId: 'p-3', quantity: 5 },
    ];

    it('checks stock, creates the order and answers 201 with enriched lines', async () => {
      const response = await checkout({ lines });
      expect(response.status).toBe(201);
      expect(response.headers.get('cache-control')).toBe('private, no-store');
      const body = await json(response);
      expect(body).toEqual({
        id: 'o-new',
        userId: 'alice',
        status: 'pending',
        createdAt: '2026-11-23T10:00:00.000Z',
        lines: [
          {
            productId: 'p-1',
            quantity: 3,
            unitPrice: money(1000),
            name: 'Name p-1',
            image: 'https://img/p-1-1.jpg',
          },
          {
            productId: 'p-3',
            quantity: 5,
            unitPrice: money(1000),
            name: 'Name p-3',
            image: 'https://img/p-3-1.jpg',
          },
        ],
        total: money(8000),
        meta: { degraded: [] },
      });
      expect(inventory.calls).toHaveLength(1);
      expect(inventory.calls[0].query['productIds']).toBe('p-1,p-3');
      expect(products.calls).toHaveLength(1);
    });

    it("relays the client's Idempotency-Key exactly, with the lines and the user's token", async () => {
      const key = 'Checkout_42:~!@#$%^&*()+={}[]|;<>?,./`abcdefghijklmnopqrstuvwxyz0123456789';
      const relayed = key.slice(0, 64);
      await checkout({ lines }, relayed);
      const [created] = routeCalls(orders, 'POST', '/orders');
      expect(created.headers['idempotency-key']).toBe(relayed);
      expect(created.headers.authorization).toBe(`Bearer ${alice}`);
      expect(JSON.parse(created.body)).toEqual({ lines });
    });

    it('answers 409 naming the short lines and creates nothing when stock is short', async () => {
      const response = await checkout({
        lines: [
          { productId: 'p-1', quantity: 11 },
          { productId: 'p-3', quantity: 5 },
          { productId: 'p-4', quantity: 1 },
        ],
      });
      expect(response.status).toBe(409);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(response.headers.get('cache-control')).toContain('no-store');
      const body = await json(response);
      expect(body).toMatchObject({ status: 409, code: 'BFF_ERR_INSUFFICIENT_STOCK' });
      expect(body.lines).toEqual([
        { productId: 'p-1', requested: 11, available: 10 },
        { productId: 'p-4', requested: 1, available: 0 },
      ]);
      expect(orders.calls).toHaveLength(0);
    });

    it.each([
      ['fails', () => reply.problem(500), 502],
      ['does not answer in time', () => reply.hang(), 504],
    ])('never creates an order when the inventory %s', async (_what, failure, status) => {
      inventory.setHandler(failure);
      const response = await checkout({ lines });
      expect(response.status).toBe(status);
      expect(orders.calls).toHaveLength(0);
    });

    it('still creates the order when the products fail, with products degraded', async () => {
      products.setHandler(() => reply.problem(500));
      const response = await checkout({ lines });
      expect(response.status).toBe(201);
      const body = await json(response);
      expect(body.meta).toEqual({ degraded: ['products'] });
      expect(body.lines[0]).toMatchObject({ productId: 'p-1', name: null, image: null });
    });

    it('relays a reused Idempotency-Key as 422', async () => {
      orders.setHandler({ ...orderRoutes, 'POST /orders': () => reply.problem(422) });
      const response = await checkout({ lines });
      expect(response.status).toBe(422);
      expect((await json(response)).code).toBe('BFF_ERR_IDEMPOTENCY_KEY_REUSED');
    });

    it.each([
      ['missing', null],
      ['empty', ''],
      ['longer than 64 characters', 'k'.repeat(65)],
      ['not printable ASCII', 'key with spaces'],
    ])('rejects an Idempotency-Key that is %s with 400 before any call', async (_what, key) => {
      const response = await checkout({ lines }, key);
      expect(response.status).toBe(400);
      const body = await json(response);
      expect(body.code).toBe('BFF_ERR_VALIDATION');
      expect(body.errors[0].field).toBe('Idempotency-Key');
      expect(downstreamCalls()).toBe(0);
    });

    const line = { productId: 'p-1', quantity: 1 };
    it.each<[string, unknown]>([
      ['no lines', { lines: [] }],
      ['51 lines', { lines: Array.from({ length: 51 }, () => line) }],
      ['lines missing', {}],
      ['lines not an array', { lines: line }],
      ['quantity 0', { lines: [{ ...line, quantity: 0 }] }],
      ['quantity 100', { lines: [{ ...line, quantity: 100 }] }],
      ['quantity 1.5', { lines: [{ ...line, quantity: 1.5 }] }],
      ['quantity as a string', { lines: [{ ...line, quantity: '1' }] }],
      ['quantity missing', { lines: [{ productId: 'p-1' }] }],
      ['an empty productId', { lines: [{ ...line, productId: '' }] }],
      ['productId ../x', { lines: [{ ...line, productId: '../x' }] }],
      ['a numeric productId', { lines: [{ ...line, productId: 1 }] }],
      ['an unknown field', { lines: [line], coupon: 'FREE' }],
      ['an unknown field in a line', { lines: [{ ...line, unitPrice: money(1) }] }],
      ['a line that is not an object', { lines: ['p-1'] }],
    ])('rejects a body with %s with 400 before any call', async (_what, body) => {
      const response = await checkout(body);
      expect(response.status).toBe(400);
      const problem = await json(response);
      expect(problem.code).toBe('BFF_ERR_VALIDATION');
      expect(problem.errors.length).toBeGreaterThan(0);
      expect(downstreamCalls()).toBe(0);
    });

    it('names the failing field of a line', async () => {
      const response = await checkout({ lines: [line, { ...line, quantity: 0 }] });
      expect((await json(response)).errors).toEqual([
        { field: 'lines.1.quantity', message: expect.any(String) },
      ]);
    });

    it('accepts 50 lines, the most a checkout may have, in one stock call', async () => {
      const ids = Array.from({ length: 50 }, (_, index) => `q-${index}`);
      inventory.setHandler(({ query }) =>
        reply.json({
          items: query['productIds']
            .split(',')
            .map((productId) => ({ productId, available: 99, reserved: 0, warehouses: [] })),
        }),
      );
      const response = await checkout({
        lines: ids.map((productId) => ({ productId, quantity: 1 })),
      });
      expect(response.status).toBe(201);
      expect(inventory.calls).toHaveLength(1);
      expect(inventory.calls[0].query['productIds'].split(',')).toEqual(ids);
    });

    it('checks the summed quantity of lines naming the same product', async () => {
      const response = await checkout({
        lines: [
          { productId: 'p-3', quantity: 3 },
          { productId: 'p-3', quantity: 3 },
        ],
      });
      expect(response.status).toBe(409);
      expect((await json(response)).lines).toEqual([
        { productId: 'p-3', requested: 6, available: 5 },
      ]);
      expect(inventory.calls[0].query['productIds']).toBe('p-3');
      expect(orders.calls).toHaveLength(0);
    });

    it('refuses a token without orders:write with 403 before any call', async () => {
      const response = await checkout({ lines }, 'key-1', carol);
      expect(response.status).toBe(403);
      expect(response.headers.get('www-authenticate')).toContain('insufficient_scope');
      expect((await json(response)).code).toBe('BFF_ERR_FORBIDDEN');
      expect(downstreamCalls()).toBe(0);
    });
  });

  it.each([
    ['GET', '/me/orders'],
    ['GET', '/me/orders/o-1'],
    ['POST', '/me/orders'],
  ])('answers %s %s without a token with 401 and WWW-Authenticate', async (method, path) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { 'content-type': 'application/json', 'idempotency-key': 'key-1' },
      body:
        method === 'POST'
          ? JSON.stringify({ lines: [{ productId: 'p-1', quantity: 1 }] })
          : undefined,
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(downstreamCalls()).toBe(0);
  });

  it('documents the routes, their auth, the Idempotency-Key and the 409 in OpenAPI', async () => {
    const document = await json(await fetch(`${base.replace(/\/api\/v1$/, '')}/docs-json`));
    const list = document.paths['/api/v1/me/orders'].get;
    const detail = document.paths['/api/v1/me/orders/{id}'].get;
    const create = document.paths['/api/v1/me/orders'].post;
    for (const operation of [list, detail, create]) {
      expect(operation.security).toEqual([{ bearer: [] }]);
      expect(Object.keys(operation.responses)).toEqual(
        expect.arrayContaining(['400', '401', '403', '502', '503', '504']),
      );
    }
    expect(detail.responses['404']).toBeDefined();
    expect(create.parameters).toContainEqual(
      expect.objectContaining({ name: 'Idempotency-Key', in: 'header', required: true }),
    );
    expect(Object.keys(create.responses)).toEqual(expect.arrayContaining(['201', '409', '422']));
    const schemas = document.components.schemas;
    expect(schemas.OrderDetailDto.properties.lines.items.$ref).toBe(
      '#/components/schemas/OrderDetailLineDto',
    );
    expect(schemas.OrderDetailLineDto.properties.inStock.nullable).toBe(true);
    expect(schemas.InsufficientStockProblemDto.properties.lines.items.$ref).toBe(
      '#/components/schemas/ShortLineDto',
    );
    expect(schemas.CheckoutDto.properties.lines.maxItems).toBe(50);
  });
});
