import type {
  InventoryClient,
  OrderClient,
  UserCallOptions,
} from '@bff/data-access-service-clients';
import { BffError, isBffError } from '@bff/util-errors';
import type { CreateOrderRequest, Order, Stock } from '@bff/util-models';
import { CheckoutService } from './checkout.service';

const stock = (productId: string, available: number): Stock => ({
  productId,
  available,
  reserved: 0,
  warehouses: [{ id: 'wh-east', available }],
});

const order: Order = {
  id: 'o-1',
  userId: 'alice',
  status: 'pending',
  createdAt: '2026-11-23T10:00:00.000Z',
  lines: [{ productId: 'p1', quantity: 2, unitPrice: { amount: 500, currency: 'USD' } }],
  total: { amount: 1000, currency: 'USD' },
};

/** In-memory stand-ins for the two clients, recording what they were asked. */
class FakeInventory {
  readonly calls: string[][] = [];
  stocks: Stock[] = [];
  failure?: Error;

  async getStocks(ids: readonly string[]): Promise<Stock[]> {
    this.calls.push([...ids]);
    if (this.failure) throw this.failure;
    return this.stocks.filter((item) => ids.includes(item.productId));
  }
}

class FakeOrders {
  readonly calls: { body: CreateOrderRequest; key: string; options?: UserCallOptions }[] = [];
  failure?: Error;

  async createOrder(body: CreateOrderRequest, key: string, options?: UserCallOptions) {
    this.calls.push({ body, key, options });
    if (this.failure) throw this.failure;
    return order;
  }
}

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('Expected the checkout to fail');
}

describe('CheckoutService', () => {
  let inventory: FakeInventory;
  let orders: FakeOrders;
  let checkout: CheckoutService;

  beforeEach(() => {
    inventory = new FakeInventory();
    orders = new FakeOrders();
    checkout = new CheckoutService(
      inventory as unknown as InventoryClient,
      orders as unknown as OrderClient,
    );
  });

  describe('when the stock covers every line', () => {
    beforeEach(() => {
      inventory.stocks = [stock('p1', 5), stock('p2', 1)];
    });

    it('checks the stock of every product in one call, then creates the order', async () => {
      const placed = await checkout.placeOrder(
        [
          { productId: 'p1', quantity: 2 },
          { productId: 'p2', quantity: 1 },
          { productId: 'p1', quantity: 3 },
        ],
        'key-1',
      );
      expect(placed).toBe(order);
      expect(inventory.calls).toEqual([['p1', 'p2']]);
      expect(orders.calls).toHaveLength(1);
      expect(orders.calls[0].key).toBe('key-1');
    });

    it('sends only product ids and quantities, whatever else the lines carry', async () => {
      const line = { productId: 'p1', quantity: 1, unitPrice: { amount: 1, currency: 'USD' } };
      await checkout.placeOrder([line], 'key-1');
      expect(orders.calls[0].body).toEqual({ lines: [{ productId: 'p1', quantity: 1 }] });
    });

    it('passes the caller token and signal on to the order call', async () => {
      const signal = new AbortController().signal;
      await checkout.placeOrder([{ productId: 'p1', quantity: 1 }], 'key-1', {
        accessToken: 'token-of-alice',
        signal,
      });
      expect(orders.calls[0].options).toEqual({ accessToken: 'token-of-alice', signal });
    });
  });

  describe('when the stock is short', () => {
    it('fails with 409 naming every short product and creates nothing', async () => {
      inventory.stocks = [stock('p1', 3), stock('p2', 10)];
      const error = await rejectionOf(
        checkout.placeOrder(
          [
            { productId: 'p1', quantity: 2 },
            { productId: 'p2', quantity: 1 },
            { productId: 'p1', quantity: 2 },
            { productId: 'p3', quantity: 1 },
          ],
          'key-1',
        ),
      );
      expect(isBffError(error, 'BFF_ERR_INSUFFICIENT_STOCK')).toBe(true);
      expect((error as BffError).status).toBe(409);
      expect((error as BffError).extensions).toEqual({
        lines: [
          { productId: 'p1', requested: 4, available: 3 },
          { productId: 'p3', requested: 1, available: 0 },
        ],
      });
      expect(orders.calls).toHaveLength(0);
    });
  });

  describe('when a call fails', () => {
    it('creates nothing when the stock cannot be read', async () => {
      inventory.failure = new BffError('BFF_ERR_UPSTREAM_TIMEOUT', { upstream: 'inventory' });
      const error = await rejectionOf(checkout.placeOrder([{ productId: 'p1', quantity: 1 }], 'k'));
      expect(isBffError(error, 'BFF_ERR_UPSTREAM_TIMEOUT')).toBe(true);
      expect(orders.calls).toHaveLength(0);
    });

    it('lets the order service’s answer through, e.g. a reused key', async () => {
      inventory.stocks = [stock('p1', 5)];
      orders.failure = new BffError('BFF_ERR_IDEMPOTENCY_KEY_REUSED', { upstream: 'order' });
      const error = await rejectionOf(checkout.placeOrder([{ productId: 'p1', quantity: 1 }], 'k'));
      expect(isBffError(error, 'BFF_ERR_IDEMPOTENCY_KEY_REUSED')).toBe(true);
    });
  });

  describe('with input it cannot place', () => {
    it.each([
      ['no lines', [], 'key-1'],
      ['an empty key', [{ productId: 'p1', quantity: 1 }], ''],
      ['a key with a space', [{ productId: 'p1', quantity: 1 }], 'a key'],
      ['a key over 64 characters', [{ productId: 'p1', quantity: 1 }], 'k'.repeat(65)],
    ])('refuses %s with 400 before any call', async (_case, lines, key) => {
      const error = await rejectionOf(checkout.placeOrder(lines, key));
      expect(isBffError(error, 'BFF_ERR_VALIDATION')).toBe(true);
      expect(inventory.calls).toHaveLength(0);
      expect(orders.calls).toHaveLength(0);
    });
  });
});
