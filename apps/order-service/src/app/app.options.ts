import type { AppOptions } from '@bff/platform-bootstrap';
import { OrderServiceEnv } from './order-service.env';

export const orderServiceOptions: AppOptions<OrderServiceEnv> = {
  defaultPort: 3103,
  env: OrderServiceEnv,
  name: 'order-service',
  swagger: {
    bearerAuth: true,
    description: 'Reference order service: the caller’s orders, idempotent order placement',
    title: 'order-service',
  },
};
