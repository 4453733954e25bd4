import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  hasBuiltApps,
  metricCount,
  type ProcessApp,
  type ReferenceServices,
  startProcessApp,
  startReferenceServices,
} from './process-stack';

const REFERENCE_APPS = [
  'identity-service',
  'product-service',
  'inventory-service',
  'order-service',
];
const REQUESTS = 'bff_http_request_duration_seconds_count';

describe('metricCount', () => {
  let server: Server;
  let url: string;

  beforeAll(async () => {
    server = createServer((request, response) => {
      response.setHeader('content-type', 'text/plain; version=0.0.4');
      response.end(
        [
          '# HELP bff_http_request_duration_seconds request latency',
          '# TYPE bff_http_request_duration_seconds histogram',
          'bff_http_request_duration_seconds_count{method="GET",route="/products/:id",status="200"} 3',
          'bff_http_request_duration_seconds_count{method="GET",route="/products/:id",status="404"} 2',
          'bff_http_request_duration_seconds_count{method="GET",route="/products",status="200"} 7',
          'bff_http_request_duration_seconds_count_extra{method="GET"} 100',
          'bff_odd_label_total{detail="a \\"quoted\\", b"} 5',
          'bff_unlabelled_total 4',
          '',
        ].join('\n'),
      );
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise((done) => server.close(done)));

  it('reads the value of the one sample with exactly those labels', async () => {
    await expect(
      metricCount(url, REQUESTS, { method: 'GET', route: '/products/:id', status: '200' }),
    ).resolves.toBe(3);
  });

  it('sums the samples that match a subset of the labels', async () => {
    await expect(metricCount(url, REQUESTS, { route: '/products/:id' })).resolves.toBe(5);
    await expect(metricCount(url, REQUESTS)).resolves.toBe(12);
  });

  it('answers 0 for a sample that is absent', async () => {
    await expect(metricCount(url, REQUESTS, { route: '/orders' })).resolves.toBe(0);
    await expect(metricCount(url, 'bff_missing_total')).resolves.toBe(0);
  });

  it('reads escaped label values and samples without labels', async () => {
    await expect(
      metricCount(url, 'bff_odd_label_total', { detail: 'a "quoted", b' }),
    ).resolves.toBe(5);
    await expect(metricCount(url, 'bff_unlabelled_total')).resolves.toBe(4);
  });
});

describe('without a build', () => {
  const savedCi = process.env['CI'];

  afterEach(() => {
    if (savedCi === undefined) delete process.env['CI'];
    else process.env['CI'] = savedCi;
  });

  it('fails fast and says how to build', async () => {
    await expect(startProcessApp('no-such-app')).rejects.toThrow(
      /dist\/apps\/no-such-app\/main\.js is missing: run `npx nx run-many -t build` first/,
    );
  });

  it('lets a suite skip locally', () => {
    delete process.env['CI'];
    expect(hasBuiltApps('product-service', 'no-such-app')).toBe(false);
  });

  it('fails the suite in CI with the build command', () => {
    process.env['CI'] = 'true';
    expect(() => hasBuiltApps('no-such-app')).toThrow(/run `npx nx run-many -t build` first/);
  });
});

// In CI a missing build fails this file with the build hint; locally it skips.
const describeBuilt = hasBuiltApps(...REFERENCE_APPS) ? describe : describe.skip;

describeBuilt('startProcessApp', () => {
  let product: ProcessApp;

  beforeAll(async () => {
    product = await startProcessApp('product-service');
  }, 30_000);

  afterAll(() => product?.stop('SIGKILL'));

  it('answers on the port it bound and reports it as its url', async () => {
    expect(product.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(product.url).not.toBe('http://127.0.0.1:3101');
    const response = await fetch(`${product.url}/products/p-0001`);
    expect(response.status).toBe(200);
    expect(((await response.json()) as { id: string }).id).toBe('p-0001');
  });

  it('keeps every stdout line, each of them JSON', async () => {
    expect(product.lines.length).toBeGreaterThan(0);
    expect(product.logs).toHaveLength(product.lines.length);
  });

  it('finds the request log line with the request id', async () => {
    const requestId = `process-stack-${Date.now()}`;
    await fetch(`${product.url}/products/p-0002`, { headers: { 'x-request-id': requestId } });
    const log = await product.waitForLog((entry) => entry.requestId === requestId);
    expect(log).toMatchObject({ route: '/products/:id', res: { status: 200 } });
  });

  it('rejects waitForLog when no line matches in time', async () => {
    await expect(product.waitForLog((entry) => entry.msg === 'never written', 100)).rejects.toThrow(
      /no matching log line within 100 ms/,
    );
  });

  it('counts the calls the app served in its metrics', async () => {
    const calls = () =>
      metricCount(product.url, REQUESTS, { route: '/products/:id', status: '404' });
    const before = await calls();
    await fetch(`${product.url}/products/p-9999`);
    await fetch(`${product.url}/products/p-9998`);
    expect((await calls()) - before).toBe(2);
  });

  it('drains and exits 0 on SIGTERM', async () => {
    const app = await startProcessApp('product-service');
    expect(await app.stop()).toEqual({ code: 0, signal: null });
    await app.waitForLog((entry) => entry.msg === 'SIGTERM received: draining', 0);
    await expect(fetch(`${app.url}/health/live`)).rejects.toThrow();
  }, 30_000);

  it('reports a start-up failure with the app output', async () => {
    await expect(
      startProcessApp('product-service', { env: { PORT: 'not-a-port' } }),
    ).rejects.toThrow(/product-service did not start: exited \(1\) before listening[\s\S]*PORT/);
  }, 30_000);
});

describeBuilt('startReferenceServices', () => {
  let services: ReferenceServices;

  beforeAll(async () => {
    services = await startReferenceServices();
  }, 60_000);

  afterAll(() => services?.stop());

  it('lets a demo user read their orders from order-service with a fresh token', async () => {
    const token = await services.token('alice');
    const response = await fetch(`${services.urls.order}/orders?limit=1`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
    const page = (await response.json()) as { items: { userId: string }[] };
    expect(page.items).toHaveLength(1);
  });

  it('wires order-service to the started product-service for prices', async () => {
    const token = await services.token('bob');
    const calls = () =>
      metricCount(services.urls.product, REQUESTS, { route: '/products', status: '200' });
    const before = await calls();
    const response = await fetch(`${services.urls.order}/orders`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'idempotency-key': `process-stack-${Date.now()}`,
      },
      body: JSON.stringify({ lines: [{ productId: 'p-0001', quantity: 1 }] }),
    });
    expect(response.status).toBe(201);
    expect((await calls()) - before).toBe(1);
  });

  it('gives a BFF the urls and issuer of the started services', () => {
    expect(services.bffEnv).toEqual({
      AUTH_ISSUER: services.urls.identity,
      AUTH_JWKS_URI: `${services.urls.identity}/.well-known/jwks.json`,
      INVENTORY_SERVICE_URL: services.urls.inventory,
      ORDER_SERVICE_URL: services.urls.order,
      PRODUCT_SERVICE_URL: services.urls.product,
    });
  });

  it('refuses a token for bad credentials', async () => {
    await expect(services.token('alice', 'wrong')).rejects.toThrow(/answered 401/);
  });
});
