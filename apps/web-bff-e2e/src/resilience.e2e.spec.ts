import { money, type Product, type Stock } from '@bff/util-models';
import {
  type FakeRoutes,
  type FakeUpstream,
  hasBuiltApps,
  metricCount,
  type ProcessApp,
  reply,
  startFakeUpstream,
  startProcessApp,
  unusedUrl,
} from '@bff/util-testing';
import {
  delay,
  expectNoUpstreamDetails,
  expectProblem,
  json,
  NO_THROTTLE,
} from './support/http.util';

// Processes start and drain here; the project's testTimeout is lost when Jest runs several projects.
jest.setTimeout(60_000);

const describeBuilt = hasBuiltApps('web-bff') ? describe : describe.skip;

const UPSTREAM_TIMEOUT_MS = 300;
const CIRCUIT_FAILURE_THRESHOLD = 3;
const CIRCUIT_RESET_MS = 500;
/** The fakes' problem detail: it must never reach a client. */
const UPSTREAM_DETAIL = 'upstream detail that must not leak';

function product(id: string, relatedIds: string[] = []): Product {
  return {
    id,
    sku: `SKU-${id}`,
    name: `Name ${id}`,
    description: `About ${id}`,
    category: 'garden',
    price: money(1500),
    images: [`https://img.example/${id}/1.jpg`],
    rating: 4,
    relatedIds,
  };
}

const CATALOGUE = new Map(
  [product('p1', ['p2', 'p3']), product('p2'), product('p3', ['p1'])].map((p) => [p.id, p]),
);

function stock(productId: string): Stock {
  return { productId, available: 4, reserved: 0, warehouses: [{ id: 'wh-east', available: 4 }] };
}

const idsOf = (value: string | undefined) => (value ?? '').split(',').filter(Boolean);

const productRoutes: FakeRoutes = {
  'GET /health/live': () => reply.json({ status: 'ok' }),
  'GET /products/:id': ({ params }) => {
    const found = CATALOGUE.get(params['id']);
    return found ? reply.json(found) : reply.problem(404, 'no such product');
  },
  'GET /products': ({ query }) =>
    query['ids']
      ? reply.json({ items: idsOf(query['ids']).flatMap((id) => CATALOGUE.get(id) ?? []) })
      : reply.json({ items: [...CATALOGUE.values()], nextCursor: null }),
};

const inventoryRoutes: FakeRoutes = {
  'GET /health/live': () => reply.json({ status: 'ok' }),
  'GET /inventory': ({ query }) =>
    reply.json({ items: idsOf(query['productIds']).map((id) => stock(id)) }),
};

interface ProductPage {
  product: Product;
  availability: { inStock: boolean; available: number } | null;
  related: { id: string; inStock: boolean | null }[];
  meta: { degraded: string[] };
}

interface CatalogPage {
  items: { id: string; inStock: boolean | null; available: number | null }[];
  meta: { degraded: string[] };
}

