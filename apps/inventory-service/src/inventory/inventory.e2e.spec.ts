import { request as httpRequest } from 'node:http';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '@bff/platform-bootstrap';
import type { ProblemDetails } from '@bff/util-errors';
import type { Batch, Stock } from '@bff/util-models';
import { productId, seedProducts, seedStock } from '@bff/services/util-seed';
import { AppModule } from '../app/app.module';
import { inventoryServiceOptions } from '../app/app.options';

const stock = seedStock();
const stockOf = new Map(stock.map((s) => [s.productId, s]));
const inStock = present(stock.find((s) => s.available > 0));
const outOfStock = present(stock.find((s) => s.available === 0));
const withoutRecord = present(seedProducts().find((p) => !stockOf.has(p.id))).id;

/** The seed guarantees each kind of record the tests need; fail loudly if it stops doing so. */
function present<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('The seed data lack a record this suite relies on');
  return value;
}

async function startApp(environment: Record<string, string> = {}) {
  const app = await createApp(AppModule, {
    ...inventoryServiceOptions,
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

describe('inventory-service', () => {
  let app: NestFastifyApplication;
  let base: string;

  beforeAll(async () => ({ app, base } = await startApp()));
  afterAll(() => app.close());

  const get = (path: string) => fetch(base + path);

  describe('GET /inventory/{productId}', () => {
    it('returns the stock of a product in stock', async () => {
      const response = await get(`/inventory/${inStock.productId}`);
      expect(response.status).toBe(200);
      const body = await json<Stock>(response);
      expect(body).toEqual(inStock);
      expect(body.warehouses.reduce((sum, w) => sum + w.available, 0)).toBe(body.available);
    });

    it('returns a zero stock for a product out of stock', async () => {
      const body = await json<Stock>(get(`/inventory/${outOfStock.productId}`));
      expect(body).toEqual(outOfStock);
      expect(body.available).toBe(0);
    });

    it('answers 404 problem+json for a product without a stock record', async () => {
      const body = await expectProblem(await get(`/inventory/${withoutRecord}`), 404);
      expect(body.code).toBe('BFF_ERR_NOT_FOUND');
    });

    it('answers 404 for an id no product has', async () => {
      await expectProblem(await get('/inventory/p-9999'), 404);
    });

    it.each(['p.0001', 'p%200001', 'x'.repeat(65), 'p-0001%2F..%2Fhealth'])(
      'answers 400 for the invalid id %s',
      async (id) => {
        const body = await expectProblem(await get(`/inventory/${id}`), 400);
        expect(body.errors).toEqual([{ field: 'productId', message: expect.any(String) }]);
      },
    );

    it.each([
      '/inventory/../health/live',
      '/inventory/%2E%2E/metrics',
      '/inventory/p-0001/../../health/ready',
      '/inventory/..%2Fmetrics',
    ])('never lets %s reach another route', async (path) => {
      const { status, body } = await rawGet(base, path);
      expect([400, 404]).toContain(status);
      expect(JSON.parse(body)).toMatchObject({ status, requestId: expect.any(String) });
    });
  });

  describe('GET /inventory?productIds=', () => {
    it('returns the records asked for, in order, leaving out ids without stock', async () => {
      const ids = [outOfStock.productId, withoutRecord, 'p-9999', inStock.productId];
      const response = await get(`/inventory?productIds=${ids.join(',')}`);
      expect(response.status).toBe(200);
      expect(await json(response)).toEqual({ items: [outOfStock, inStock] });
    });

    it('lists a repeated id once', async () => {
      const ids = [inStock.productId, inStock.productId].join(',');
      expect(await json(get(`/inventory?productIds=${ids}`))).toEqual({ items: [inStock] });
    });

    it('takes up to 100 ids', async () => {
      const ids = Array.from({ length: 100 }, (_, i) => productId(i + 1));
      const body = await json<Batch<Stock>>(get(`/inventory?productIds=${ids.join(',')}`));
      expect(body.items.map((s) => s.productId)).toEqual(ids.filter((id) => stockOf.has(id)));
    });

    it('refuses 101 ids', async () => {
      const ids = Array.from({ length: 101 }, (_, i) => productId(i + 1));
      const body = await expectProblem(await get(`/inventory?productIds=${ids.join(',')}`), 400);
      expect(body.errors?.map((e) => e.field)).toContain('productIds');
    });

    it.each(['/inventory', '/inventory?productIds=', '/inventory?productIds=p-0001,,p-0002'])(
      'refuses %s',
      async (path) => {
        const body = await expectProblem(await get(path), 400);
        expect(body.errors?.map((e) => e.field)).toContain('productIds');
      },
    );

    it('refuses an id with characters outside the id pattern', async () => {
      await expectProblem(
        await get(`/inventory?productIds=${encodeURIComponent('p-1,../x')}`),
        400,
      );
    });

    it('refuses unknown query parameters', async () => {
      await expectProblem(await get('/inventory?productIds=p-0001&limit=5'), 400);
    });

    it('answers 400 problem+json, not 500, for malformed percent-encoding', async () => {
      const { status, body } = await rawGet(base, '/inventory?productIds=%E0%A4%A');
      expect(status).toBe(400);
      expect(JSON.parse(body)).toMatchObject({ status: 400, requestId: expect.any(String) });
    });
  });

  describe('operations', () => {
    it('documents its routes in OpenAPI', async () => {
      const document = await json<{ paths: Record<string, unknown> }>(get('/docs-json'));
      expect(Object.keys(document.paths)).toEqual(
        expect.arrayContaining(['/inventory', '/inventory/{productId}']),
      );
    });

    it('answers health checks', async () => {
      expect((await get('/health/live')).status).toBe(200);
      expect((await get('/health/ready')).status).toBe(200);
    });
  });
});

describe('inventory-service with faults injected', () => {
  let app: NestFastifyApplication;
  let base: string;

  afterEach(() => app.close());

  it('fails stock routes with 503 at an error rate of 1, but not health checks', async () => {
    ({ app, base } = await startApp({ FAULT_ERROR_RATE: '1' }));
    await expectProblem(await fetch(`${base}/inventory/${inStock.productId}`), 503);
    await expectProblem(await fetch(`${base}/inventory?productIds=p-0001`), 503);
    expect((await fetch(`${base}/health/live`)).status).toBe(200);
    expect((await fetch(`${base}/metrics`)).status).toBe(200);
  });

  it('answers stock routes only after the configured delay', async () => {
    ({ app, base } = await startApp({ FAULT_DELAY_MS: '300' }));
    const started = performance.now();
    expect((await fetch(`${base}/inventory/${inStock.productId}`)).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(295);
  });
});
