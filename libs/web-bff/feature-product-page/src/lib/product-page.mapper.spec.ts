import { money, type Product, type Stock } from '@bff/util-models';
import { availabilityOf, toProductPage } from './product-page.mapper';

function product(id: string, overrides: Partial<Product> = {}): Product {
  return {
    id,
    sku: `SKU-${id}`,
    name: `Name ${id}`,
    description: `About ${id}`,
    category: 'beauty',
    price: money(1999),
    images: [`https://img/${id}-1.jpg`, `https://img/${id}-2.jpg`],
    rating: 4.5,
    relatedIds: [],
    ...overrides,
  };
}

function stock(productId: string, available: number): Stock {
  return {
    productId,
    available,
    reserved: 1,
    warehouses: [
      { id: 'wh-east', available },
      { id: 'wh-west', available: 0 },
    ],
  };
}

describe('availabilityOf', () => {
  it('is in stock with the stock record’s count and warehouses when some is available', () => {
    expect(availabilityOf(stock('p1', 7))).toEqual({
      inStock: true,
      available: 7,
      warehouses: [
        { id: 'wh-east', available: 7 },
        { id: 'wh-west', available: 0 },
      ],
    });
  });

  it('is out of stock when the record has nothing available', () => {
    expect(availabilityOf(stock('p1', 0))).toMatchObject({ inStock: false, available: 0 });
  });

  it('is out of stock with no warehouses when the product has no stock record', () => {
    expect(availabilityOf(undefined)).toEqual({ inStock: false, available: 0, warehouses: [] });
  });
});

describe('toProductPage', () => {
  const main = product('p1', { relatedIds: ['p3', 'p2', 'p4'] });
  const related = [product('p2'), product('p3'), product('p4')];

  it('gives the product as served, with its availability and related products', () => {
    const page = toProductPage(
      main,
      [stock('p1', 5), stock('p2', 0), stock('p3', 2), stock('p4', 9)],
      related,
      [],
    );
    expect(page).toEqual({
      product: main,
      availability: {
        inStock: true,
        available: 5,
        warehouses: [
          { id: 'wh-east', available: 5 },
          { id: 'wh-west', available: 0 },
        ],
      },
      related: [
        {
          id: 'p3',
          name: 'Name p3',
          price: money(1999),
          image: 'https://img/p3-1.jpg',
          inStock: true,
        },
        {
          id: 'p2',
          name: 'Name p2',
          price: money(1999),
          image: 'https://img/p2-1.jpg',
          inStock: false,
        },
        {
          id: 'p4',
          name: 'Name p4',
          price: money(1999),
          image: 'https://img/p4-1.jpg',
          inStock: true,
        },
      ],
      meta: { degraded: [] },
    });
  });

  it('orders related products as the product’s relatedIds, whatever order the batch came in', () => {
    const page = toProductPage(main, [], [product('p4'), product('p2'), product('p3')], []);
    expect(page.related.map((item) => item.id)).toEqual(['p3', 'p2', 'p4']);
  });

  it('leaves out related ids the product service did not return', () => {
    const page = toProductPage(main, [], [product('p2')], []);
    expect(page.related.map((item) => item.id)).toEqual(['p2']);
  });

  it('shows a product missing from the stock batch as out of stock, not unknown', () => {
    const page = toProductPage(main, [stock('p3', 4)], related, []);
    expect(page.availability).toEqual({ inStock: false, available: 0, warehouses: [] });
    expect(page.related.map((item) => [item.id, item.inStock])).toEqual([
      ['p3', true],
      ['p2', false],
      ['p4', false],
    ]);
  });

  it('has null availability and unknown related stock when the stock part was dropped', () => {
    const page = toProductPage(main, null, related, ['availability']);
    expect(page.availability).toBeNull();
    expect(page.related.map((item) => item.inStock)).toEqual([null, null, null]);
    expect(page.meta).toEqual({ degraded: ['availability'] });
  });

  it('has no related products when that part was dropped, and says so', () => {
    const page = toProductPage(main, [stock('p1', 1)], [], ['related']);
    expect(page.related).toEqual([]);
    expect(page.availability?.inStock).toBe(true);
    expect(page.meta).toEqual({ degraded: ['related'] });
  });

  it('takes a related product’s first image, or null when it has none', () => {
    const page = toProductPage(
      main,
      [],
      [product('p2', { images: [] }), product('p3', { images: ['https://img/only.jpg'] })],
      [],
    );
    expect(page.related.map((item) => item.image)).toEqual(['https://img/only.jpg', null]);
  });

  it('keeps only the fields the web page shows for a related product', () => {
    const [item] = toProductPage(main, [], related, []).related;
    expect(Object.keys(item).sort()).toEqual(['id', 'image', 'inStock', 'name', 'price']);
  });
});
