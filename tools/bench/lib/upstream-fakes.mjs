/**
 * Light fixed-latency fakes of the product, inventory, order and identity services (CONTRACT
 * section 2 shapes) on loopback, with keep-alive. Bodies are serialised once at start so that the
 * fakes cost next to nothing per call and the load generator's core is not taken from the BFF.
 *
 * Every call is counted by route, so the bench can show downstream calls per BFF request.
 *
 * Run as a child process (`fork`): it sends `{ type: 'ready', urls }` and answers IPC requests
 * `{ id, type: 'delay', ms }`, `{ id, type: 'reset' }` and `{ id, type: 'counts' }`.
 */
import { generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';
import { PRODUCTS, STOCK } from './catalogue.mjs';

const JSON_TYPE = 'application/json';
const MAX_BATCH_IDS = 100;

const productBodies = new Map(PRODUCTS.map((product) => [product.id, JSON.stringify(product)]));
const stockBodies = new Map(STOCK.map((stock) => [stock.productId, JSON.stringify(stock)]));

function problem(status, title) {
  return JSON.stringify({ type: 'about:blank', title, status });
}

function batchBody(bodies, ids) {
  const items = [];
  for (const id of ids) {
    const body = bodies.get(id);
    if (body !== undefined) items.push(body);
  }
  return `{"items":[${items.join(',')}]}`;
}

/** The ids of a batch query parameter, or `undefined` when absent or outside 1–100. */
function idsOf(query, name) {
  const value = new URLSearchParams(query).get(name);
  if (value === null) return undefined;
  const ids = value.split(',').filter((id) => id !== '');
  return ids.length >= 1 && ids.length <= MAX_BATCH_IDS ? ids : undefined;
}

/** Route label (for the counters) and answer of the product service. */
function productRoute(path, query) {
  if (path.startsWith('/products/')) {
    const body = productBodies.get(decodeURIComponent(path.slice('/products/'.length)));
    return ['GET /products/{id}', body ? 200 : 404, body ?? problem(404, 'Not Found')];
  }
  if (path === '/products') {
    if (new URLSearchParams(query).has('ids')) {
      const ids = idsOf(query, 'ids');
      if (!ids) return ['GET /products?ids=', 400, problem(400, 'Bad Request')];
      return ['GET /products?ids=', 200, batchBody(productBodies, ids), ids.length];
    }
    const params = new URLSearchParams(query);
    const limit = Number(params.get('limit') ?? 20);
    const category = params.get('category');
    const page = PRODUCTS.filter((product) => !category || product.category === category)
      .slice(0, limit)
      .map((product) => productBodies.get(product.id));
    return ['GET /products?category=', 200, `{"items":[${page.join(',')}],"nextCursor":null}`];
  }
  return undefined;
}

function inventoryRoute(path, query) {
  if (path.startsWith('/inventory/')) {
    const body = stockBodies.get(decodeURIComponent(path.slice('/inventory/'.length)));
    return ['GET /inventory/{productId}', body ? 200 : 404, body ?? problem(404, 'Not Found')];
  }
  if (path === '/inventory') {
    const ids = idsOf(query, 'productIds');
    if (!ids) return ['GET /inventory?productIds=', 400, problem(400, 'Bad Request')];
    return ['GET /inventory?productIds=', 200, batchBody(stockBodies, ids), ids.length];
  }
  return undefined;
}

function orderRoute(path, _query, method) {
  if (path === '/orders' && method === 'GET') {
    return ['GET /orders', 200, '{"items":[],"nextCursor":null}'];
  }
  if (path.startsWith('/orders/')) {
    return ['GET /orders/{id}', 404, problem(404, 'Not Found')];
  }
  return undefined;
}

function identityRoutes(baseUrl) {
  const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwks = JSON.stringify({
    keys: [{ ...publicKey.export({ format: 'jwk' }), alg: 'RS256', kid: 'bench', use: 'sig' }],
  });
  const discovery = JSON.stringify({
    issuer: baseUrl,
    jwks_uri: `${baseUrl}/.well-known/jwks.json`,
    id_token_signing_alg_values_supported: ['RS256'],
  });
  return (path) => {
    if (path === '/.well-known/jwks.json') return ['GET /.well-known/jwks.json', 200, jwks];
    if (path === '/.well-known/openid-configuration') {
      return ['GET /.well-known/openid-configuration', 200, discovery];
    }
    return undefined;
  };
}

/**
 * Starts one fake per service on `host`, port 0 each.
 *
 * @example
 * const fakes = await startUpstreamFakes();
 * fakes.setDelay(50);
 * // … point a BFF at fakes.urls.product / inventory / order / identity …
 * fakes.counts(); // { product: { 'GET /products/{id}': { calls: 1, ids: 0 } }, … }
 */
export async function startUpstreamFakes({ host = '127.0.0.1' } = {}) {
  let delayMs = 0;
  let counters = {};

  function serve(service, route) {
    const server = createServer((request, response) => {
      const url = request.url ?? '/';
      const mark = url.indexOf('?');
      const path = mark === -1 ? url : url.slice(0, mark);
      const query = mark === -1 ? '' : url.slice(mark + 1);
      const isHealth = path.startsWith('/health');
      const [label, status, body, ids = 0] = isHealth
        ? ['GET /health', 200, '{"status":"ok"}']
        : (route(path, query, request.method) ?? [
            `${request.method} other`,
            404,
            problem(404, 'Not Found'),
          ]);
      const perService = (counters[service] ??= {});
      const counter = (perService[label] ??= { calls: 0, ids: 0 });
      counter.calls++;
      counter.ids += ids;
      const send = () => {
        response.writeHead(status, {
          'content-type': status < 400 ? JSON_TYPE : 'application/problem+json',
          'content-length': Buffer.byteLength(body),
        });
        response.end(body);
      };
      // Drain any request body first, so that keep-alive sockets stay usable.
      request.resume();
      if (delayMs > 0 && !isHealth) setTimeout(send, delayMs);
      else send();
    });
    server.keepAliveTimeout = 65_000;
    server.headersTimeout = 66_000;
    return new Promise((resolve) => {
      server.listen(0, host, () =>
        resolve({ server, url: `http://${host}:${server.address().port}` }),
      );
    });
  }

  const product = await serve('product', productRoute);
  const inventory = await serve('inventory', inventoryRoute);
  const order = await serve('order', orderRoute);
  let identityRoute = () => undefined;
  const identity = await serve('identity', (path) => identityRoute(path));
  identityRoute = identityRoutes(identity.url);
  const servers = [product, inventory, order, identity];

  return {
    urls: {
      product: product.url,
      inventory: inventory.url,
      order: order.url,
      identity: identity.url,
    },
    setDelay(ms) {
      delayMs = ms;
    },
    reset() {
      counters = {};
    },
    counts() {
      return structuredClone(counters);
    },
    close() {
      return Promise.all(
        servers.map(
          ({ server }) =>
            new Promise((resolve) => {
              server.close(resolve);
              server.closeAllConnections();
            }),
        ),
      );
    },
  };
}

async function serveOverIpc() {
  const fakes = await startUpstreamFakes();
  process.on('message', (message) => {
    if (message.type === 'delay') fakes.setDelay(message.ms);
    if (message.type === 'reset') fakes.reset();
    const reply = { id: message.id, type: 'reply' };
    if (message.type === 'counts') reply.counts = fakes.counts();
    process.send(reply);
  });
  process.on('disconnect', () => process.exit(0));
  process.send({ type: 'ready', urls: fakes.urls });
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) void serveOverIpc();
