import type { Order } from '@bff/util-models';
import type { OrderPosition } from './order-cursor.codec';

/** A slice of one user's orders, newest first, and whether more follow it. */
export interface OrderSlice {
  items: Order[];
  hasMore: boolean;
}

/** Newest first; the id breaks ties between orders of the same instant. */
function compareNewestFirst(a: OrderPosition, b: OrderPosition): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

function freezeOrder(order: Order): Order {
  for (const line of order.lines) Object.freeze(Object.freeze(line).unitPrice);
  Object.freeze(order.lines);
  Object.freeze(order.total);
  return Object.freeze(order);
}

/**
 * Orders in process memory, indexed by user (sorted newest first) and by id. A restart loses
 * every order created since start; only the seed comes back.
 */
export class OrdersRepository {
  private readonly byUser = new Map<string, Order[]>();
  private readonly byId = new Map<string, Order>();

  constructor(seed: readonly Order[] = []) {
    for (const order of seed) this.insert(order);
  }

  insert(order: Order): Order {
    if (this.byId.has(order.id)) throw new Error(`Duplicate order id ${order.id}`);
    const stored = freezeOrder(structuredClone(order));
    const orders = this.byUser.get(order.userId) ?? [];
    this.byUser.set(order.userId, orders);
    orders.splice(this.insertionIndex(orders, stored), 0, stored);
    this.byId.set(stored.id, stored);
    return stored;
  }

  /** The order if it exists and belongs to `userId`; another user's order is as absent as none. */
  findOne(userId: string, id: string): Order | undefined {
    const order = this.byId.get(id);
    return order?.userId === userId ? order : undefined;
  }

  /** Up to `limit` of the user's orders that sort strictly after `after`. */
  list(userId: string, limit: number, after?: OrderPosition): OrderSlice {
    const orders = this.byUser.get(userId) ?? [];
    const start = after ? this.insertionIndex(orders, after, true) : 0;
    const items = orders.slice(start, start + limit);
    return { items, hasMore: start + limit < orders.length };
  }

  count(userId: string): number {
    return this.byUser.get(userId)?.length ?? 0;
  }

  /** Binary search for the first order that sorts after `position` (or not before it). */
  private insertionIndex(orders: readonly Order[], position: OrderPosition, strict = false) {
    let low = 0;
    let high = orders.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      const order = compareNewestFirst(orders[mid], position);
      if (order < 0 || (strict && order === 0)) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}
