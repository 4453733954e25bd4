import { Module } from '@nestjs/common';
import { InventoryClient } from './inventory.client';
import { OrderClient } from './order.client';
import { ProductClient } from './product.client';
import {
  SERVICE_CLIENTS_MODULE_OPTIONS,
  SERVICE_CLIENTS_OPTIONS,
} from './service-clients.constants';
import { ServiceClientsHealth } from './service-clients.health';
import { ConfigurableModuleClass } from './service-clients.module-definition';
import { resolveServiceClientsOptions } from './service-clients-options.util';
import { ServiceTransports } from './service-transports';

/**
 * Typed, resilient clients of the product, inventory and order services. Global by default
 * (`isGlobal: false` to scope it). Values not given are read from the environment variables of
 * the contract (`PRODUCT_SERVICE_URL`, `UPSTREAM_TIMEOUT_MS`, …) and default to its values.
 *
 * @example
 * @Module({ imports: [ServiceClientsModule.forRoot()] })
 * export class AppModule {}
 *
 * ServiceClientsModule.forRoot({ product: { baseUrl: 'http://127.0.0.1:3101', timeoutMs: 500 } });
 * ServiceClientsModule.forRootAsync({
 *   inject: [WebBffEnv],
 *   useFactory: (env: WebBffEnv) => serviceClientsOptionsFromEnv(env),
 * });
 */
@Module({
  exports: [InventoryClient, OrderClient, ProductClient, ServiceClientsHealth],
  providers: [
    InventoryClient,
    OrderClient,
    ProductClient,
    ServiceClientsHealth,
    ServiceTransports,
    {
      inject: [SERVICE_CLIENTS_MODULE_OPTIONS],
      provide: SERVICE_CLIENTS_OPTIONS,
      useFactory: resolveServiceClientsOptions,
    },
  ],
})
export class ServiceClientsModule extends ConfigurableModuleClass {}
