import type { AppOptions } from '@bff/platform-bootstrap';
import { FaultInjectionEnv } from '@bff/services/platform-fault-injection';

export const productServiceOptions: AppOptions<FaultInjectionEnv> = {
  defaultPort: 3101,
  env: FaultInjectionEnv,
  name: 'product-service',
  swagger: {
    description: 'Reference catalogue service: products by id, in batches, and as filtered pages',
    title: 'product-service',
  },
};
