import { seedProducts } from './products.seed';
import { seedStock, WAREHOUSE_IDS } from './stock.seed';

describe('seedStock', () => {
  const stock = seedStock();
  const productIds = new Set(seedProducts().map((p) => p.id));

  it('spreads stock over at least 3 warehouses', () => {
    expect(WAREHOUSE_IDS.length).toBeGreaterThanOrEqual(3);
    for (const record of stock) {
      expect(record.warehouses.map((w) => w.id)).toEqual([...WAREHOUSE_IDS]);
    }
  });

  it('holds at most one record per product, only for products that exist', () => {
    expect(new Set(stock.map((s) => s.productId)).size).toBe(stock.length);
    expect(stock.every((s) => productIds.has(s.productId))).toBe(true);
  });

  it('keeps available equal to the sum of the warehouses', () => {
    for (const record of stock) {
      const sum = record.warehouses.reduce((total, w) => total + w.available, 0);
      expect(record.available).toBe(sum);
    }
  });

  it('uses non-negative integer quantities only', () => {
    const quantities = stock.flatMap((s) => [
      s.available,
      s.reserved,
      ...s.warehouses.map((w) => w.available),
    ]);
    expect(quantities.every((q) => Number.isSafeInteger(q) && q >= 0)).toBe(true);
  });

  it('has some products out of stock and most in stock', () => {
    const outOfStock = stock.filter((s) => s.available === 0).length;
    expect(outOfStock).toBeGreaterThanOrEqual(5);
    expect(stock.length - outOfStock).toBeGreaterThan(productIds.size / 2);
  });

  it('leaves a few products without any stock record', () => {
    const withRecord = new Set(stock.map((s) => s.productId));
    const missing = [...productIds].filter((id) => !withRecord.has(id));
    expect(missing.length).toBeGreaterThanOrEqual(3);
    expect(missing.length).toBeLessThan(productIds.size / 10);
  });

  it('returns the very same frozen data on every call', () => {
    expect(seedStock()).toBe(stock);
    expect(Object.isFrozen(stock[0].warehouses[0])).toBe(true);
  });
});
