import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { BffError, type FieldError } from '@bff/util-errors';
import { money, sumMoney, type Order, type OrderLine, type Page } from '@bff/util-models';
import { ProductPricesClient } from '../products/product-prices.client';
import { canonicalHash } from './canonical-hash.util';
import type { CreateOrderDto } from './dto/create-order.dto';
import { type IdempotentResult, IdempotencyStore } from './idempotency.store';
import { OrderCursorCodec } from './order-cursor.codec';
import { OrdersRepository } from './orders.repository';

export const ORDER_IDEMPOTENCY_STORE = 'ORDER_SERVICE:IDEMPOTENCY_STORE';

@Injectable()
export class OrdersService {
  constructor(
    private readonly repository: OrdersRepository,
    private readonly cursors: OrderCursorCodec,
    private readonly prices: ProductPricesClient,
    @Inject(ORDER_IDEMPOTENCY_STORE) private readonly idempotency: IdempotencyStore<Order>,
  ) {}

  list(userId: string, limit: number, cursor?: string): Page<Order> {
    const after = cursor === undefined ? undefined : this.cursors.decode(userId, cursor);
    if (after === null) {
      throw new BffError('BFF_ERR_VALIDATION', {
        detail: 'The cursor is not valid for this list',
        errors: [{ field: 'cursor', message: 'must be a nextCursor this service returned' }],
      });
    }
    const { items, hasMore } = this.repository.list(userId, limit, after);
    const last = items.at(-1);
    return { items, nextCursor: hasMore && last ? this.cursors.encode(userId, last) : null };
  }

  get(userId: string, id: string): Order {
    const order = this.repository.findOne(userId, id);
    if (!order) throw new BffError('BFF_ERR_NOT_FOUND', { detail: 'No such order' });
    return order;
  }

  /** Creates the order once per (user, key); the same key and body again replays it. */
  create(userId: string, key: string, body: CreateOrderDto): Promise<IdempotentResult<Order>> {
    const lines = body.lines.map(({ productId, quantity }) => ({ productId, quantity }));
    return this.idempotency.run(userId, key, canonicalHash({ lines }), () =>
      this.place(userId, lines),
    );
  }

  private async place(
    userId: string,
    lines: { productId: string; quantity: number }[],
  ): Promise<Order> {
    const prices = await this.prices.pricesOf(lines.map((line) => line.productId));
    const priced: OrderLine[] = [];
    const unknown: FieldError[] = [];
    lines.forEach((line, index) => {
      const unitPrice = prices.get(line.productId);
      if (unitPrice) priced.push({ ...line, unitPrice });
      else unknown.push({ field: `lines.${index}`, message: `unknown product ${line.productId}` });
    });
    if (unknown.length > 0) {
      throw new BffError('BFF_ERR_VALIDATION', {
        detail: `Unknown product in ${unknown.map((error) => error.field).join(', ')}`,
        errors: unknown.map((error) => ({ ...error, field: `${error.field}.productId` })),
      });
    }
    return this.repository.insert({
      id: `o-${randomBytes(12).toString('base64url')}`,
      userId,
      status: 'pending',
      createdAt: new Date().toISOString(),
      lines: priced,
      total: sumMoney(priced.map((line) => money(line.unitPrice.amount * line.quantity))),
    });
  }
}
