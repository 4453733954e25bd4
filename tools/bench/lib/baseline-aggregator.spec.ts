import type { Server } from 'node:http';
import { createBaselineServer } from './baseline-aggregator.mjs';
import { PRODUCTS, STOCK } from './catalogue.mjs';
import { perRequest } from './downstream-calls.mjs';
import { startUpstreamFakes } from './upstream-fakes.mjs';

interface ProductPage {
  product: unknown;
  availability: unknown;
  related: { id: string }[];
  meta: unknown;
}

describe('the baseline aggregator over the upstream fakes', () => {
  let fakes: Awaited<ReturnType<typeof startUpstreamFakes>>;
  let server: Server;
  let base: string;

  beforeAll(async () => {
    fakes = await startUpstreamFakes();
    server = createBaselineServer(fakes.urls);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await fakes.close();
  });

  beforeEach(() => fakes.reset());

  it('answers the web product page: product, availability and related products with their stock', async () => {
    const product = PRODUCTS[1];
    const stock = STOCK[1];

    const response = await fetch(`${base}/api/v1/products/${product.id}`);
    const page = (await response.json()) as ProductPage;

    expect(response.status).toBe(200);
    expect(page.product).toEqual(product);
    expect(page.availability).toEqual({
      inStock: stock.available > 0,
      available: stock.available,
      warehouses: stock.warehouses,
    });
    expect(page.related.map((item) => item.id)).toEqual(product.relatedIds);
    const first = PRODUCTS.find((candidate) => candidate.id === product.relatedIds[0]);
    expect(page.related[0]).toEqual({
      id: first?.id,
      name: first?.name,
      price: first?.price,
      image: first?.images[0],
      inStock: (STOCK.find((s) => s.productId === first?.id)?.available ?? 0) > 0,
    });
    expect(page.meta).toEqual({ degraded: [] });
  });

  it('makes the contract’s three calls per page: the product, one batch of products, one batch of stock', async () => {
    await fetch(`${base}/api/v1/products/p-0007`).then((response) => response.arrayBuffer());

    expect(perRequest(fakes.counts(), 1)).toEqual([
      { service: 'inventory', route: 'GET /inventory?productIds=', calls: 1, idsPerCall: 5 },
      { service: 'product', route: 'GET /products/{id}', calls: 1, idsPerCall: 0 },
      { service: 'product', route: 'GET /products?ids=', calls: 1, idsPerCall: 4 },
    ]);
  });

  it('answers 404 for a product the product service does not know', async () => {
    const response = await fetch(`${base}/api/v1/products/p-9999`);

    expect(response.status).toBe(404);
  });
});
