/**
 * Downstream calls per BFF request, from the upstream fakes' counters, and the contract's
 * expectation for each kind of page (CONTRACT section 3: no N+1).
 */

/** Health probes are the BFF's own business, not part of a page. */
const isHealth = (route) => route.startsWith('GET /health');

/**
 * Calls per request by service and route, from counters `{ service: { route: { calls, ids } } }`.
 *
 * @example
 * perRequest({ product: { 'GET /products/{id}': { calls: 10, ids: 0 } } }, 10);
 * // [{ service: 'product', route: 'GET /products/{id}', calls: 1, idsPerCall: 0 }]
 */
export function perRequest(counts, requests) {
  const rows = [];
  for (const [service, routes] of Object.entries(counts)) {
    for (const [route, { calls, ids }] of Object.entries(routes)) {
      if (isHealth(route) || calls === 0) continue;
      rows.push({
        service,
        route,
        calls: requests > 0 ? calls / requests : 0,
        idsPerCall: ids / calls,
      });
    }
  }
  const key = (row) => `${row.service} ${row.route}`;
  return rows.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

export function totalPerRequest(rows) {
  return rows.reduce((sum, row) => sum + row.calls, 0);
}

/** `1 product GET /products/{id} + 1 inventory GET /inventory?productIds= (5 ids)`. */
export function describeCalls(rows) {
  if (rows.length === 0) return 'none';
  return rows
    .map((row) => {
      const calls = Number.isInteger(row.calls) ? String(row.calls) : row.calls.toFixed(2);
      const count = +row.idsPerCall.toFixed(1);
      const ids = count > 0 ? ` (${count} id${count === 1 ? '' : 's'})` : '';
      return `${calls} ${row.service} ${row.route}${ids}`;
    })
    .join(' + ');
}

function callsOf(rows, service, route) {
  return rows
    .filter((row) => row.service === service && (route === undefined || row.route === route))
    .reduce((sum, row) => sum + row.calls, 0);
}

/** What each page may cost downstream; `check` is given the per-request rows. */
export const PAGE_EXPECTATIONS = {
  web: {
    expected: '1 GET /products/{id} + 1 batch product call + 1 stock call (batch)',
    check: (rows) =>
      callsOf(rows, 'product', 'GET /products/{id}') === 1 &&
      callsOf(rows, 'product', 'GET /products?ids=') === 1 &&
      callsOf(rows, 'inventory') === 1 &&
      totalPerRequest(rows) === 3,
  },
  cached: {
    expected: 'no call on a cache hit',
    check: (rows) => totalPerRequest(rows) === 0,
  },
  mobile: {
    expected: '1 GET /products/{id} + 1 stock call',
    check: (rows) =>
      callsOf(rows, 'product', 'GET /products/{id}') === 1 &&
      callsOf(rows, 'inventory') === 1 &&
      totalPerRequest(rows) === 2,
  },
};
