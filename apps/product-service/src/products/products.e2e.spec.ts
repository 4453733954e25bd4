import { request as httpRequest } from 'node:http';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '@bff/platform-bootstrap';
import type { ProblemDetails } from '@bff/util-errors';
import type { Batch, Page, Product } from '@bff/util-models';
import { PRODUCT_CATEGORIES, productId, seedProducts } from '@bff/services/util-seed';
import { AppModule } from '../app/app.module';
import { productServiceOptions } from '../app/app.options';

const catalogue = seedProducts();

async function startApp(environment: Record<string, string> = {}) {
  const app = await createApp(AppModule, {
    ...productServiceOptions,
    environment: { LOG_LEVEL: 'silent', ...environment },
  });
  await app.listen(0, '127.0.0.1');
  return { app, base: await app.getUrl() };
}

/** Sends the path byte for byte: fetch would normalise dot segments before they reach the app. */
function rawGet(base: string, path: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ hostname, port, path, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function json<T>(response: Response | Promise<Response>): Promise<T> {
  return (await (await response).json()) as T;
}

async function expectProblem(response: Response, status: number): Promise<ProblemDetails> {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toContain('application/problem+json');
  const body = await json<ProblemDetails>(response);
  expect(body).toMatchObject({ status, requestId: expect.any(String), type: expect.any(String) });
  return body;
}

describe('product-service', () => {
  let app: NestFastifyApplication;
  let base: string;

  beforeAll(async () => ({ app, base } = await startApp()));
  afterAll(() => app.close());

  const get = (path: string) => fetch(base + path);

  async function collectPages(query: string, limit: number): Promise<Product[][]> {
    const pages: Product[][] = [];
    let cursor: string | null = null;
    do {
      const suffix: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const response = await get(`/products?${query}&limit=${limit}${suffix}`);
      expect(response.status).toBe(200);
      const page = await json<Page<Product>>(response);
      pages.push(page.items);
      cursor = page.nextCursor;
      expect(pages.length).toBeLessThanOrEqual(catalogue.length);
    } while (cursor !== null);
    return pages;
  }

  describe('GET /products/{id}', () => {
    it('returns the product', async () => {
      const response = await get('/products/p-0001');
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('application/json');
      expect(await response.json()).toEqual(catalogue.find((p) => p.id === 'p-0001'));
    });

    it('answers 404 problem+json for an unknown id', async () => {
      const body = await expectProblem(await get('/products/p-9999'), 404);
      expect(body.code).toBe('BFF_ERR_NOT_FOUND');
    });

    it.each(['p.0001', 'p%200001', 'a'.repeat(65), '%C3%A9', 'p-0001%2F..%2Fhealth'])(
      'answers 400 for the invalid id %s',
      async (id) => {
        const body = await expectProblem(await get(`/products/${id}`), 400);
        expect(body.errors).toEqual([{ field: 'id', message: expect.any(String) }]);
      },
    );

    it.each([
      '/products/../health/live',
      '/products/%2E%2E/health/live',
      '/products/p-0001/../../metrics',
      '/products/..%2Fhealth%2Flive',
      '/products/p-0001%00',
    ])('never lets %s reach another route', async (path) => {
      const { status, body } = await rawGet(base, path);
      expect([400, 404]).toContain(status);
      expect(JSON.parse(body)).toMatchObject({ status, requestId: expect.any(String) });
    });
  });

  describe('GET /products?ids=', () => {
    it('returns the known products in the order asked for and leaves unknown ids out', async () => {
      const response = await get('/products?ids=p-0003,p-9999,p-0001,p-0003');
      expect(response.status).toBe(200);
      const body = await json<Batch<Product>>(response);
      expect(body).toEqual({
        items: ['p-0003', 'p-0001'].map((id) => catalogue.find((p) => p.id === id)),
      });
      expect(body).not.toHaveProperty('nextCursor');
    });

    it('returns an empty batch when no id is known', async () => {
      expect(await json(get('/products?ids=nope,p-9999'))).toEqual({ items: [] });
    });

    it('takes up to 100 ids', async () => {
      const ids = Array.from({ length: 100 }, (_, i) => productId(i + 1));
      const body = await json<Batch<Product>>(get(`/products?ids=${ids.join(',')}`));
      expect(body.items.map((p) => p.id)).toEqual(ids);
    });

    it('refuses 101 ids', async () => {
      const ids = Array.from({ length: 101 }, (_, i) => productId(i + 1));
      const body = await expectProblem(await get(`/products?ids=${ids.join(',')}`), 400);
      expect(body.errors?.map((e) => e.field)).toContain('ids');
    });

    it.each(['', 'p-0001,,p-0002', 'p-0001,../x', 'p 1'])('refuses ids=%s', async (ids) => {
      await expectProblem(await get(`/products?ids=${encodeURIComponent(ids)}`), 400);
    });

    it.each(['limit=5', 'category=books', 'q=tea', 'cursor=abc'])(
      'refuses ids together with %s',
      async (paging) => {
        const body = await expectProblem(await get(`/products?ids=p-0001&${paging}`), 400);
        expect(body.errors?.[0].field).toBe(paging.split('=')[0]);
      },
    );
  });

  describe('GET /products (pages)', () => {
    it('returns the first 20 products and a cursor by default', async () => {
      const body = await json<Page<Product>>(get('/products'));
      expect(body.items).toEqual(catalogue.slice(0, 20));
      expect(body.nextCursor).toEqual(expect.any(String));
    });

    it('walks the whole catalogue once, in order, ending with a null cursor', async () => {
      const pages = await collectPages('', 100);
      expect(pages.map((page) => page.length)).toEqual([100, 100, catalogue.length - 200]);
      expect(pages.flat()).toEqual(catalogue);
    });

    it('walks one category to the end, every item exactly once', async () => {
      const category = PRODUCT_CATEGORIES[2];
      const expected = catalogue.filter((p) => p.category === category);
      const pages = await collectPages(`category=${category}`, 7);
      const seen = pages.flat();
      expect(pages.length).toBe(Math.ceil(expected.length / 7));
      expect(pages.slice(0, -1).every((page) => page.length === 7)).toBe(true);
      expect(seen.map((p) => p.id)).toEqual(expected.map((p) => p.id));
      expect(new Set(seen.map((p) => p.id)).size).toBe(seen.length);
    });

    it('returns null as nextCursor when the page ends exactly at the last item', async () => {
      const category = PRODUCT_CATEGORIES[0];
      const count = catalogue.filter((p) => p.category === category).length;
      const body = await json<Page<Product>>(get(`/products?category=${category}&limit=${count}`));
      expect(body.items).toHaveLength(count);
      expect(body.nextCursor).toBeNull();
    });

    it('finds text in names and descriptions regardless of case', async () => {
      const expected = catalogue.filter((p) =>
        `${p.name}\n${p.description}`.toLowerCase().includes('kettle'),
      );
      expect(expected.length).toBeGreaterThan(0);
      const seen = (await collectPages('q=KeTtLe', 3)).flat();
      expect(seen.map((p) => p.id)).toEqual(expected.map((p) => p.id));
    });

    it('combines category and text', async () => {
      const body = await json<Page<Product>>(get('/products?category=books&q=edition&limit=100'));
      expect(body.items.length).toBeGreaterThan(0);
      for (const product of body.items) {
        expect(product.category).toBe('books');
        expect(`${product.name} ${product.description}`.toLowerCase()).toContain('edition');
      }
    });

    it('treats empty filters as absent', async () => {
      const body = await json<Page<Product>>(get('/products?category=&q=&limit=5'));
      expect(body.items).toEqual(catalogue.slice(0, 5));
    });

    it('returns an empty last page for an unknown category', async () => {
      expect(await json(get('/products?category=spaceships'))).toEqual({
        items: [],
        nextCursor: null,
      });
    });

    it.each(['0', '101', 'abc', '1.5', '-1', '1e1', ''])('refuses limit=%s', async (limit) => {
      const body = await expectProblem(await get(`/products?limit=${limit}`), 400);
      expect(body.errors?.map((e) => e.field)).toContain('limit');
    });

    it('refuses a forged cursor', async () => {
      const forged = Buffer.from(JSON.stringify({ v: 1, s: 'x', p: { after: 'p-0100' } })).toString(
        'base64url',
      );
      for (const cursor of [forged, 'garbage', 'eyJ2IjoxfQ']) {
        const body = await expectProblem(await get(`/products?cursor=${cursor}`), 400);
        expect(body.errors).toEqual([{ field: 'cursor', message: expect.any(String) }]);
      }
    });

    it('refuses a cursor issued for another query', async () => {
      const first = await json<Page<Product>>(get('/products?category=books&limit=2'));
      const path = `/products?category=garden&limit=2&cursor=${first.nextCursor}`;
      await expectProblem(await get(path), 400);
    });

    it('refuses unknown query parameters', async () => {
      await expectProblem(await get('/products?sort=price'), 400);
    });

    it.each(['/products?q=%E0%A4%A', '/products?category=%', '/products?q=%FF'])(
      'answers 400 problem+json, not 500, for malformed percent-encoding in %s',
      async (path) => {
        const { status, body } = await rawGet(base, path);
        expect(status).toBe(400);
        expect(JSON.parse(body)).toMatchObject({ status: 400, requestId: expect.any(String) });
      },
    );
  });

  describe('operations', () => {
    it('documents its routes in OpenAPI', async () => {
      const document = await json<{ paths: Record<string, unknown> }>(get('/docs-json'));
      expect(Object.keys(document.paths)).toEqual(
        expect.arrayContaining(['/products', '/products/{id}']),
      );
    });

    it('answers health checks', async () => {
      expect((await get('/health/live')).status).toBe(200);
      expect((await get('/health/ready')).status).toBe(200);
    });
  });
});

describe('product-service with faults injected', () => {
  let app: NestFastifyApplication;
  let base: string;

  afterEach(() => app.close());

  it('fails product routes with 503 at an error rate of 1, but not health checks', async () => {
    ({ app, base } = await startApp({ FAULT_ERROR_RATE: '1' }));
    await expectProblem(await fetch(`${base}/products/p-0001`), 503);
    await expectProblem(await fetch(`${base}/products?limit=1`), 503);
    expect((await fetch(`${base}/health/ready`)).status).toBe(200);
  });

  it('answers product routes only after the configured delay', async () => {
    ({ app, base } = await startApp({ FAULT_DELAY_MS: '300', FAULT_ROUTES: '/products' }));
    const started = performance.now();
    expect((await fetch(`${base}/products/p-0001`)).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(295);
  });
});
