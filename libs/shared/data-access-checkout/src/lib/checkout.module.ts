import { Module } from '@nestjs/common';
import { CheckoutService } from './checkout.service';

/**
 * Provides `CheckoutService`. The inventory and order clients it uses come from the global
 * `ServiceClientsModule` (which `BffPlatformModule` imports).
 *
 * @example
 * @Module({ controllers: [OrdersController], imports: [CheckoutModule] })
 * export class OrdersModule {}
 */
@Module({
  exports: [CheckoutService],
  providers: [CheckoutService],
})
export class CheckoutModule {}
