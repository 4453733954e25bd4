import { Module } from '@nestjs/common';
import { OrdersModule } from '@bff/mobile-bff/feature-orders';
import { ProductsModule } from '@bff/mobile-bff/feature-products';
import { BffPlatformModule } from '@bff/platform-bff';
import type { MobileBffEnv } from './mobile-bff.env';

/** The mobile app's endpoints; everything else comes from the platform. */
@Module({
  imports: [
    BffPlatformModule.forRoot<MobileBffEnv>({
      // Every route but health, metrics and docs needs one of the app's keys.
      apiKeys: (env) => env.MOBILE_API_KEYS,
      // Stock degrades and orders concern signed-in routes only.
      requiredServices: ['product'],
      throttleTiers: { checkout: { limit: 20, ttlMs: 60_000 } },
    }),
    OrdersModule,
    ProductsModule,
  ],
})
export class AppModule {}
