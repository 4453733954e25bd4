import {
  describeCalls,
  PAGE_EXPECTATIONS,
  perRequest,
  totalPerRequest,
} from './downstream-calls.mjs';

const webPage = (pages: number) => ({
  product: {
    'GET /health': { calls: 3, ids: 0 },
    'GET /products/{id}': { calls: pages, ids: 0 },
    'GET /products?ids=': { calls: pages, ids: pages * 4 },
  },
  inventory: { 'GET /inventory?productIds=': { calls: pages, ids: pages * 5 } },
});

describe('perRequest', () => {
  it('divides each route by the requests and leaves health probes out', () => {
    const rows = perRequest(webPage(10), 10);

    expect(rows).toEqual([
      { service: 'inventory', route: 'GET /inventory?productIds=', calls: 1, idsPerCall: 5 },
      { service: 'product', route: 'GET /products/{id}', calls: 1, idsPerCall: 0 },
      { service: 'product', route: 'GET /products?ids=', calls: 1, idsPerCall: 4 },
    ]);
    expect(totalPerRequest(rows)).toBe(3);
  });

  it('describes the calls of a page in one line', () => {
    expect(describeCalls(perRequest(webPage(10), 10))).toBe(
      '1 inventory GET /inventory?productIds= (5 ids) + 1 product GET /products/{id} + ' +
        '1 product GET /products?ids= (4 ids)',
    );
    expect(describeCalls([])).toBe('none');
  });
});

describe('the web product page expectation', () => {
  const { check } = PAGE_EXPECTATIONS.web;

  it('accepts one product call, one batch product call and one batch stock call', () => {
    expect(check(perRequest(webPage(10), 10))).toBe(true);
  });

  it('rejects a page that asks for its own stock apart from the related products’ stock', () => {
    const counts = webPage(10);
    const split = {
      ...counts,
      inventory: {
        ...counts.inventory,
        'GET /inventory/{productId}': { calls: 10, ids: 0 },
      },
    };

    expect(check(perRequest(split, 10))).toBe(false);
  });

  it('rejects related products fetched one by one (N+1)', () => {
    const counts = webPage(10);
    counts.product['GET /products/{id}'].calls = 50;

    expect(check(perRequest(counts, 10))).toBe(false);
  });
});

describe('the cached page expectation', () => {
  it('accepts only a page served without any downstream call', () => {
    const { check } = PAGE_EXPECTATIONS.cached;

    expect(check(perRequest({ product: { 'GET /health': { calls: 1, ids: 0 } } }, 10))).toBe(true);
    expect(check(perRequest(webPage(1), 10))).toBe(false);
  });
});
