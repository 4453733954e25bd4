import { Module } from '@nestjs/common';
import { CheckoutModule } from '@bff/data-access-checkout';
import { OrdersController } from './orders.controller';
import { OrdersService } from './orders.service';

/**
 * `GET /orders` and `POST /orders`: the signed-in user's orders and checkout. The app must
 * declare a `checkout` throttle tier (`BffPlatformModule.forRoot({ throttleTiers })`).
 */
@Module({
  controllers: [OrdersController],
  imports: [CheckoutModule],
  providers: [OrdersService],
})
export class OrdersModule {}
