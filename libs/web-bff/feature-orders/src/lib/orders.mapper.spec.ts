import { money, type Order, type Product, type Stock } from '@bff/util-models';
import { productIdsOf, toOrderDetail, toOrderPage, toPlacedOrder } from './orders.mapper';

function product(
  id: string,
  images: string[] = [`https://img/${id}-1.jpg`, `https://img/${id}-2.jpg`],
): Product {
  return {
    id,
    sku: `SKU-${id}`,
    name: `Name ${id}`,
    description: 'd',
    category: 'c',
    price: money(999),
    images,
    rating: 4,
    relatedIds: [],
  };
}

function stock(productId: string, available: number): Stock {
  return { productId, available, reserved: 0, warehouses: [{ id: 'w1', available }] };
}

const order: Order = {
  id: 'o-1',
  userId: 'alice',
  status: 'confirmed',
  createdAt: '2026-11-23T10:00:00.000Z',
  lines: [
    { productId: 'p1', quantity: 2, unitPrice: money(500) },
    { productId: 'p2', quantity: 1, unitPrice: money(250) },
  ],
  total: money(1250),
};

describe('productIdsOf', () => {
  it('lists each product of a page once, in first-seen order', () => {
    const other: Order = { ...order, id: 'o-2', lines: [...order.lines].reverse() };
    expect(
      productIdsOf([order, other, { lines: [{ ...order.lines[0], productId: 'p3' }] }]),
    ).toEqual(['p1', 'p2', 'p3']);
  });

  it('is empty for a page without orders', () => {
    expect(productIdsOf([])).toEqual([]);
  });
});

describe('toOrderPage', () => {
  it('puts the product name and first image next to each line of every order', () => {
    const page = toOrderPage(
      { items: [order], nextCursor: 'c2' },
      [product('p1'), product('p2')],
      [],
    );
    expect(page).toEqual({
      items: [
        {
          id: 'o-1',
          userId: 'alice',
          status: 'confirmed',
          createdAt: '2026-11-23T10:00:00.000Z',
          lines: [
            {
              productId: 'p1',
              quantity: 2,
              unitPrice: money(500),
              name: 'Name p1',
              image: 'https://img/p1-1.jpg',
            },
            {
              productId: 'p2',
              quantity: 1,
              unitPrice: money(250),
              name: 'Name p2',
              image: 'https://img/p2-1.jpg',
            },
          ],
          total: money(1250),
        },
      ],
      nextCursor: 'c2',
      meta: { degraded: [] },
    });
  });

  it('leaves name and image null when the products part was dropped', () => {
    const page = toOrderPage({ items: [order], nextCursor: null }, [], ['products']);
    expect(page.items[0].lines.map(({ name, image }) => ({ name, image }))).toEqual([
      { name: null, image: null },
      { name: null, image: null },
    ]);
    expect(page.meta).toEqual({ degraded: ['products'] });
    expect(page.nextCursor).toBeNull();
  });

  it('gives a product without images a null image and an unknown product nulls', () => {
    const page = toOrderPage({ items: [order], nextCursor: null }, [product('p1', [])], []);
    expect(page.items[0].lines[0]).toMatchObject({ name: 'Name p1', image: null });
    expect(page.items[0].lines[1]).toMatchObject({ name: null, image: null });
  });
});

describe('toPlacedOrder', () => {
  it('is the order with enriched lines and its meta', () => {
    const placed = toPlacedOrder(order, [product('p2')], []);
    expect(placed).toMatchObject({ id: 'o-1', total: money(1250), meta: { degraded: [] } });
    expect(placed.lines[1]).toEqual({
      productId: 'p2',
      quantity: 1,
      unitPrice: money(250),
      name: 'Name p2',
      image: 'https://img/p2-1.jpg',
    });
  });
});

describe('toOrderDetail', () => {
  it('says for each line whether its product is in stock now', () => {
    const detail = toOrderDetail(
      order,
      [product('p1'), product('p2')],
      [stock('p1', 0), stock('p2', 7)],
      [],
    );
    expect(
      detail.lines.map(({ productId, name, inStock }) => ({ productId, name, inStock })),
    ).toEqual([
      { productId: 'p1', name: 'Name p1', inStock: false },
      { productId: 'p2', name: 'Name p2', inStock: true },
    ]);
    expect(detail.meta).toEqual({ degraded: [] });
  });

  it('treats a product without a stock record as out of stock', () => {
    const detail = toOrderDetail(order, [], [stock('p2', 3)], ['products']);
    expect(detail.lines.map((line) => line.inStock)).toEqual([false, true]);
  });

  it('leaves inStock null when the stock part was dropped', () => {
    const detail = toOrderDetail(order, [product('p1')], null, ['stock']);
    expect(detail.lines.map((line) => line.inStock)).toEqual([null, null]);
    expect(detail.lines[0].name).toBe('Name p1');
    expect(detail.meta).toEqual({ degraded: ['stock'] });
  });
});
