import { Injectable } from '@nestjs/common';
import {
  InventoryClient,
  OrderClient,
  type UserCallOptions,
} from '@bff/data-access-service-clients';
import { BffError } from '@bff/util-errors';
import { type CreateOrderLine, IDEMPOTENCY_KEY_PATTERN, type Order } from '@bff/util-models';
import { shortLines } from './short-lines.util';

/**
 * Checkout shared by the BFFs: a stock check, then the order. Nothing is created unless the stock
 * covers every line, and the client's idempotency key goes with the order so that a retried
 * checkout never makes a second order.
 *
 * @example
 * constructor(private readonly checkout: CheckoutService) {}
 *
 * const order = await this.checkout.placeOrder(body.lines, idempotencyKey);
 * // 409 BFF_ERR_INSUFFICIENT_STOCK with `lines: [{ productId, requested, available }]` when short
 */
@Injectable()
export class CheckoutService {
  constructor(
    private readonly inventory: InventoryClient,
    private readonly orders: OrderClient,
  ) {}

  /**
   * Checks the stock of every product of `lines` in one batch call (quantities of lines naming
   * the same product are summed), then creates the order for the current user (the order client
   * relays the request's bearer token, or `options.accessToken`).
   *
   * @throws BffError BFF_ERR_VALIDATION (400) for no lines or a malformed key, before any call.
   * @throws BffError BFF_ERR_INSUFFICIENT_STOCK (409) naming the short products; nothing created.
   * @throws BffError BFF_ERR_IDEMPOTENCY_KEY_REUSED (422) when the key was used with other lines.
   * @throws BffError of the inventory or order call (502, 503, 504) when either fails.
   */
  async placeOrder(
    lines: readonly CreateOrderLine[],
    idempotencyKey: string,
    options: UserCallOptions = {},
  ): Promise<Order> {
    validate(lines, idempotencyKey);
    const productIds = [...new Set(lines.map((line) => line.productId))];
    const stocks = await this.inventory.getStocks(productIds, {
      signal: options.signal,
      timeoutMs: options.timeoutMs,
    });
    const short = shortLines(lines, stocks);
    if (short.length > 0) {
      throw new BffError('BFF_ERR_INSUFFICIENT_STOCK', {
        detail: `Not enough stock for ${short.length} of the ordered products`,
        extensions: { lines: short },
      });
    }
    return this.orders.createOrder(
      { lines: lines.map(({ productId, quantity }) => ({ productId, quantity })) },
      idempotencyKey,
      options,
    );
  }
}

function validate(lines: readonly CreateOrderLine[], idempotencyKey: string): void {
  if (lines.length === 0) {
    throw new BffError('BFF_ERR_VALIDATION', {
      detail: 'An order needs at least one line',
      errors: [{ field: 'lines', message: 'must contain at least 1 element' }],
    });
  }
  if (!IDEMPOTENCY_KEY_PATTERN.test(idempotencyKey)) {
    throw new BffError('BFF_ERR_VALIDATION', {
      detail: 'Invalid Idempotency-Key',
      errors: [{ field: 'Idempotency-Key', message: 'must be 1–64 printable ASCII characters' }],
    });
  }
}
