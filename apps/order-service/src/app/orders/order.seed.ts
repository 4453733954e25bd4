import { seedProducts } from '@bff/services/util-seed';
import { money, sumMoney, type Order, type OrderStatus, type Product } from '@bff/util-models';

/** How many orders each demo user starts with: alice has enough for several pages. */
export const SEEDED_ORDER_COUNTS: Readonly<Record<string, number>> = {
  alice: 124,
  bob: 5,
  carol: 3,
};

const ORDER_SEED = 0x0de25eed;
/** The newest seeded order is from this instant; older ones step back a few hours to weeks. */
const NEWEST_SEEDED_AT = Date.UTC(2026, 9, 31, 18, 30);

/** mulberry32, so that the seeded orders are the same on every start. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The newest orders are still moving; the older ones delivered, a few cancelled. */
function statusByAge(age: number, random: () => number): OrderStatus {
  if (age === 0) return 'pending';
  if (age < 3) return 'confirmed';
  if (age < 6) return 'shipped';
  return random() < 0.08 ? 'cancelled' : 'delivered';
}

/**
 * The orders every start begins with, deterministic: ids `o-000001`…, lines from the reference
 * catalogue at its prices, so that they match what product-service serves.
 */
export function seedOrders(products: readonly Product[] = seedProducts()): Order[] {
  const random = seededRandom(ORDER_SEED);
  const pickProduct = () => products[Math.floor(random() * products.length)];
  const orders: Order[] = [];
  let sequence = 0;

  for (const [userId, count] of Object.entries(SEEDED_ORDER_COUNTS)) {
    let createdAt = NEWEST_SEEDED_AT - Math.floor(random() * 86_400_000);
    for (let age = 0; age < count; age++) {
      const lineProducts = new Map<string, Product>();
      const lineCount = 1 + Math.floor(random() * 4);
      while (lineProducts.size < lineCount) {
        const product = pickProduct();
        lineProducts.set(product.id, product);
      }
      const lines = [...lineProducts.values()].map((product) => ({
        productId: product.id,
        quantity: 1 + Math.floor(random() * 3),
        unitPrice: money(product.price.amount, product.price.currency),
      }));
      sequence += 1;
      orders.push({
        id: `o-${String(sequence).padStart(6, '0')}`,
        userId,
        status: statusByAge(age, random),
        createdAt: new Date(createdAt).toISOString(),
        lines,
        total: sumMoney(lines.map((line) => money(line.unitPrice.amount * line.quantity))),
      });
      createdAt -= 3_600_000 + Math.floor(random() * 14 * 86_400_000);
    }
  }
  return orders;
}
