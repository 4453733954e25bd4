import { ID_PATTERN } from '@bff/util-models';
import { PRODUCT_CATEGORIES, productId, seedProducts } from './products.seed';

describe('seedProducts', () => {
  const products = seedProducts();
  const byId = new Map(products.map((product) => [product.id, product]));

  it('holds at least 200 products in at least 8 categories', () => {
    expect(products.length).toBeGreaterThanOrEqual(200);
    expect(PRODUCT_CATEGORIES.length).toBeGreaterThanOrEqual(8);
    expect(new Set(products.map((p) => p.category))).toEqual(new Set(PRODUCT_CATEGORIES));
    for (const category of PRODUCT_CATEGORIES) {
      expect(products.filter((p) => p.category === category).length).toBeGreaterThanOrEqual(20);
    }
  });

  it('gives every product a unique id that is valid in a path, in ascending order', () => {
    expect(products.every((p) => ID_PATTERN.test(p.id))).toBe(true);
    expect(byId.size).toBe(products.length);
    expect(products.map((p) => p.id)).toEqual([...products.map((p) => p.id)].sort());
    expect(products[0].id).toBe(productId(1));
    expect(productId(42)).toBe('p-0042');
  });

  it('gives every product a unique sku and a unique name within its category', () => {
    expect(new Set(products.map((p) => p.sku)).size).toBe(products.length);
    expect(new Set(products.map((p) => `${p.category}/${p.name}`)).size).toBe(products.length);
    expect(products.every((p) => p.name.length > 0 && p.description.length > 40)).toBe(true);
  });

  it('prices every product in whole US cents', () => {
    for (const { price } of products) {
      expect(price.currency).toBe('USD');
      expect(Number.isSafeInteger(price.amount)).toBe(true);
      expect(price.amount).toBeGreaterThan(0);
    }
  });

  it('gives every product 1 to 4 https images of its own', () => {
    for (const { id, images } of products) {
      expect(images.length).toBeGreaterThanOrEqual(1);
      expect(images.length).toBeLessThanOrEqual(4);
      expect(images[0]).toBe(`https://images.example.com/products/${id}/1.jpg`);
      expect(new Set(images).size).toBe(images.length);
    }
  });

  it('rates every product between 0 and 5 with at most one decimal', () => {
    for (const { rating } of products) {
      expect(rating).toBeGreaterThanOrEqual(0);
      expect(rating).toBeLessThanOrEqual(5);
      expect(Math.round(rating * 10) / 10).toBe(rating);
    }
  });

  it('relates every product to 3 to 6 distinct existing products, never itself', () => {
    for (const { id, relatedIds } of products) {
      expect(relatedIds.length).toBeGreaterThanOrEqual(3);
      expect(relatedIds.length).toBeLessThanOrEqual(6);
      expect(new Set(relatedIds).size).toBe(relatedIds.length);
      expect(relatedIds).not.toContain(id);
      expect(relatedIds.every((related) => byId.has(related))).toBe(true);
    }
  });

  it('relates products mostly within their own category', () => {
    const links = products.flatMap((p) => p.relatedIds.map((r) => [p, byId.get(r)] as const));
    const sameCategory = links.filter(([from, to]) => from.category === to?.category).length;
    expect(sameCategory / links.length).toBeGreaterThan(0.8);
  });

  it('returns the very same frozen data on every call', () => {
    expect(seedProducts()).toBe(products);
    expect(Object.isFrozen(products[0])).toBe(true);
    expect(Object.isFrozen(products[0].relatedIds)).toBe(true);
  });
});
