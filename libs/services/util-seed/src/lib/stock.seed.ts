import type { Stock } from '@bff/util-models';
import { WAREHOUSE_IDS } from './catalogue.data';
import { deepFreeze } from './deep-freeze.util';
import { randomInt, seededRandom, type Random } from './prng.util';
import { seedProducts } from './products.seed';

export { WAREHOUSE_IDS };

const STOCK_SEED = 0x5eed0002;

let stock: readonly Stock[] | undefined;

/**
 * Stock of the reference catalogue across {@link WAREHOUSE_IDS}, the same on every run: most
 * products in stock, about one in ten out of stock (`available: 0`), and a few with no stock
 * record at all (the inventory service answers 404 for them). `available` is always the sum of
 * the warehouses' `available`.
 *
 * @example
 * const byProduct = new Map(seedStock().map((s) => [s.productId, s]));
 */
export function seedStock(): readonly Stock[] {
  stock ??= deepFreeze(generateStock(seededRandom(STOCK_SEED)));
  return stock;
}

function generateStock(random: Random): Stock[] {
  const records: Stock[] = [];
  for (const product of seedProducts()) {
    const roll = random();
    if (roll < 0.03) continue;
    const outOfStock = roll < 0.13;
    const warehouses = WAREHOUSE_IDS.map((id) => ({
      id,
      available: outOfStock || random() < 0.25 ? 0 : randomInt(random, 1, 80),
    }));
    if (!outOfStock && warehouses.every((w) => w.available === 0)) {
      warehouses[warehouses.length - 1].available = randomInt(random, 1, 20);
    }
    records.push({
      productId: product.id,
      available: warehouses.reduce((sum, w) => sum + w.available, 0),
      reserved: randomInt(random, 0, outOfStock ? 3 : 8),
      warehouses,
    });
  }
  return records;
}
