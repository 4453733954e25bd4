import { Injectable } from '@nestjs/common';
import { CheckoutService } from '@bff/data-access-checkout';
import { OrderClient } from '@bff/data-access-service-clients';
import type { PageQuery } from '@bff/platform-bff';
import type { CreateOrderLine } from '@bff/util-models';
import {
  type OrderSummary,
  type OrderSummaryPage,
  toOrderSummary,
  toOrderSummaryPage,
} from './orders.mapper';

/**
 * The signed-in user's orders. The order client relays the request's token, so the order service
 * only ever answers with the user's own orders; nothing here is cached.
 */
@Injectable()
export class OrdersService {
  constructor(
    private readonly checkout: CheckoutService,
    private readonly orders: OrderClient,
  ) {}

  /** One order call, required; no product details, so nothing else to fetch. */
  async list(query: PageQuery): Promise<OrderSummaryPage> {
    const page = await this.orders.listOrders({ limit: query.limit, cursor: query.cursor });
    return toOrderSummaryPage(page);
  }

  /** Stock check, then the order under the client's idempotency key (`CheckoutService`). */
  async place(lines: CreateOrderLine[], idempotencyKey: string): Promise<OrderSummary> {
    return toOrderSummary(await this.checkout.placeOrder(lines, idempotencyKey));
  }
}
