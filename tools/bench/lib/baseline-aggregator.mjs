/**
 * The ceiling: web-bff's product page (CONTRACT section 3) hand-written on `node:http` and one
 * keep-alive undici Pool per upstream, with no framework, logging, metrics or cache. Same calls as
 * the contract (the product, then its related products and the stock of all of them as two batch
 * calls in parallel), same JSON merge and shape.
 *
 * Run as a process: `PORT=… PRODUCT_SERVICE_URL=… INVENTORY_SERVICE_URL=… node baseline-aggregator.mjs`.
 * `GET /health/ready` answers 200 once listening.
 */
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';
import { Pool } from 'undici';

const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
const PREFIX = '/api/v1/products/';
const POOL_OPTIONS = { connections: 64, keepAliveTimeout: 60_000, pipelining: 1 };

class UpstreamError extends Error {
  constructor(status) {
    super(`upstream answered ${status}`);
    this.status = status;
  }
}

/**
 * GET a JSON body through `pool.dispatch()`, the cheapest undici path (no stream objects per call).
 */
function getJson(pool, path) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let status = 0;
    pool.dispatch(
      { method: 'GET', path, headers: { accept: 'application/json' } },
      {
        onRequestStart() {
          // Declared so that undici takes this for its controller-based handler API.
        },
        onResponseStart(_controller, statusCode) {
          status = statusCode;
        },
        onResponseData(_controller, chunk) {
          chunks.push(chunk);
        },
        onResponseEnd() {
          if (status !== 200) return reject(new UpstreamError(status));
          try {
            resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
          } catch (error) {
            reject(error);
          }
        },
        onResponseError(_controller, error) {
          reject(error);
        },
      },
    );
  });
}

function idsQuery(ids) {
  return ids.map(encodeURIComponent).join(',');
}

/** The product page of `id`, or throws an `UpstreamError` when the required product fails. */
export async function productPage(pools, id) {
  const product = await getJson(pools.product, `/products/${encodeURIComponent(id)}`);
  const relatedIds = product.relatedIds;
  const [related, stock] = await Promise.allSettled([
    relatedIds.length > 0
      ? getJson(pools.product, `/products?ids=${idsQuery(relatedIds)}`)
      : { items: [] },
    getJson(pools.inventory, `/inventory?productIds=${idsQuery([id, ...relatedIds])}`),
  ]);

  const degraded = [];
  const stockById = new Map();
  if (stock.status === 'fulfilled') {
    for (const item of stock.value.items) stockById.set(item.productId, item);
  } else {
    degraded.push('availability');
  }
  const own = stockById.get(id);
  const availability = own
    ? { inStock: own.available > 0, available: own.available, warehouses: own.warehouses }
    : null;
  let relatedItems = [];
  if (related.status === 'fulfilled') {
    relatedItems = related.value.items.map((item) => ({
      id: item.id,
      name: item.name,
      price: item.price,
      image: item.images[0] ?? null,
      inStock: (stockById.get(item.id)?.available ?? 0) > 0,
    }));
  } else {
    degraded.push('related');
  }
  return { product, availability, related: relatedItems, meta: { degraded } };
}

function send(response, status, body) {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': status < 400 ? 'application/json' : 'application/problem+json',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}

/**
 * @example
 * const server = createBaselineServer({ product: 'http://127.0.0.1:3101', inventory: 'http://127.0.0.1:3102' });
 * server.listen(0, '127.0.0.1');
 */
export function createBaselineServer(urls) {
  const pools = {
    product: new Pool(urls.product, POOL_OPTIONS),
    inventory: new Pool(urls.inventory, POOL_OPTIONS),
  };
  const server = createServer((request, response) => {
    const url = request.url ?? '/';
    if (url === '/health/ready' || url === '/health/live') {
      return send(response, 200, { status: 'ok' });
    }
    const id = url.startsWith(PREFIX) ? url.slice(PREFIX.length) : '';
    if (request.method !== 'GET' || !ID_PATTERN.test(id)) {
      return send(response, 404, { title: 'Not Found', status: 404 });
    }
    productPage(pools, id).then(
      (page) => send(response, 200, page),
      (error) => {
        const status = error instanceof UpstreamError && error.status === 404 ? 404 : 502;
        send(response, status, { title: status === 404 ? 'Not Found' : 'Bad Gateway', status });
      },
    );
  });
  server.keepAliveTimeout = 65_000;
  server.on('close', () => {
    void pools.product.close();
    void pools.inventory.close();
  });
  return server;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const server = createBaselineServer({
    product: process.env.PRODUCT_SERVICE_URL ?? 'http://127.0.0.1:3101',
    inventory: process.env.INVENTORY_SERVICE_URL ?? 'http://127.0.0.1:3102',
  });
  server.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? '127.0.0.1');
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
}
