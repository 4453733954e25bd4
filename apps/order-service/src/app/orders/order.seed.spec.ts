import { seedProducts } from '@bff/services/util-seed';
import { ID_PATTERN } from '@bff/util-models';
import { SEEDED_ORDER_COUNTS, seedOrders } from './order.seed';

describe('seedOrders', () => {
  const orders = seedOrders();
  const prices = new Map(seedProducts().map((product) => [product.id, product.price]));

  it('gives alice more than 100 orders and bob and carol a few', () => {
    const count = (userId: string) => orders.filter((order) => order.userId === userId).length;
    expect(count('alice')).toBeGreaterThan(100);
    expect(count('bob')).toBeGreaterThan(0);
    expect(count('carol')).toBeGreaterThan(0);
    expect(orders).toHaveLength(Object.values(SEEDED_ORDER_COUNTS).reduce((a, b) => a + b, 0));
  });

  it('is the same on every start', () => {
    expect(seedOrders()).toEqual(orders);
  });

  it('uses unique ids that are valid path parameters', () => {
    expect(new Set(orders.map((order) => order.id)).size).toBe(orders.length);
    expect(orders.every((order) => ID_PATTERN.test(order.id))).toBe(true);
  });

  it('prices every line as the catalogue does and totals the lines', () => {
    for (const order of orders) {
      for (const line of order.lines) {
        expect(line.unitPrice).toEqual(prices.get(line.productId));
        expect(Number.isInteger(line.quantity) && line.quantity >= 1).toBe(true);
      }
      const total = order.lines.reduce((sum, l) => sum + l.unitPrice.amount * l.quantity, 0);
      expect(order.total).toEqual({ amount: total, currency: 'USD' });
    }
  });

  it('dates orders in ISO 8601, each user’s newest one still pending', () => {
    for (const order of orders) {
      expect(new Date(order.createdAt).toISOString()).toBe(order.createdAt);
    }
    const newestOfAlice = orders.find((order) => order.userId === 'alice');
    expect(newestOfAlice?.status).toBe('pending');
  });
});
