import type { Product, Stock } from '@bff/util-models';
import { toCompactProduct, toFeed } from './compact-product.mapper';

const product = (
  id: string,
  images = [`https://img.example.com/${id}-1.jpg`, `https://img.example.com/${id}-2.jpg`],
): Product => ({
  id,
  sku: `SKU-${id}`,
  name: `Product ${id}`,
  description: 'A long description the mobile app never shows in a card',
  category: 'kitchen',
  price: { amount: 1999, currency: 'USD' },
  images,
  rating: 4.5,
  relatedIds: ['p8', 'p9'],
});

const stock = (productId: string, available: number): Stock => ({
  productId,
  available,
  reserved: 2,
  warehouses: [{ id: 'wh-east', available }],
});

describe('toCompactProduct', () => {
  it('keeps exactly the fields of the contract, in its order', () => {
    const compact = toCompactProduct(product('p1'), [stock('p1', 3)]);
    expect(compact).toEqual({
      id: 'p1',
      name: 'Product p1',
      price: { amount: 1999, currency: 'USD' },
      image: 'https://img.example.com/p1-1.jpg',
      inStock: true,
      rating: 4.5,
    });
    expect(Object.keys(compact)).toEqual(['id', 'name', 'price', 'image', 'inStock', 'rating']);
  });

  it('says out of stock when nothing is available', () => {
    expect(toCompactProduct(product('p1'), [stock('p1', 0)]).inStock).toBe(false);
  });

  it('says out of stock when the product has no stock record', () => {
    expect(toCompactProduct(product('p1'), [stock('p2', 5)]).inStock).toBe(false);
  });

  it('says nothing about stock when the stock part was dropped', () => {
    expect(toCompactProduct(product('p1'), null).inStock).toBeNull();
  });

  it('has a null image for a product without images', () => {
    expect(toCompactProduct(product('p1', []), null).image).toBeNull();
  });
});

describe('toFeed', () => {
  it('maps every product of the page with its own stock and keeps the cursor', () => {
    const feed = toFeed(
      { items: [product('p1'), product('p2'), product('p3')], nextCursor: 'c2' },
      [stock('p1', 1), stock('p2', 0)],
    );
    expect(feed.items.map((item) => [item.id, item.inStock])).toEqual([
      ['p1', true],
      ['p2', false],
      ['p3', false],
    ]);
    expect(feed.nextCursor).toBe('c2');
    expect(Object.keys(feed)).toEqual(['items', 'nextCursor']);
  });

  it('leaves every inStock null when the stock part was dropped', () => {
    const feed = toFeed({ items: [product('p1'), product('p2')], nextCursor: null }, null);
    expect(feed.items.map((item) => item.inStock)).toEqual([null, null]);
    expect(feed.nextCursor).toBeNull();
  });

  it('maps an empty last page', () => {
    expect(toFeed({ items: [], nextCursor: null }, [])).toEqual({ items: [], nextCursor: null });
  });
});
