import type { Batch, Page, Product, Stock } from '@bff/util-models';
import {
  hasBuiltApps,
  metricCount,
  type ProcessApp,
  type ReferenceServices,
  startProcessApp,
  startReferenceServices,
} from '@bff/util-testing';
import { countCalls, serviceRoutes } from './support/downstream-calls.util';
import {
  BUILT_APPS,
  delay,
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

const ALLOWED_ORIGIN = 'http://localhost:4200';

interface ProductPage {
  product: Product;
  availability: { inStock: boolean; available: number; warehouses: Stock['warehouses'] } | null;
  related: {
    id: string;
    name: string;
    price: Product['price'];
    image: string | null;
    inStock: boolean | null;
  }[];
  meta: { degraded: string[] };
}

interface CatalogItem {
  id: string;
  sku: string;
  name: string;
  category: string;
  price: Product['price'];
  rating: number;
  image: string | null;
  inStock: boolean | null;
  available: number | null;
}

interface CatalogPage {
  items: CatalogItem[];
  nextCursor: string | null;
  meta: { degraded: string[] };
}

describeBuilt('web-bff against the reference services', () => {
  let services: ReferenceServices;
  /** CACHE_TTL_MS=0: every request composes from the services, so calls can be counted. */
  let bff: ProcessApp;
  /** The contract's default TTL (30 s). */
  let cachedBff: ProcessApp;
  let routes: ReturnType<typeof serviceRoutes>;

  beforeAll(async () => {
    services = await startReferenceServices();
    routes = serviceRoutes(services.urls);
    [bff, cachedBff] = await Promise.all([
      startProcessApp('web-bff', {
        env: { ...services.bffEnv, ...NO_THROTTLE, CACHE_TTL_MS: '0' },
      }),
      startProcessApp('web-bff', { env: { ...services.bffEnv, ...NO_THROTTLE } }),
    ]);
  });

  afterAll(async () => {
    await Promise.all([bff?.stop(), cachedBff?.stop()]);
    await services?.stop();
  });

  /** What the services themselves say about a product, its stock and its related products. */
  async function fromServices(id: string) {
    const product = await getJson<Product>(`${services.urls.product}/products/${id}`);
    const ids = [product.id, ...product.relatedIds].join(',');
    const [{ items: stocks }, { items: related }] = await Promise.all([
      getJson<Batch<Stock>>(`${services.urls.inventory}/inventory?productIds=${ids}`),
      getJson<Batch<Product>>(
        `${services.urls.product}/products?ids=${product.relatedIds.join(',')}`,
      ),
    ]);
    const stockOf = (productId: string) => stocks.find((stock) => stock.productId === productId);
    return { product, related, stockOf };
  }

  describe('GET /api/v1/products/{id}', () => {
    it('composes the product, its availability and its related products in relatedIds order', async () => {
      const { product, related, stockOf } = await fromServices('p-0001');
      const response = await fetch(`${bff.url}/api/v1/products/p-0001`);

      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('application/json');
      const stock = stockOf('p-0001');
      expect(await json<ProductPage>(response)).toEqual({
        product,
        availability: {
          inStock: (stock?.available ?? 0) > 0,
          available: stock?.available ?? 0,
          warehouses: stock?.warehouses ?? [],
        },
        related: product.relatedIds.flatMap((relatedId) => {
          const item = related.find((candidate) => candidate.id === relatedId);
          return item
            ? [
                {
                  id: item.id,
                  name: item.name,
                  price: item.price,
                  image: item.images[0] ?? null,
                  inStock: (stockOf(item.id)?.available ?? 0) > 0,
                },
              ]
            : [];
        }),
        meta: { degraded: [] },
      });
      expect(product.relatedIds.length).toBeGreaterThan(1);
    });

    it('makes one product call, one batch product call and one batch stock call (no N+1)', async () => {
      const { product } = await fromServices('p-0002');
      const { calls, result } = await countCalls(routes, async () => {
        const response = await fetch(`${bff.url}/api/v1/products/p-0002`);
        return { status: response.status, page: await json<ProductPage>(response) };
      });

      expect(result.status).toBe(200);
      expect(result.page.related.length).toBeGreaterThan(1);
      expect(result.page.related.length).toBe(product.relatedIds.length);
      expect(calls).toMatchObject({ productById: 1, products: 1, stockBatch: 1, stockById: 0 });
    });

    it('composes again on every request when CACHE_TTL_MS is 0', async () => {
      const { calls } = await countCalls(routes, async () => {
        for (let i = 0; i < 2; i++) await (await fetch(`${bff.url}/api/v1/products/p-0003`)).text();
      });
      expect(calls).toMatchObject({ productById: 2, products: 2, stockBatch: 2 });
    });

    it('answers an unknown product with a 404 problem that does not name the service host', async () => {
      const response = await fetch(`${bff.url}/api/v1/products/p-9999`);
      const problem = await expectProblem(response, 'BFF_ERR_UPSTREAM_NOT_FOUND');
      expectNoUpstreamDetails(JSON.stringify(problem), [services.urls.product]);
    });

    it.each([
      ['a dot in it', 'a.b'],
      ['65 characters', 'p'.repeat(65)],
      ['an encoded dot-dot segment', '%2e%2e'],
      ['an encoded slash', '..%2Fmetrics'],
      ['an encoded control character', 'p%00'],
    ])('rejects an id with %s with a 400 problem before any downstream call', async (_, id) => {
      const { calls, result } = await countCalls(routes, () =>
        rawGet(bff.url, `/api/v1/products/${id}`),
      );
      const problem = await expectProblem(result, 'BFF_ERR_VALIDATION');
      expect(problem.errors).toEqual([{ field: 'id', message: expect.any(String) }]);
      expect(calls).toMatchObject({ productById: 0, products: 0, stockBatch: 0, stockById: 0 });
    });
  });

  describe('GET /api/v1/catalog', () => {
    it('lists a page of products with their stock and first image, and the service’s cursor', async () => {
      const page = await getJson<Page<Product>>(`${services.urls.product}/products?limit=5`);
      const { items: stocks } = await getJson<Batch<Stock>>(
        `${services.urls.inventory}/inventory?productIds=${page.items.map((p) => p.id).join(',')}`,
      );
      const response = await fetch(`${bff.url}/api/v1/catalog?limit=5`);

      expect(response.status).toBe(200);
      expect(await json<CatalogPage>(response)).toEqual({
        items: page.items.map((product) => {
          const available = stocks.find((stock) => stock.productId === product.id)?.available ?? 0;
          return {
            id: product.id,
            sku: product.sku,
            name: product.name,
            category: product.category,
            price: product.price,
            rating: product.rating,
            image: product.images[0] ?? null,
            inStock: available > 0,
            available,
          };
        }),
        nextCursor: page.nextCursor,
        meta: { degraded: [] },
      });
      expect(page.nextCursor).toEqual(expect.any(String));
    });

    it('passes the cursor through to the next page', async () => {
      const first = await getJson<CatalogPage>(`${bff.url}/api/v1/catalog?limit=4`);
      const cursor = encodeURIComponent(first.nextCursor as string);
      const second = await getJson<CatalogPage>(
        `${bff.url}/api/v1/catalog?limit=4&cursor=${cursor}`,
      );
      const expected = await getJson<Page<Product>>(
        `${services.urls.product}/products?limit=4&cursor=${cursor}`,
      );

      expect(second.items.map((item) => item.id)).toEqual(expected.items.map((p) => p.id));
      expect(second.items.map((item) => item.id)).not.toContain(first.items[0].id);
    });

    it('filters by category and by text as the product service does', async () => {
      const books = await getJson<CatalogPage>(
        `${bff.url}/api/v1/catalog?category=books&limit=100`,
      );
      const expected = await getJson<Page<Product>>(
        `${services.urls.product}/products?category=books&limit=100`,
      );
      expect(books.items.length).toBeGreaterThan(0);
      expect(books.items.every((item) => item.category === 'books')).toBe(true);
      expect(books.items.map((item) => item.id)).toEqual(expected.items.map((p) => p.id));

      const word = books.items[0].name.split(/\W+/).find((part) => part.length > 3) as string;
      const found = await getJson<CatalogPage>(
        `${bff.url}/api/v1/catalog?q=${encodeURIComponent(word)}`,
      );
      const searched = await getJson<Page<Product>>(
        `${services.urls.product}/products?q=${encodeURIComponent(word)}`,
      );
      expect(found.items.map((item) => item.id)).toEqual(searched.items.map((p) => p.id));
      expect(found.items.map((item) => item.id)).toContain(books.items[0].id);
    });

    it('gives 20 items when no limit is asked for', async () => {
      const page = await getJson<CatalogPage>(`${bff.url}/api/v1/catalog`);
      expect(page.items).toHaveLength(20);
    });

    it('makes one page call and one batch stock call for a page of 50 (no N+1)', async () => {
      const { calls, result } = await countCalls(routes, () =>
        getJson<CatalogPage>(`${bff.url}/api/v1/catalog?limit=50`),
      );
      expect(result.items).toHaveLength(50);
      expect(calls).toMatchObject({ products: 1, stockBatch: 1, productById: 0, stockById: 0 });
    });

    it.each(['0', '101', 'abc', '1.5', '-1'])(
      'rejects limit=%s with a 400 problem before any downstream call',
      async (limit) => {
        const { calls, result } = await countCalls(routes, () =>
          fetch(`${bff.url}/api/v1/catalog?limit=${limit}`),
        );
        const problem = await expectProblem(result, 'BFF_ERR_VALIDATION');
        expect(problem.errors?.map((error) => error.field)).toContain('limit');
        expect(calls).toMatchObject({ products: 0, stockBatch: 0 });
      },
    );

    it('answers a cursor the product service did not issue with a 400 problem', async () => {
      const response = await fetch(`${bff.url}/api/v1/catalog?cursor=not-a-real-cursor`);
      const problem = await expectProblem(response, 'BFF_ERR_UPSTREAM_REJECTED', 400);
      expectNoUpstreamDetails(JSON.stringify(problem), [services.urls.product]);
    });
  });

  describe('with the cache on (CACHE_TTL_MS default)', () => {
    it('serves a second identical product page from the cache with Cache-Control public, max-age=30', async () => {
      const url = `${cachedBff.url}/api/v1/products/p-0042`;
      const first = await fetch(url);
      const firstBody = await first.text();
      expect(first.status).toBe(200);
      expect(first.headers.get('cache-control')).toBe('public, max-age=30');

      const hits = () =>
        metricCount(cachedBff.url, 'bff_cache_hits_total', { cache: 'product-page' });
      const hitsBefore = await hits();
      const { calls, result } = await countCalls(routes, async () => {
        const response = await fetch(url);
        return { response, body: await response.text() };
      });

      expect(result.response.status).toBe(200);
      expect(result.response.headers.get('cache-control')).toBe('public, max-age=30');
      expect(result.body).toBe(firstBody);
      expect(calls).toMatchObject({ productById: 0, products: 0, stockBatch: 0, stockById: 0 });
      expect((await hits()) - hitsBefore).toBe(1);
    });

    it('serves a second identical catalog page from the cache', async () => {
      const url = `${cachedBff.url}/api/v1/catalog?category=garden&limit=7`;
      const firstBody = await (await fetch(url)).text();
      const { calls, result } = await countCalls(routes, async () => {
        const response = await fetch(url);
        return { response, body: await response.text() };
      });

      expect(result.response.status).toBe(200);
      expect(result.response.headers.get('cache-control')).toBe('public, max-age=30');
      expect(result.body).toBe(firstBody);
      expect(calls).toMatchObject({ products: 0, stockBatch: 0 });
    });

    it('keeps a different query apart from a cached one', async () => {
      await (await fetch(`${cachedBff.url}/api/v1/catalog?category=garden&limit=3`)).text();
      const { calls } = await countCalls(routes, () =>
        getJson(`${cachedBff.url}/api/v1/catalog?category=garden&limit=2`),
      );
      expect(calls).toMatchObject({ products: 1, stockBatch: 1 });
    });

    it('makes one set of downstream calls for concurrent misses of one page', async () => {
      const { calls, result } = await countCalls(routes, () =>
        Promise.all(
          Array.from({ length: 5 }, async () => {
            const response = await fetch(`${cachedBff.url}/api/v1/products/p-0077`);
            return { status: response.status, body: await response.text() };
          }),
        ),
      );
      expect(result.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
      expect(new Set(result.map((r) => r.body)).size).toBe(1);
      expect(calls).toMatchObject({ productById: 1, products: 1, stockBatch: 1 });
    });
  });

  describe('request ids', () => {
    it('keeps a valid X-Request-Id, returns it, logs it and forwards it to each service', async () => {
      const requestId = `e2e-keep.${Date.now()}`;
      const response = await fetch(`${bff.url}/api/v1/products/p-0005`, {
        headers: { 'x-request-id': requestId },
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('x-request-id')).toBe(requestId);
      await response.text();

      const ours = (log: { requestId?: string }) => log.requestId === requestId;
      await expect(
        services.apps.product.waitForLog((log) => ours(log) && log.route === '/products/:id'),
      ).resolves.toBeDefined();
      await expect(
        services.apps.product.waitForLog((log) => ours(log) && log.route === '/products'),
      ).resolves.toBeDefined();
      await expect(
        services.apps.inventory.waitForLog((log) => ours(log) && log.route === '/inventory'),
      ).resolves.toBeDefined();
      expect(
        await bff.waitForLog((log) => ours(log) && log.route === '/api/v1/products/:id'),
      ).toMatchObject({ res: { status: 200 }, durationMs: expect.any(Number) });
    });

    it.each([
      ['a missing one', undefined],
      ['one with a space', 'not valid'],
      ['one of 129 characters', 'r'.repeat(129)],
    ])('makes a new id for %s and forwards that', async (_, incoming) => {
      const response = await fetch(`${bff.url}/api/v1/products/p-0006`, {
        headers: incoming ? { 'x-request-id': incoming } : {},
      });
      await response.text();
      const requestId = response.headers.get('x-request-id') as string;
      expect(requestId).toMatch(/^[A-Za-z0-9._-]{1,128}$/);
      expect(requestId).not.toBe(incoming);
      await expect(
        services.apps.product.waitForLog((log) => log.requestId === requestId),
      ).resolves.toBeDefined();
    });

    it('puts the request id in problem bodies', async () => {
      const response = await fetch(`${bff.url}/api/v1/products/p-9998`, {
        headers: { 'x-request-id': 'e2e-problem-1' },
      });
      expect((await expectProblem(response, 'BFF_ERR_UPSTREAM_NOT_FOUND')).requestId).toBe(
        'e2e-problem-1',
      );
    });
  });

  describe('logs', () => {
    it('are JSON on every stdout line and never hold the bearer token of a request', async () => {
      const token = await services.token('alice');
      const response = await fetch(`${bff.url}/api/v1/products/p-0007`, {
        headers: { authorization: `Bearer ${token}`, 'x-request-id': 'e2e-logs-1' },
      });
      expect(response.status).toBe(200);
      await response.text();
      await bff.waitForLog((log) => log.requestId === 'e2e-logs-1' && log.res?.status === 200);

      expect(bff.lines.length).toBeGreaterThan(10);
      for (const line of bff.lines) {
        expect(() => JSON.parse(line)).not.toThrow();
        expect(JSON.parse(line)).toEqual(expect.objectContaining({ level: expect.any(Number) }));
      }
      expect(bff.logs).toHaveLength(bff.lines.length);
      const signature = token.split('.')[2];
      expect(bff.lines.filter((line) => line.includes(signature))).toEqual([]);
    });
  });

  describe('operations', () => {
    it('is live and ready while the services answer', async () => {
      expect((await fetch(`${bff.url}/health/live`)).status).toBe(200);
      expect((await fetch(`${bff.url}/health/ready`)).status).toBe(200);
    });

    it('exposes request and upstream latency, cache and circuit metrics', async () => {
      // A miss, then a hit.
      for (let i = 0; i < 2; i++) {
        await (await fetch(`${cachedBff.url}/api/v1/products/p-0050`)).text();
      }
      const response = await fetch(`${cachedBff.url}/metrics`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/plain');
      const text = await response.text();
      for (const type of [
        'bff_http_request_duration_seconds histogram',
        'bff_upstream_request_duration_seconds histogram',
        'bff_cache_hits_total counter',
        'bff_cache_misses_total counter',
        'bff_upstream_circuit_state gauge',
        'bff_rate_limited_total counter',
      ]) {
        expect(text).toContain(`# TYPE ${type}`);
      }
      expect(text).toMatch(
        /^bff_http_request_duration_seconds_count\{.*route="\/api\/v1\/products\/:id"/m,
      );
      expect(text).toMatch(/^bff_upstream_request_duration_seconds_count\{.*service="product"/m);
      expect(text).toMatch(/^bff_cache_hits_total\{cache="product-page"\} [1-9]/m);
      expect(text).toMatch(/^bff_cache_misses_total\{cache="product-page"\} [1-9]/m);
      expect(text).toMatch(/^bff_upstream_circuit_state\{service="product"\} 0$/m);
    });

    it('serves Swagger UI at /docs', async () => {
      const response = await fetch(`${bff.url}/docs`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/html');
      expect(await response.text()).toContain('swagger');
    });

    it('documents every /api/v1 route with its answer and its problems in OpenAPI 3 at /docs-json', async () => {
      const document = await getJson<{
        openapi: string;
        paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
      }>(`${bff.url}/docs-json`);
      expect(document.openapi).toMatch(/^3\./);
      expect(Object.keys(document.paths)).toEqual(
        expect.arrayContaining(['/api/v1/products/{id}', '/api/v1/catalog']),
      );
      for (const [path, operations] of Object.entries(document.paths)) {
        if (!path.startsWith('/api/v1/')) continue;
        for (const [method, operation] of Object.entries(operations)) {
          const statuses = Object.keys(operation.responses);
          expect({
            route: `${method} ${path}`,
            success: statuses.some((s) => /^2/.test(s)),
          }).toEqual({ route: `${method} ${path}`, success: true });
          expect({ route: `${method} ${path}`, statuses }).toEqual({
            route: `${method} ${path}`,
            statuses: expect.arrayContaining(['400', '502', '503', '504']),
          });
        }
      }
    });

    it('allows CORS for the configured origin only', async () => {
      const allowed = await fetch(`${bff.url}/api/v1/products/p-0001`, {
        headers: { origin: ALLOWED_ORIGIN },
      });
      expect(allowed.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
      expect(allowed.headers.get('access-control-expose-headers')).toContain('x-request-id');

      const other = await fetch(`${bff.url}/api/v1/products/p-0001`, {
        headers: { origin: 'https://evil.example' },
      });
      expect(other.status).toBe(200);
      expect(other.headers.get('access-control-allow-origin')).toBeNull();

      const preflight = await fetch(`${bff.url}/api/v1/catalog`, {
        method: 'OPTIONS',
        headers: { origin: ALLOWED_ORIGIN, 'access-control-request-method': 'GET' },
      });
      expect(preflight.status).toBeLessThan(300);
      expect(preflight.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
      const deniedPreflight = await fetch(`${bff.url}/api/v1/catalog`, {
        method: 'OPTIONS',
        headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' },
      });
      expect(deniedPreflight.headers.get('access-control-allow-origin')).toBeNull();
    });
  });

  describe('when its product service is slow, then gone', () => {
    let slowProduct: ProcessApp;
    /** Stopped with SIGTERM while a request is in flight. */
    let draining: ProcessApp;
    /** Watches readiness as the product service goes away. */
    let observer: ProcessApp;

    beforeAll(async () => {
      slowProduct = await startProcessApp('product-service', {
        env: { FAULT_DELAY_MS: '1500', FAULT_ROUTES: '/products' },
      });
      const env = {
        ...services.bffEnv,
        ...NO_THROTTLE,
        CACHE_TTL_MS: '0',
        PRODUCT_SERVICE_URL: slowProduct.url,
        UPSTREAM_TIMEOUT_MS: '5000',
      };
      [draining, observer] = await Promise.all([
        startProcessApp('web-bff', { env }),
        startProcessApp('web-bff', { env }),
      ]);
    });

    afterAll(async () => {
      await Promise.all([draining?.stop(), observer?.stop(), slowProduct?.stop()]);
    });

    it('finishes a request in flight on SIGTERM with 200, refuses new ones, and exits 0', async () => {
      const inFlight = fetch(`${draining.url}/api/v1/products/p-0010`, {
        headers: { 'x-request-id': 'e2e-in-flight' },
      });
      // Well inside the product service's 1.5 s delay: the request is waiting on it.
      await delay(400);
      const exited = draining.stop('SIGTERM');
      await draining.waitForLog((log) => /SIGTERM received/.test(log.msg ?? ''));

      const late = await fetch(`${draining.url}/health/live`).then(
        (response) => response.status,
        () => 'refused',
      );
      expect([503, 'refused']).toContain(late);

      const response = await inFlight;
      expect(response.status).toBe(200);
      expect((await json<ProductPage>(response)).product.id).toBe('p-0010');
      expect(await exited).toEqual({ code: 0, signal: null });

      const sigterm = draining.logs.findIndex((log) => /SIGTERM received/.test(log.msg ?? ''));
      const served = draining.logs.findIndex((log) => log.requestId === 'e2e-in-flight');
      expect(sigterm).toBeGreaterThanOrEqual(0);
      expect(served).toBeGreaterThan(sigterm);
    });

    it('turns /health/ready to 503 once the product service is stopped', async () => {
      expect((await fetch(`${observer.url}/health/ready`)).status).toBe(200);
      expect(await slowProduct.stop()).toEqual({ code: 0, signal: null });

      const response = await fetch(`${observer.url}/health/ready`);
      await expectProblem(response, 'BFF_ERR_NOT_READY');
      expect((await fetch(`${observer.url}/health/live`)).status).toBe(200);
    });
  });
});
