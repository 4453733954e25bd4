import { Injectable } from '@nestjs/common';
import { CheckoutService } from '@bff/data-access-checkout';
import { InventoryClient, OrderClient, ProductClient } from '@bff/data-access-service-clients';
import type { PageQuery } from '@bff/platform-bff';
import { after, compose, optional, required } from '@bff/util-composition';
import type { CreateOrderLine, Product, Stock } from '@bff/util-models';
import {
  type OrderDetailView,
  type OrderPageView,
  type PlacedOrderView,
  productIdsOf,
  toOrderDetail,
  toOrderPage,
  toPlacedOrder,
} from './orders.mapper';

const NO_PRODUCTS: Product[] = [];

/**
 * The signed-in user's orders. Every call acts for the user: the order client relays the
 * request's token, so the order service only ever answers with the user's own orders. Nothing
 * here is cached: each answer is the user's own.
 */
@Injectable()
export class OrdersService {
  constructor(
    private readonly inventory: InventoryClient,
    private readonly orders: OrderClient,
    private readonly products: ProductClient,
    private readonly checkoutService: CheckoutService,
  ) {}

  /**
   * The page of orders is required. The products of all its lines are optional and come in one
   * batch call for the whole page (never one per order).
   */
  async list(query: PageQuery): Promise<OrderPageView> {
    const page = required(({ signal }) =>
      this.orders.listOrders({ limit: query.limit, cursor: query.cursor }, { signal }),
    );
    const result = await compose({
      page,
      products: optional(
        after(page, ({ items }, { signal }) =>
          this.products.getProducts(productIdsOf(items), { signal }),
        ),
        { fallback: NO_PRODUCTS },
      ),
    });
    return toOrderPage(result.page, result.products, result.degraded);
  }

  /**
   * The order is required. Once it is known, the products of its lines and their current stock
   * (one batch call each) run in parallel; both are optional.
   */
  async detail(id: string): Promise<OrderDetailView> {
    const order = required(({ signal }) => this.orders.getOrder(id, { signal }));
    const result = await compose({
      order,
      products: optional(
        after(order, (value, { signal }) =>
          this.products.getProducts(productIdsOf([value]), { signal }),
        ),
        { fallback: NO_PRODUCTS },
      ),
      stock: optional<Stock[]>(
        after(order, (value, { signal }) =>
          this.inventory.getStocks(productIdsOf([value]), { signal }),
        ),
      ),
    });
    return toOrderDetail(result.order, result.products, result.stock, result.degraded);
  }

  /**
   * The order is required: `CheckoutService` checks the stock (409 naming every short line, no
   * order) and only then creates it under the client's idempotency key, so that a retried
   * checkout never makes a second order. The products that enrich the answer are optional and
   * fetched alongside, so they add no latency.
   */
  async checkout(lines: CreateOrderLine[], idempotencyKey: string): Promise<PlacedOrderView> {
    const productIds = productIdsOf([{ lines }]);
    const result = await compose({
      order: required(({ signal }) =>
        this.checkoutService.placeOrder(lines, idempotencyKey, { signal }),
      ),
      products: optional(({ signal }) => this.products.getProducts(productIds, { signal }), {
        fallback: NO_PRODUCTS,
      }),
    });
    return toPlacedOrder(result.order, result.products, result.degraded);
  }
}
