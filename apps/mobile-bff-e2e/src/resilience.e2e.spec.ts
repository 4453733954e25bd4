import {
  type FakeReply,
  type FakeUpstream,
  hasBuiltApps,
  type ProcessApp,
  type RecordedRequest,
  reply,
  startFakeUpstream,
  startProcessApp,
  unusedUrl,
} from '@bff/util-testing';
import { type Answer, call, expectProblem } from './mobile-api.util';

const describeBuilt = hasBuiltApps('mobile-bff') ? describe : describe.skip;

/** Distinctive, so that the logs can be searched for it. */
const KEY = 'mobile-e2e-key-7f3a91';
const TIMEOUT_MS = 500;
const COMPACT_KEYS = ['id', 'name', 'price', 'image', 'inStock', 'rating'];

const productOf = (id: string) => ({
  id,
  sku: `SKU-${id}`,
  name: `Product ${id}`,
  description: 'A description the mobile app does not get',
  category: 'kitchen',
  price: { amount: 1250, currency: 'USD' },
  images: [`https://img.example.com/${id}.jpg`],
  rating: 4.2,
  relatedIds: [],
});
const stockOf = (productId: string) => ({
  productId,
  available: 3,
  reserved: 0,
  warehouses: [{ id: 'wh-east', available: 3 }],
});
const PAGE_IDS = ['f-1', 'f-2', 'f-3', 'f-4'];

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * Fake product and inventory services whose answers each test sets: by default well-formed and
 * immediate. Calls are counted by route, health probes left out.
 */
class Upstreams {
  product!: FakeUpstream;
  inventory!: FakeUpstream;
  productReply: (id: string) => FakeReply | Promise<FakeReply> = (id) => reply.json(productOf(id));
  pageReply: () => FakeReply = () =>
    reply.json({ items: PAGE_IDS.map(productOf), nextCursor: 'n2' });
  stockReply: (ids: string[]) => FakeReply = (ids) => reply.json({ items: ids.map(stockOf) });

  async start(): Promise<void> {
    const health = () => reply.json({ status: 'ok' });
    this.product = await startFakeUpstream({
      'GET /health/live': health,
      'GET /products/:id': ({ params }) => this.productReply(params['id']),
      'GET /products': () => this.pageReply(),
    });
    this.inventory = await startFakeUpstream({
      'GET /health/live': health,
      'GET /inventory': ({ query }) => this.stockReply((query['productIds'] ?? '').split(',')),
    });
  }

  reset(): void {
    this.productReply = (id) => reply.json(productOf(id));
    this.pageReply = () => reply.json({ items: PAGE_IDS.map(productOf), nextCursor: 'n2' });
    this.stockReply = (ids) => reply.json({ items: ids.map(stockOf) });
  }

  /** How many requests each service has received so far. */
  marks(): [number, number] {
    return [this.product.calls.length, this.inventory.calls.length];
  }

  /** Requests received since `marks()`, without health probes. */
  since([product, inventory]: [number, number]): RecordedRequest[] {
    return [...this.product.calls.slice(product), ...this.inventory.calls.slice(inventory)].filter(
      (request) => !request.path.startsWith('/health'),
    );
  }

  async close(): Promise<void> {
    await Promise.all([this.product?.close(), this.inventory?.close()]);
  }
}

/** The downstream calls `action` caused, as `METHOD /path` (ids replaced by `:id`), sorted. */
async function callsDuring(upstreams: Upstreams, action: () => Promise<unknown>) {
  const marks = upstreams.marks();
  await action();
  return upstreams
    .since(marks)
    .map(
      (request) => `${request.method} ${request.path.replace(/^\/products\/.+/, '/products/:id')}`,
    )
    .sort();
}

async function startBff(upstreams: Upstreams, env: Record<string, string>): Promise<ProcessApp> {
  const nowhere = await unusedUrl();
  return startProcessApp('mobile-bff', {
    env: {
      MOBILE_API_KEYS: KEY,
      PRODUCT_SERVICE_URL: upstreams.product.url,
      INVENTORY_SERVICE_URL: upstreams.inventory.url,
      ORDER_SERVICE_URL: nowhere,
      AUTH_JWKS_URI: `${nowhere}/.well-known/jwks.json`,
      AUTH_ISSUER: nowhere,
      UPSTREAM_TIMEOUT_MS: String(TIMEOUT_MS),
      THROTTLE_LIMIT: '100000',
      ...env,
    },
  });
}

const get = (app: ProcessApp, path: string, headers: Record<string, string> = {}) =>
  call(`${app.url}/api/v1${path}`, { key: KEY, headers });

function expectDegradedProduct(answer: Answer, id: string): void {
  expect(answer.status).toBe(200);
  expect(Object.keys(answer.json)).toEqual(COMPACT_KEYS);
  expect(answer.json).toMatchObject({ id, name: `Product ${id}`, inStock: null });
  expect(answer.headers.get('x-degraded')).toBe('availability');
}

