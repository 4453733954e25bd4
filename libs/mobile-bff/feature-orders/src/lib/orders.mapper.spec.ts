import type { Order } from '@bff/util-models';
import { toOrderSummary, toOrderSummaryPage } from './orders.mapper';

const order = (id: string, quantities: number[]): Order => ({
  id,
  userId: 'alice',
  status: 'confirmed',
  createdAt: '2026-11-23T10:00:00.000Z',
  lines: quantities.map((quantity, index) => ({
    productId: `p${index + 1}`,
    quantity,
    unitPrice: { amount: 250, currency: 'USD' },
  })),
  total: { amount: 250 * quantities.reduce((sum, quantity) => sum + quantity, 0), currency: 'USD' },
});

describe('toOrderSummary', () => {
  it('keeps exactly the fields of the contract, in its order, and never the user id', () => {
    const summary = toOrderSummary(order('o-1', [1]));
    expect(summary).toEqual({
      id: 'o-1',
      status: 'confirmed',
      total: { amount: 250, currency: 'USD' },
      itemCount: 1,
      createdAt: '2026-11-23T10:00:00.000Z',
    });
    expect(Object.keys(summary)).toEqual(['id', 'status', 'total', 'itemCount', 'createdAt']);
  });

  it('counts items as the sum of the quantities, not the number of lines', () => {
    expect(toOrderSummary(order('o-1', [2, 3, 1])).itemCount).toBe(6);
  });
});

describe('toOrderSummaryPage', () => {
  it('summarises every order of the page and keeps the cursor', () => {
    const page = toOrderSummaryPage({
      items: [order('o-1', [1]), order('o-2', [4, 4])],
      nextCursor: 'next',
    });
    expect(page.items.map((item) => [item.id, item.itemCount])).toEqual([
      ['o-1', 1],
      ['o-2', 8],
    ]);
    expect(page.nextCursor).toBe('next');
  });

  it('maps an empty last page', () => {
    expect(toOrderSummaryPage({ items: [], nextCursor: null })).toEqual({
      items: [],
      nextCursor: null,
    });
  });
});