describeBuilt('web-bff when its upstreams fail', () => {
  let products: FakeUpstream;
  let inventory: FakeUpstream;
  /** Both fakes. */
  let bff: ProcessApp;
  /** The product fake, and nothing listening where the inventory service should be. */
  let stockDownBff: ProcessApp;
  /** Nothing listening where the product service should be. */
  let productDownBff: ProcessApp;
  /** Both fakes, with the contract's default cache TTL. */
  let cachedBff: ProcessApp;
  let upstreamUrls: string[];

  beforeAll(async () => {
    [products, inventory] = await Promise.all([
      startFakeUpstream(productRoutes),
      startFakeUpstream(inventoryRoutes),
    ]);
    const [closedProduct, closedInventory, closedOrder, closedIdentity] = await Promise.all([
      unusedUrl(),
      unusedUrl(),
      unusedUrl(),
      unusedUrl(),
    ]);
    upstreamUrls = [products.url, inventory.url, closedProduct, closedInventory];
    const env = {
      ...NO_THROTTLE,
      AUTH_ISSUER: closedIdentity,
      AUTH_JWKS_URI: `${closedIdentity}/.well-known/jwks.json`,
      CACHE_TTL_MS: '0',
      CIRCUIT_FAILURE_THRESHOLD: String(CIRCUIT_FAILURE_THRESHOLD),
      CIRCUIT_RESET_MS: String(CIRCUIT_RESET_MS),
      INVENTORY_SERVICE_URL: inventory.url,
      ORDER_SERVICE_URL: closedOrder,
      PRODUCT_SERVICE_URL: products.url,
      UPSTREAM_TIMEOUT_MS: String(UPSTREAM_TIMEOUT_MS),
    };
    [bff, stockDownBff, productDownBff, cachedBff] = await Promise.all([
      startProcessApp('web-bff', { env }),
      startProcessApp('web-bff', { env: { ...env, INVENTORY_SERVICE_URL: closedInventory } }),
      startProcessApp('web-bff', { env: { ...env, PRODUCT_SERVICE_URL: closedProduct } }),
      startProcessApp('web-bff', { env: { ...env, CACHE_TTL_MS: '30000' } }),
    ]);
  });

  afterAll(async () => {
    await Promise.all([bff, stockDownBff, productDownBff, cachedBff].map((app) => app?.stop()));
    await Promise.all([products?.close(), inventory?.close()]);
  });

  /**
   * Healthy fakes, and one complete page: the success also resets each service's count of
   * consecutive failures, so that every test starts with closed circuits.
   */
  beforeEach(async () => {
    products.setHandler(productRoutes);
    inventory.setHandler(inventoryRoutes);
    const response = await fetch(`${bff.url}/api/v1/products/p1`);
    expect(response.status).toBe(200);
    expect((await json<ProductPage>(response)).meta.degraded).toEqual([]);
    products.reset();
    inventory.reset();
  });

  const page = (app: ProcessApp, path = '/api/v1/products/p1', requestId = 'e2e-resilience') =>
    fetch(`${app.url}${path}`, { headers: { 'x-request-id': requestId } });

  /** Answers 200 with availability dropped: null, related stock unknown, listed as degraded. */
  async function expectStockDropped(response: Response) {
    const text = await response.text();
    expect({ status: response.status, text }).toEqual({ status: 200, text: expect.any(String) });
    const body = JSON.parse(text) as ProductPage;
    expect(body.product.id).toBe('p1');
    expect(body.availability).toBeNull();
    expect(body.related).toEqual([
      expect.objectContaining({ id: 'p2', inStock: null }),
      expect.objectContaining({ id: 'p3', inStock: null }),
    ]);
    expect(body.meta.degraded).toEqual(['availability']);
    expectNoUpstreamDetails(text, upstreamUrls, [UPSTREAM_DETAIL]);
  }

  describe('an optional part failing', () => {
    it('drops availability when the stock call answers 500', async () => {
      inventory.setHandler({ ...inventoryRoutes, 'GET /inventory': () => reply.problem(500) });
      await expectStockDropped(await page(bff));
      expect(inventory.calls.filter((call) => call.path === '/inventory')).toHaveLength(1);
    });

    it('drops availability when the stock call is slower than the budget, without waiting for it', async () => {
      inventory.setHandler({
        ...inventoryRoutes,
        'GET /inventory': ({ query }) =>
          reply.delay(3000, reply.json({ items: idsOf(query['productIds']).map(stock) })),
      });
      const started = Date.now();
      const response = await page(bff);
      const elapsed = Date.now() - started;
      await expectStockDropped(response);
      expect(elapsed).toBeLessThan(2000);
    });

    it('drops availability when the stock call hangs', async () => {
      inventory.setHandler({ ...inventoryRoutes, 'GET /inventory': () => reply.hang() });
      await expectStockDropped(await page(bff));
    });

    it('drops availability when nothing listens on the inventory port', async () => {
      await expectStockDropped(await page(stockDownBff));
    });

    it('drops related products when the batch product call fails, keeping availability', async () => {
      products.setHandler({ ...productRoutes, 'GET /products': () => reply.problem(500) });
      const response = await page(bff);
      const text = await response.text();
      expect(response.status).toBe(200);
      const body = JSON.parse(text) as ProductPage;
      expect(body.product.id).toBe('p1');
      expect(body.related).toEqual([]);
      expect(body.availability).toEqual(expect.objectContaining({ inStock: true, available: 4 }));
      expect(body.meta.degraded).toEqual(['related']);
      expectNoUpstreamDetails(text, upstreamUrls, [UPSTREAM_DETAIL]);
    });

    it('drops both optional parts when both fail, and lists both', async () => {
      products.setHandler({ ...productRoutes, 'GET /products': () => reply.malformed() });
      inventory.setHandler({ ...inventoryRoutes, 'GET /inventory': () => reply.problem(503) });
      const response = await page(bff);
      expect(response.status).toBe(200);
      const body = await json<ProductPage>(response);
      expect(body).toMatchObject({ availability: null, related: [] });
      expect([...body.meta.degraded].sort()).toEqual(['availability', 'related']);
    });

    it('gives catalog items null stock when the stock call fails', async () => {
      inventory.setHandler({ ...inventoryRoutes, 'GET /inventory': () => reply.problem(500) });
      const response = await page(bff, '/api/v1/catalog');
      const text = await response.text();
      expect(response.status).toBe(200);
      const body = JSON.parse(text) as CatalogPage;
      expect(body.items.map((item) => item.id)).toEqual(['p1', 'p2', 'p3']);
      expect(body.items.map((item) => [item.inStock, item.available])).toEqual([
        [null, null],
        [null, null],
        [null, null],
      ]);
      expect(body.meta.degraded).toEqual(['availability']);
      expectNoUpstreamDetails(text, upstreamUrls, [UPSTREAM_DETAIL]);
    });

    it('keeps a degraded page out of the cache, so the next request composes it again', async () => {
      inventory.setHandler({ ...inventoryRoutes, 'GET /inventory': () => reply.problem(500) });
      await expectStockDropped(await page(cachedBff, '/api/v1/products/p1'));

      inventory.setHandler(inventoryRoutes);
      const complete = await json<ProductPage>(await page(cachedBff, '/api/v1/products/p1'));
      expect(complete.meta.degraded).toEqual([]);
      expect(complete.availability?.inStock).toBe(true);
      expect(products.calls.filter((call) => call.path === '/products/p1')).toHaveLength(2);

      // A complete page, by contrast, is served from the cache.
      await (await page(cachedBff, '/api/v1/products/p1')).text();
      expect(products.calls.filter((call) => call.path === '/products/p1')).toHaveLength(2);
    });
  });

  describe('the required product failing', () => {
    async function expectUpstreamProblem(
      response: Response,
      code: Parameters<typeof expectProblem>[1],
    ) {
      const problem = await expectProblem(response, code);
      expect(problem.requestId).toBe('e2e-resilience');
      expectNoUpstreamDetails(JSON.stringify(problem), upstreamUrls, [UPSTREAM_DETAIL]);
      return problem;
    }

    it('answers 502 when the product call answers 500, and calls nothing else', async () => {
      products.setHandler({ ...productRoutes, 'GET /products/:id': () => reply.problem(500) });
      await expectUpstreamProblem(await page(bff), 'BFF_ERR_UPSTREAM_BAD_RESPONSE');
      expect(products.calls.map((call) => call.path)).toEqual(['/products/p1']);
      expect(inventory.calls).toEqual([]);
    });

    it('answers 502 when the product body is not JSON', async () => {
      products.setHandler({ ...productRoutes, 'GET /products/:id': () => reply.malformed() });
      await expectUpstreamProblem(await page(bff), 'BFF_ERR_UPSTREAM_BAD_RESPONSE');
    });

    it('answers 504 within the budget when the product call hangs', async () => {
      products.setHandler({ ...productRoutes, 'GET /products/:id': () => reply.hang() });
      const started = Date.now();
      const response = await page(bff);
      const elapsed = Date.now() - started;
      await expectUpstreamProblem(response, 'BFF_ERR_UPSTREAM_TIMEOUT');
      expect(elapsed).toBeGreaterThanOrEqual(UPSTREAM_TIMEOUT_MS - 20);
      expect(elapsed).toBeLessThan(2000);
    });

    it('answers 502 when nothing listens on the product port', async () => {
      await expectUpstreamProblem(await page(productDownBff), 'BFF_ERR_UPSTREAM_UNAVAILABLE');
    });

    it('answers 502 for the catalog when its page call fails', async () => {
      products.setHandler({ ...productRoutes, 'GET /products': () => reply.problem(500) });
      await expectUpstreamProblem(
        await page(bff, '/api/v1/catalog'),
        'BFF_ERR_UPSTREAM_BAD_RESPONSE',
      );
      expect(inventory.calls).toEqual([]);
    });

    it('opens the circuit after the threshold, fails fast without calling, then recovers after a trial call', async () => {
      const circuit = () =>
        metricCount(bff.url, 'bff_upstream_circuit_state', { service: 'product' });
      products.setHandler({ ...productRoutes, 'GET /products/:id': () => reply.problem(500) });

      for (let i = 0; i < CIRCUIT_FAILURE_THRESHOLD; i++) {
        await expectUpstreamProblem(await page(bff), 'BFF_ERR_UPSTREAM_BAD_RESPONSE');
      }
      expect(products.calls).toHaveLength(CIRCUIT_FAILURE_THRESHOLD);
      expect(await circuit()).toBe(2);

      const open = await page(bff);
      expect(open.headers.get('retry-after')).toMatch(/^\d+$/);
      await expectUpstreamProblem(open, 'BFF_ERR_UPSTREAM_CIRCUIT_OPEN');
      expect(products.calls).toHaveLength(CIRCUIT_FAILURE_THRESHOLD);

      products.setHandler(productRoutes);
      await delay(CIRCUIT_RESET_MS + 200);
      products.reset();
      const recovered = await page(bff);
      expect(recovered.status).toBe(200);
      expect((await json<ProductPage>(recovered)).meta.degraded).toEqual([]);
      expect(products.calls.filter((call) => call.path === '/products/p1')).toHaveLength(1);
      expect(await circuit()).toBe(0);
    });
  });

  describe('propagation', () => {
    it('forwards the request id and a traceparent of the caller’s trace to every call', async () => {
      const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
      const response = await fetch(`${bff.url}/api/v1/products/p1`, {
        headers: {
          'x-request-id': 'e2e-trace-1',
          traceparent: `00-${traceId}-00f067aa0ba902b7-01`,
        },
      });
      expect(response.status).toBe(200);
      await response.text();
      const calls = [...products.calls, ...inventory.calls];
      expect(calls.map((call) => call.path).sort()).toEqual([
        '/inventory',
        '/products',
        '/products/p1',
      ]);
      for (const call of calls) {
        expect(call.headers['x-request-id']).toBe('e2e-trace-1');
        expect(call.headers['traceparent']).toMatch(
          new RegExp(`^00-${traceId}-[0-9a-f]{16}-0[01]$`),
        );
        expect(call.headers['traceparent']).not.toContain('00f067aa0ba902b7');
      }
    });

    it('asks for related products and their stock in one batch each', async () => {
      await (await page(bff)).text();
      const batch = products.calls.find((call) => call.path === '/products');
      expect(idsOf(batch?.query['ids']).sort()).toEqual(['p2', 'p3']);
      const stockCall = inventory.calls.find((call) => call.path === '/inventory');
      expect(idsOf(stockCall?.query['productIds']).sort()).toEqual(['p1', 'p2', 'p3']);
      expect(products.calls).toHaveLength(2);
      expect(inventory.calls).toHaveLength(1);
    });
  });
});