describeBuilt('mobile-bff against fake services, as a process', () => {
  const upstreams = new Upstreams();
  let counter = 0;
  /** A product id no earlier request used, so that no cache or single-flight can answer. */
  const freshId = () => `r-${++counter}`;

  beforeAll(() => upstreams.start());
  afterAll(() => upstreams.close());
  afterEach(() => upstreams.reset());

  it('refuses to start without an API key, naming the variable', async () => {
    await expect(startBff(upstreams, { MOBILE_API_KEYS: ' , ' })).rejects.toThrow(
      /exited \(1\)[\s\S]*MOBILE_API_KEYS/,
    );
  });

  describe('with the cache off', () => {
    let bff: ProcessApp;

    beforeAll(async () => {
      bff = await startBff(upstreams, { CACHE_TTL_MS: '0', CIRCUIT_FAILURE_THRESHOLD: '1000' });
    });
    afterAll(() => bff?.stop());

    it('reads a product with one product call and one stock call, run in parallel', async () => {
      let productsInFlight = 0;
      let stockAskedDuringProduct = false;
      upstreams.productReply = async (id) => {
        productsInFlight++;
        await sleep(150);
        productsInFlight--;
        return reply.json(productOf(id));
      };
      upstreams.stockReply = (ids) => {
        stockAskedDuringProduct = productsInFlight > 0;
        return reply.json({ items: ids.map(stockOf) });
      };
      const id = freshId();
      let answer: Answer | undefined;
      const calls = await callsDuring(upstreams, async () => {
        answer = await get(bff, `/products/${id}`);
      });
      expect(answer?.status).toBe(200);
      expect(answer?.json.inStock).toBe(true);
      expect(calls).toEqual(['GET /inventory', 'GET /products/:id']);
      expect(stockAskedDuringProduct).toBe(true);
    });

    it('reads the feed with one page call and one stock call for the whole page', async () => {
      let answer: Answer | undefined;
      const calls = await callsDuring(upstreams, async () => {
        answer = await get(bff, '/feed?category=kitchen&limit=4');
      });
      expect(answer?.status).toBe(200);
      expect(calls).toEqual(['GET /inventory', 'GET /products']);
      const stockCall = upstreams.inventory.calls.at(-1) as RecordedRequest;
      expect(stockCall.query['productIds']).toBe(PAGE_IDS.join(','));
      const pageCall = upstreams.product.calls.at(-1) as RecordedRequest;
      expect(pageCall.query).toEqual({ category: 'kitchen', limit: '4' });
    });

    describe.each([
      ['answers 500', () => reply.problem(500)],
      [
        'is slower than UPSTREAM_TIMEOUT_MS',
        () => reply.delay(TIMEOUT_MS * 4, reply.json({ items: [] })),
      ],
      ['answers malformed JSON', () => reply.malformed()],
      ['drops the connection', () => reply.reset()],
    ])('when the inventory service %s', (_case, failure) => {
      beforeEach(() => {
        upstreams.stockReply = failure;
      });

      it('still answers the product, with inStock null and X-Degraded: availability', async () => {
        const id = freshId();
        expectDegradedProduct(await get(bff, `/products/${id}`), id);
      });

      it('still answers the feed, every inStock null and X-Degraded: availability', async () => {
        const answer = await get(bff, '/feed');
        expect(answer.status).toBe(200);
        expect(answer.json.items.map((item: { inStock: unknown }) => item.inStock)).toEqual(
          PAGE_IDS.map(() => null),
        );
        expect(answer.headers.get('x-degraded')).toBe('availability');
      });
    });

    it('gives a degraded answer another ETag than the full one, so apps pick up the full one', async () => {
      const id = freshId();
      const full = await get(bff, `/products/${id}`);
      upstreams.stockReply = () => reply.problem(500);
      const degraded = await get(bff, `/products/${id}`, {
        'if-none-match': full.headers.get('etag') as string,
      });
      expect(degraded.status).toBe(200);
      expect(degraded.headers.get('etag')).not.toBe(full.headers.get('etag'));
    });

    describe('when the product service fails', () => {
      it('answers 502 for a 500, without the upstream detail or address', async () => {
        upstreams.productReply = () => reply.problem(500);
        const answer = await get(bff, `/products/${freshId()}`);
        expectProblem(answer, 502);
        expect(answer.text).not.toContain('must not leak');
        expect(answer.text).not.toContain(new URL(upstreams.product.url).port);
        expect(answer.headers.get('cache-control')).toBe('no-store');
      });

      it('answers 502 for a malformed product', async () => {
        upstreams.productReply = () => reply.malformed();
        expectProblem(await get(bff, `/products/${freshId()}`), 502);
      });

      it('answers 404 for a product it does not know', async () => {
        upstreams.productReply = () => reply.problem(404);
        expectProblem(await get(bff, `/products/${freshId()}`), 404);
      });

      it('answers 504 within the upstream budget when it hangs', async () => {
        upstreams.productReply = () => reply.hang();
        const started = Date.now();
        const answer = await get(bff, `/products/${freshId()}`);
        expectProblem(answer, 504, 'BFF_ERR_UPSTREAM_TIMEOUT');
        // The budget plus generous slack for a busy machine: not minutes, not a client timeout.
        expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + 1500);
      });

      it('answers 502 for the feed when the page call fails, stock or not', async () => {
        upstreams.pageReply = () => reply.problem(500);
        expectProblem(await get(bff, '/feed'), 502);
      });
    });

    it('never writes the API key to its logs', async () => {
      await get(bff, `/products/${freshId()}`);
      await bff.waitForLog((log) => log.route === '/api/v1/products/:id');
      expect(bff.lines.length).toBeGreaterThan(0);
      expect(bff.lines.join('\n')).not.toContain(KEY);
    });
  });

  describe('when the inventory service is down and the product service keeps failing', () => {
    const THRESHOLD = 3;
    let bff: ProcessApp;

    beforeAll(async () => {
      bff = await startBff(upstreams, {
        CACHE_TTL_MS: '0',
        CIRCUIT_FAILURE_THRESHOLD: String(THRESHOLD),
        CIRCUIT_RESET_MS: '60000',
        INVENTORY_SERVICE_URL: await unusedUrl(),
      });
    });
    afterAll(() => bff?.stop());

    it('answers products without stock while nothing listens on the inventory URL', async () => {
      const id = freshId();
      expectDegradedProduct(await get(bff, `/products/${id}`), id);
    });

    it(`opens the product circuit after ${THRESHOLD} failures and answers 503 without calling`, async () => {
      upstreams.productReply = () => reply.problem(500);
      for (let i = 0; i < THRESHOLD; i++) {
        expectProblem(await get(bff, `/products/${freshId()}`), 502);
      }
      let answer: Answer | undefined;
      const calls = await callsDuring(upstreams, async () => {
        answer = await get(bff, `/products/${freshId()}`);
      });
      expectProblem(answer as Answer, 503, 'BFF_ERR_UPSTREAM_CIRCUIT_OPEN');
      expect(answer?.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(calls).toEqual([]);
    });
  });

  describe('with the cache on', () => {
    let bff: ProcessApp;

    beforeAll(async () => {
      bff = await startBff(upstreams, { CACHE_TTL_MS: '60000', CIRCUIT_FAILURE_THRESHOLD: '1000' });
    });
    afterAll(() => bff?.stop());

    it('serves a product again from the cache without a downstream call', async () => {
      const id = freshId();
      const first = await get(bff, `/products/${id}`);
      let again: Answer | undefined;
      const calls = await callsDuring(upstreams, async () => {
        again = await get(bff, `/products/${id}`);
      });
      expect(calls).toEqual([]);
      expect(again?.text).toBe(first.text);
      expect(again?.headers.get('etag')).toBe(first.headers.get('etag'));
      expect(again?.headers.get('cache-control')).toBe('public, max-age=60');
    });

    it('answers 304 from the cache without a downstream call', async () => {
      const id = freshId();
      const first = await get(bff, `/products/${id}`);
      let answer: Answer | undefined;
      const calls = await callsDuring(upstreams, async () => {
        answer = await get(bff, `/products/${id}`, {
          'if-none-match': first.headers.get('etag') as string,
        });
      });
      expect(answer?.status).toBe(304);
      expect(calls).toEqual([]);
    });

    it('serves a feed page again from the cache without a downstream call', async () => {
      await get(bff, '/feed?category=cached');
      expect(await callsDuring(upstreams, () => get(bff, '/feed?category=cached'))).toEqual([]);
    });

    it('makes one call per part for concurrent misses of one product', async () => {
      upstreams.productReply = async (id) => {
        await sleep(150);
        return reply.json(productOf(id));
      };
      const id = freshId();
      let answers: Answer[] = [];
      const calls = await callsDuring(upstreams, async () => {
        answers = await Promise.all(Array.from({ length: 5 }, () => get(bff, `/products/${id}`)));
      });
      expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200]);
      expect(calls).toEqual(['GET /inventory', 'GET /products/:id']);
    });

    it('does not keep a degraded answer: the next request reads stock again', async () => {
      const id = freshId();
      upstreams.stockReply = () => reply.problem(500);
      expectDegradedProduct(await get(bff, `/products/${id}`), id);
      upstreams.reset();
      let answer: Answer | undefined;
      const calls = await callsDuring(upstreams, async () => {
        answer = await get(bff, `/products/${id}`);
      });
      expect(answer?.json.inStock).toBe(true);
      expect(answer?.headers.get('x-degraded')).toBeNull();
      expect(calls).toEqual(['GET /inventory', 'GET /products/:id']);
    });
  });
});
