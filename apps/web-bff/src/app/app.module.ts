import { Module } from '@nestjs/common';
import { BffPlatformModule } from '@bff/platform-bff';
import { CatalogModule } from '@bff/web-bff/feature-catalog';
import { OrdersFeatureModule } from '@bff/web-bff/feature-orders';
import { ProductPageModule } from '@bff/web-bff/feature-product-page';

/** The web app's endpoints; everything else comes from the platform. */
@Module({
  imports: [
    BffPlatformModule.forRoot({ throttleTiers: { checkout: { limit: 20, ttlMs: 60_000 } } }),
    CatalogModule,
    OrdersFeatureModule,
    ProductPageModule,
  ],
})
export class AppModule {}
