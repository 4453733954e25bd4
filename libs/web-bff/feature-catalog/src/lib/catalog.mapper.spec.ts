import { money, type Product, type Stock } from '@bff/util-models';
import { toCatalogPage } from './catalog.mapper';

function product(id: string, overrides: Partial<Product> = {}): Product {
  return {
    id,
    sku: `SKU-${id}`,
    name: `Name ${id}`,
    description: `About ${id}`,
    category: 'garden',
    price: money(2599),
    images: [`https://img/${id}-1.jpg`, `https://img/${id}-2.jpg`],
    rating: 3.9,
    relatedIds: ['p9'],
    ...overrides,
  };
}

function stock(productId: string, available: number): Stock {
  return { productId, available, reserved: 0, warehouses: [{ id: 'wh-east', available }] };
}

describe('toCatalogPage', () => {
  it('gives each product of the page with its first image and stock, and the next cursor', () => {
    const page = toCatalogPage(
      { items: [product('p1'), product('p2')], nextCursor: 'cursor-2' },
      [stock('p2', 0), stock('p1', 12)],
      [],
    );
    expect(page).toEqual({
      items: [
        {
          id: 'p1',
          sku: 'SKU-p1',
          name: 'Name p1',
          category: 'garden',
          price: money(2599),
          rating: 3.9,
          image: 'https://img/p1-1.jpg',
          inStock: true,
          available: 12,
        },
        {
          id: 'p2',
          sku: 'SKU-p2',
          name: 'Name p2',
          category: 'garden',
          price: money(2599),
          rating: 3.9,
          image: 'https://img/p2-1.jpg',
          inStock: false,
          available: 0,
        },
      ],
      nextCursor: 'cursor-2',
      meta: { degraded: [] },
    });
  });

  it('keeps the page’s order and passes a null cursor through on the last page', () => {
    const page = toCatalogPage(
      { items: [product('p3'), product('p1'), product('p2')], nextCursor: null },
      [stock('p1', 1), stock('p2', 1), stock('p3', 1)],
      [],
    );
    expect(page.items.map((item) => item.id)).toEqual(['p3', 'p1', 'p2']);
    expect(page.nextCursor).toBeNull();
  });

  it('shows a product without a stock record as out of stock with none available', () => {
    const page = toCatalogPage({ items: [product('p1')], nextCursor: null }, [], []);
    expect(page.items[0]).toMatchObject({ inStock: false, available: 0 });
  });

  it('has null stock on every item when the stock part was dropped, and says so', () => {
    const page = toCatalogPage({ items: [product('p1'), product('p2')], nextCursor: 'c' }, null, [
      'availability',
    ]);
    expect(page.items.map((item) => [item.inStock, item.available])).toEqual([
      [null, null],
      [null, null],
    ]);
    expect(page.meta).toEqual({ degraded: ['availability'] });
  });

  it('has a null image for a product without images', () => {
    const page = toCatalogPage(
      { items: [product('p1', { images: [] })], nextCursor: null },
      [],
      [],
    );
    expect(page.items[0].image).toBeNull();
  });

  it('leaves out what the list does not show: description, all images, related ids', () => {
    const page = toCatalogPage({ items: [product('p1')], nextCursor: null }, [], []);
    expect(page.items[0]).not.toHaveProperty('description');
    expect(page.items[0]).not.toHaveProperty('images');
    expect(page.items[0]).not.toHaveProperty('relatedIds');
  });

  it('is an empty page when no product matched', () => {
    expect(toCatalogPage({ items: [], nextCursor: null }, [], [])).toEqual({
      items: [],
      nextCursor: null,
      meta: { degraded: [] },
    });
  });
});
