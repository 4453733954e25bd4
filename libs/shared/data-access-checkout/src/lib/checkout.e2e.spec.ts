import { Test, type TestingModule } from '@nestjs/testing';
import { ServiceClientsModule } from '@bff/data-access-service-clients';
import { type BffError, isBffError } from '@bff/util-errors';
import type { Order, Stock } from '@bff/util-models';
import { RequestContext } from '@bff/util-request-context';
import { type FakeUpstream, reply, startFakeUpstream } from '@bff/util-testing';
import { CheckoutModule } from './checkout.module';
import { CheckoutService } from './checkout.service';

const stock = (productId: string, available: number): Stock => ({
  productId,
  available,
  reserved: 0,
  warehouses: [{ id: 'wh-east', available }],
});

const order: Order = {
  id: 'o-000123',
  userId: 'alice',
  status: 'pending',
  createdAt: '2026-11-23T10:00:00.000Z',
  lines: [{ productId: 'p1', quantity: 3, unitPrice: { amount: 500, currency: 'USD' } }],
  total: { amount: 1500, currency: 'USD' },
};

/** Runs `fn` as a request of a signed-in user, as the platform's auth guard leaves it. */
function asUser<T>(token: string, fn: () => Promise<T>): Promise<T> {
  const context = RequestContext.create({ requestId: 'req-checkout-1' });
  context.accessToken = token;
  return RequestContext.enter(context, fn);
}

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('Expected the checkout to fail');
}

const STOCK_ROUTES = {
  'GET /inventory': ({ query }: { query: Record<string, string> }) =>
    reply.json({
      items: [stock('p1', 5), stock('p2', 0)].filter((item) =>
        (query['productIds'] ?? '').split(',').includes(item.productId),
      ),
    }),
};
const ORDER_ROUTES = { 'POST /orders': () => reply.json(order, 201) };

describe('CheckoutModule over real sockets', () => {
  let inventory: FakeUpstream;
  let orders: FakeUpstream;
  let moduleRef: TestingModule;
  let checkout: CheckoutService;

  beforeAll(async () => {
    inventory = await startFakeUpstream(STOCK_ROUTES);
    orders = await startFakeUpstream(ORDER_ROUTES);
    moduleRef = await Test.createTestingModule({
      imports: [
        ServiceClientsModule.forRoot({
          environment: {},
          inventory: { baseUrl: inventory.url, timeoutMs: 1000 },
          order: { baseUrl: orders.url, timeoutMs: 1000 },
          retry: { backoffMs: 10 },
        }),
        CheckoutModule,
      ],
    }).compile();
    await moduleRef.init();
    checkout = moduleRef.get(CheckoutService);
  });

  afterAll(async () => {
    await moduleRef.close();
    await inventory.close();
    await orders.close();
  });

  beforeEach(() => {
    inventory.reset();
    orders.reset();
  });

  it('checks stock in one batch call, then creates the order with the token and the key', async () => {
    const placed = await asUser('alice-token', () =>
      checkout.placeOrder(
        [
          { productId: 'p1', quantity: 1 },
          { productId: 'p1', quantity: 2 },
        ],
        'checkout-key-1',
      ),
    );
    expect(placed).toEqual(order);
    expect(inventory.calls).toHaveLength(1);
    expect(inventory.calls[0].query).toEqual({ productIds: 'p1' });
    expect(orders.calls).toHaveLength(1);
    const [created] = orders.calls;
    expect(created.headers['authorization']).toBe('Bearer alice-token');
    expect(created.headers['idempotency-key']).toBe('checkout-key-1');
    expect(created.headers['x-request-id']).toBe('req-checkout-1');
    expect(JSON.parse(created.body)).toEqual({
      lines: [
        { productId: 'p1', quantity: 1 },
        { productId: 'p1', quantity: 2 },
      ],
    });
  });

  it('answers 409 naming the short products and never calls the order service', async () => {
    const error = await rejectionOf(
      asUser('alice-token', () =>
        checkout.placeOrder(
          [
            { productId: 'p1', quantity: 6 },
            { productId: 'p2', quantity: 1 },
          ],
          'checkout-key-2',
        ),
      ),
    );
    expect(isBffError(error, 'BFF_ERR_INSUFFICIENT_STOCK')).toBe(true);
    expect((error as BffError).extensions?.['lines']).toEqual([
      { productId: 'p1', requested: 6, available: 5 },
      { productId: 'p2', requested: 1, available: 0 },
    ]);
    expect(orders.calls).toHaveLength(0);
  });

  it('turns the order service’s 422 into a reused idempotency key', async () => {
    orders.setHandler(() => reply.problem(422));
    try {
      const error = await rejectionOf(
        asUser('alice-token', () =>
          checkout.placeOrder([{ productId: 'p1', quantity: 1 }], 'checkout-key-3'),
        ),
      );
      expect(isBffError(error, 'BFF_ERR_IDEMPOTENCY_KEY_REUSED')).toBe(true);
      expect((error as BffError).status).toBe(422);
    } finally {
      orders.setHandler(ORDER_ROUTES);
    }
  });

  it('creates nothing when the inventory service fails', async () => {
    inventory.setHandler(() => reply.problem(500));
    try {
      const error = await rejectionOf(
        asUser('alice-token', () =>
          checkout.placeOrder([{ productId: 'p1', quantity: 1 }], 'checkout-key-4'),
        ),
      );
      expect((error as BffError).status).toBeGreaterThanOrEqual(502);
      expect(orders.calls).toHaveLength(0);
    } finally {
      inventory.setHandler(STOCK_ROUTES);
    }
  });
});
