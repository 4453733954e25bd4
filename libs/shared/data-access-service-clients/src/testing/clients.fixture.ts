import { Test } from '@nestjs/testing';
import type { Order, Product, Stock } from '@bff/util-models';
import { InventoryClient } from '../lib/inventory.client';
import { OrderClient } from '../lib/order.client';
import { ProductClient } from '../lib/product.client';
import { ServiceClientsHealth } from '../lib/service-clients.health';
import { ServiceClientsModule } from '../lib/service-clients.module';
import type { ServiceClientsModuleOptions } from '../lib/service-clients-options.interface';
import { ServiceTransports } from '../lib/service-transports';

/** A valid product as the product service returns it. */
export function productFixture(id: string): Product {
  return {
    id,
    sku: `SKU-${id}`,
    name: `Product ${id}`,
    description: 'A product',
    category: 'kitchen',
    price: { amount: 1999, currency: 'USD' },
    images: [`https://img.example.com/${id}.jpg`],
    rating: 4.5,
    relatedIds: [],
  };
}

export function stockFixture(productId: string, available = 5): Stock {
  return { productId, available, reserved: 0, warehouses: [{ id: 'w1', available }] };
}

export function orderFixture(id: string): Order {
  return {
    id,
    userId: 'alice',
    status: 'pending',
    createdAt: '2026-11-23T10:00:00.000Z',
    lines: [{ productId: 'p1', quantity: 2, unitPrice: { amount: 1999, currency: 'USD' } }],
    total: { amount: 3998, currency: 'USD' },
  };
}

/**
 * Boots the module in a Nest testing module against the given services, with no environment
 * and a short retry backoff, and returns its clients.
 */
export async function startClients(options: ServiceClientsModuleOptions) {
  const moduleRef = await Test.createTestingModule({
    imports: [
      ServiceClientsModule.forRoot({
        environment: {},
        ...options,
        retry: { backoffMs: 10, ...options.retry },
      }),
    ],
  }).compile();
  await moduleRef.init();
  return {
    products: moduleRef.get(ProductClient),
    inventory: moduleRef.get(InventoryClient),
    orders: moduleRef.get(OrderClient),
    health: moduleRef.get(ServiceClientsHealth),
    transports: moduleRef.get(ServiceTransports),
    close: () => moduleRef.close(),
  };
}

export type Clients = Awaited<ReturnType<typeof startClients>>;

/** The rejection of a promise (fails the test when it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('Expected the call to fail');
}
