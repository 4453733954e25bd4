import type { Money, Order, OrderStatus, Page } from '@bff/util-models';

/** An order as the mobile app lists it: no lines, just how many items. */
export interface OrderSummary {
  id: string;
  status: OrderStatus;
  total: Money;
  /** Sum of the quantities of every line. */
  itemCount: number;
  /** ISO 8601 */
  createdAt: string;
}

export interface OrderSummaryPage {
  items: OrderSummary[];
  nextCursor: string | null;
}

/**
 * @example
 * toOrderSummary(order); // { id, status, total, itemCount: 3, createdAt } for lines of 1 and 2
 */
export function toOrderSummary(order: Order): OrderSummary {
  return {
    id: order.id,
    status: order.status,
    total: order.total,
    itemCount: order.lines.reduce((count, line) => count + line.quantity, 0),
    createdAt: order.createdAt,
  };
}

export function toOrderSummaryPage(page: Page<Order>): OrderSummaryPage {
  return { items: page.items.map(toOrderSummary), nextCursor: page.nextCursor };
}
