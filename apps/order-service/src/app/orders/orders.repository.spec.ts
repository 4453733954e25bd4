import { money, type Order } from '@bff/util-models';
import { OrdersRepository } from './orders.repository';

function order(id: string, userId: string, createdAt: string): Order {
  return {
    id,
    userId,
    status: 'confirmed',
    createdAt,
    lines: [{ productId: 'p-0001', quantity: 1, unitPrice: money(100) }],
    total: money(100),
  };
}

describe('OrdersRepository', () => {
  const seed = [
    order('o-1', 'alice', '2026-01-01T00:00:00.000Z'),
    order('o-3', 'alice', '2026-01-03T00:00:00.000Z'),
    order('o-2', 'alice', '2026-01-02T00:00:00.000Z'),
    order('o-2b', 'alice', '2026-01-02T00:00:00.000Z'),
    order('o-9', 'bob', '2026-01-05T00:00:00.000Z'),
  ];

  it('lists a user’s orders newest first, ties broken by id', () => {
    const repository = new OrdersRepository(seed);
    expect(repository.list('alice', 10).items.map((o) => o.id)).toEqual([
      'o-3',
      'o-2b',
      'o-2',
      'o-1',
    ]);
  });

  it('continues strictly after a position and says whether more follow', () => {
    const repository = new OrdersRepository(seed);
    const first = repository.list('alice', 2);
    const last = first.items[1];
    const second = repository.list('alice', 2, last);

    expect(first.hasMore).toBe(true);
    expect(second.items.map((o) => o.id)).toEqual(['o-2', 'o-1']);
    expect(second.hasMore).toBe(false);
  });

  it('keeps the page stable when a newer order arrives while paging', () => {
    const repository = new OrdersRepository(seed);
    const first = repository.list('alice', 2);
    repository.insert(order('o-new', 'alice', '2026-02-01T00:00:00.000Z'));

    expect(repository.list('alice', 10, first.items[1]).items.map((o) => o.id)).toEqual([
      'o-2',
      'o-1',
    ]);
  });

  it('never finds or lists another user’s order', () => {
    const repository = new OrdersRepository(seed);
    expect(repository.findOne('bob', 'o-1')).toBeUndefined();
    expect(repository.findOne('alice', 'o-1')?.id).toBe('o-1');
    expect(repository.list('bob', 10).items.map((o) => o.id)).toEqual(['o-9']);
    expect(repository.list('carol', 10)).toEqual({ items: [], hasMore: false });
  });

  it('stores a frozen copy, so callers cannot change a stored order', () => {
    const repository = new OrdersRepository();
    const draft = order('o-1', 'alice', '2026-01-01T00:00:00.000Z');
    const stored = repository.insert(draft);
    draft.status = 'cancelled';

    expect(repository.findOne('alice', 'o-1')?.status).toBe('confirmed');
    expect(Object.isFrozen(stored)).toBe(true);
    expect(Object.isFrozen(stored.lines[0].unitPrice)).toBe(true);
  });

  it('refuses a duplicate id', () => {
    const repository = new OrdersRepository(seed);
    expect(() => repository.insert(order('o-1', 'bob', '2026-03-01T00:00:00.000Z'))).toThrow(
      /Duplicate/,
    );
  });
});
