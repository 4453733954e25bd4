import { Module } from '@nestjs/common';
import type { Order } from '@bff/util-models';
import { AuthModule } from '../auth/auth.module';
import { OrderServiceEnv } from '../order-service.env';
import { ProductPricesClient } from '../products/product-prices.client';
import { IdempotencyStore } from './idempotency.store';
import { seedOrders } from './order.seed';
import { OrderCursorCodec } from './order-cursor.codec';
import { OrdersController } from './orders.controller';
import { OrdersRepository } from './orders.repository';
import { ORDER_IDEMPOTENCY_STORE, OrdersService } from './orders.service';

@Module({
  controllers: [OrdersController],
  imports: [AuthModule],
  providers: [
    OrdersService,
    { provide: OrderCursorCodec, useFactory: () => new OrderCursorCodec() },
    { provide: OrdersRepository, useFactory: () => new OrdersRepository(seedOrders()) },
    {
      inject: [OrderServiceEnv],
      provide: ORDER_IDEMPOTENCY_STORE,
      useFactory: (env: OrderServiceEnv) =>
        new IdempotencyStore<Order>({ ttlMs: env.IDEMPOTENCY_TTL_MS }),
    },
    {
      inject: [OrderServiceEnv],
      provide: ProductPricesClient,
      useFactory: (env: OrderServiceEnv) =>
        new ProductPricesClient({
          baseUrl: env.PRODUCT_SERVICE_URL,
          timeoutMs: env.UPSTREAM_TIMEOUT_MS,
        }),
    },
  ],
})
export class OrdersModule {}
