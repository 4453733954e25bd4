import type { Money } from './money';

export type OrderStatus = 'pending' | 'confirmed' | 'shipped' | 'delivered' | 'cancelled';

export interface OrderLine {
  productId: string;
  quantity: number;
  unitPrice: Money;
}

/** An order as the order service returns it. */
export interface Order {
  id: string;
  userId: string;
  status: OrderStatus;
  /** ISO 8601 */
  createdAt: string;
  lines: OrderLine[];
  total: Money;
}

/** What a caller sends to create an order: product ids and quantities, never prices. */
export interface CreateOrderLine {
  productId: string;
  quantity: number;
}

export interface CreateOrderRequest {
  lines: CreateOrderLine[];
}
