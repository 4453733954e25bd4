import { Injectable } from '@nestjs/common';
import { BffError } from '@bff/util-errors';
import {
  type CreateOrderRequest,
  IDEMPOTENCY_KEY_PATTERN,
  type Order,
  type Page,
} from '@bff/util-models';
import { RequestContext } from '@bff/util-request-context';
import type { UserCallOptions } from './call-options.interface';
import { idSegment, queryString, validateLimit } from './path.util';
import { isOrder, pageOf } from './response-shape.util';
import type { ServiceTransport } from './service-transport';
import { ServiceTransports } from './service-transports';
import type { UpstreamFailure } from './upstream-error.mapper';

const isOrderPage = pageOf(isOrder);

/**
 * Query of a page of the user's orders.
 *
 * @example
 * orders.listOrders({ limit: 20, cursor });
 */
export interface ListOrdersQuery {
  limit?: number;
  cursor?: string;
}

function accessToken(options: UserCallOptions | undefined): string {
  const token = options?.accessToken ?? RequestContext.current()?.accessToken;
  if (!token) {
    // No user to act for: refuse here rather than send an anonymous call.
    throw new BffError('BFF_ERR_UNAUTHORIZED', {
      detail: 'A user token is required',
      headers: { 'WWW-Authenticate': 'Bearer' },
      upstream: 'order',
    });
  }
  return token;
}

function idempotencyReuse(failure: UpstreamFailure, status: number): UpstreamFailure {
  if (status !== 422) return failure;
  return {
    ...failure,
    error: new BffError('BFF_ERR_IDEMPOTENCY_KEY_REUSED', {
      detail: 'This Idempotency-Key was already used with another request',
      cause: failure.error.cause,
      upstream: 'order',
    }),
  };
}

/**
 * Typed client of the order service. It acts for the user: every call relays the bearer token
 * of the current request (or `options.accessToken`); it is the only client that sends one.
 *
 * @example
 * constructor(private readonly orders: OrderClient) {}
 * const page = await this.orders.listOrders({ limit: 20 });
 * const order = await this.orders.createOrder({ lines: [{ productId: 'p1', quantity: 2 }] }, key);
 */
@Injectable()
export class OrderClient {
  private readonly transport: ServiceTransport;

  constructor(transports: ServiceTransports) {
    this.transport = transports.get('order');
  }

  /** The user's orders, newest first as the service orders them. */
  async listOrders(query: ListOrdersQuery = {}, options?: UserCallOptions): Promise<Page<Order>> {
    const path = `/orders${queryString({ limit: validateLimit(query.limit), cursor: query.cursor })}`;
    return this.transport.send(
      {
        method: 'GET',
        route: '/orders',
        path,
        shape: isOrderPage,
        accessToken: accessToken(options),
      },
      options,
    );
  }

  /** @throws BffError BFF_ERR_UPSTREAM_NOT_FOUND (404), also for another user's order. */
  async getOrder(id: string, options?: UserCallOptions): Promise<Order> {
    const path = `/orders/${idSegment(id)}`;
    return this.transport.send(
      {
        method: 'GET',
        route: '/orders/:id',
        path,
        shape: isOrder,
        accessToken: accessToken(options),
      },
      options,
    );
  }

  /**
   * Creates an order. Only product ids and quantities are sent (prices come from the product
   * service); a transient failure is retried once with the same idempotency key.
   *
   * @throws BffError BFF_ERR_IDEMPOTENCY_KEY_REUSED (422) when the key was used with another body.
   */
  async createOrder(
    body: CreateOrderRequest,
    idempotencyKey: string,
    options?: UserCallOptions,
  ): Promise<Order> {
    if (!IDEMPOTENCY_KEY_PATTERN.test(idempotencyKey)) {
      throw new BffError('BFF_ERR_VALIDATION', {
        detail: 'Invalid Idempotency-Key',
        errors: [{ field: 'Idempotency-Key', message: 'must be 1–64 printable characters' }],
      });
    }
    const lines = body.lines.map(({ productId, quantity }) => ({ productId, quantity }));
    return this.transport.send(
      {
        method: 'POST',
        route: '/orders',
        path: '/orders',
        body: { lines },
        idempotencyKey,
        shape: isOrder,
        accessToken: accessToken(options),
        mapFailure: idempotencyReuse,
      },
      options,
    );
  }
}
