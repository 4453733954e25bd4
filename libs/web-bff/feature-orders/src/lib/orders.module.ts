import { Module } from '@nestjs/common';
import { CheckoutModule } from '@bff/data-access-checkout';
import { OrdersController } from './orders.controller';
import { OrdersService } from './orders.service';

/**
 * `GET /me/orders`, `GET /me/orders/:id` and `POST /me/orders`: the web app's view of the
 * signed-in user's orders, and checkout. Needs the service clients, auth, caching (for
 * `Cache-Control`) and a `checkout` throttle tier from the app, as `BffPlatformModule` gives them.
 *
 * @example
 * @Module({
 *   imports: [
 *     BffPlatformModule.forRoot({ throttleTiers: { checkout: { limit: 20, ttlMs: 60_000 } } }),
 *     OrdersFeatureModule,
 *   ],
 * })
 * export class AppModule {}
 */
@Module({
  controllers: [OrdersController],
  imports: [CheckoutModule],
  providers: [OrdersService],
})
export class OrdersFeatureModule {}
