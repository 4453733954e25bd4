import type { AppOptions } from '@bff/platform-bootstrap';
import { FaultInjectionEnv } from '@bff/services/platform-fault-injection';

export const inventoryServiceOptions: AppOptions<FaultInjectionEnv> = {
  defaultPort: 3102,
  env: FaultInjectionEnv,
  name: 'inventory-service',
  swagger: {
    description: 'Reference stock service: stock per product across warehouses',
    title: 'inventory-service',
  },
};
