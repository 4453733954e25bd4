import { Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { compose, optional, required } from '@bff/util-composition';
import { RequestContext } from '@bff/util-request-context';
import { type FakeUpstream, reply, startFakeUpstream, unusedUrl } from '@bff/util-testing';
import { IsString } from 'class-validator';
import { productFixture, startClients } from '../testing/clients.fixture';
import { InventoryClient } from './inventory.client';
import { ProductClient } from './product.client';
import { ServiceClientsHealth } from './service-clients.health';
import { ServiceClientsModule } from './service-clients.module';
import { loadServiceClientsEnv, withServiceClientsEnv } from './service-clients.env';
import { serviceClientsOptionsFromEnv } from './service-clients-options.util';

class BaseEnv {
  @IsString()
  HOST = '0.0.0.0';
}

class AppEnv extends withServiceClientsEnv(BaseEnv) {}

/** A feature service in another module, as a BFF would have it. */
@Injectable()
class ProductPageService {
  constructor(
    private readonly products: ProductClient,
    private readonly inventory: InventoryClient,
  ) {}

  page(id: string) {
    const product = required(({ signal }) => this.products.getProduct(id, { signal }));
    return compose(
      {
        product,
        availability: optional(({ signal }) => this.inventory.getStock(id, { signal }), {
          timeoutMs: 150,
        }),
        related: optional(
          async ({ get, signal }) =>
            this.products.getProducts((await get(product)).relatedIds, { signal }),
          { fallback: [] },
        ),
      },
      { timeoutMs: 1000 },
    );
  }
}

@Module({ exports: [ProductPageService], providers: [ProductPageService] })
class ProductPageModule {}

describe('ServiceClientsModule', () => {
  let products: FakeUpstream;
  let inventory: FakeUpstream;

  beforeAll(async () => {
    products = await startFakeUpstream({
      'GET /health/live': () => reply.json({ status: 'ok' }),
      'GET /products/:id': ({ params }) =>
        reply.json({ ...productFixture(params.id), relatedIds: ['r1', 'r2'] }),
      'GET /products': ({ query }) =>
        reply.json({ items: query['ids'].split(',').map(productFixture) }),
    });
    inventory = await startFakeUpstream({ 'GET /inventory/:id': () => reply.hang() });
  });

  afterAll(async () => {
    await products.close();
    await inventory.close();
  });

  describe('forRoot', () => {
    it('reads base URLs from the environment and serves clients to feature modules', async () => {
      const moduleRef = await Test.createTestingModule({
        imports: [
          ServiceClientsModule.forRoot({
            environment: {
              PRODUCT_SERVICE_URL: products.url,
              INVENTORY_SERVICE_URL: inventory.url,
            },
          }),
          ProductPageModule,
        ],
      }).compile();
      await moduleRef.init();
      try {
        const page = await RequestContext.run({ requestId: 'r1' }, () =>
          moduleRef.get(ProductPageService).page('p1'),
        );
        expect(page.product.id).toBe('p1');
        expect(page.availability).toBeNull();
        expect(page.related.map((product) => product.id)).toEqual(['r1', 'r2']);
        expect(page.degraded).toEqual(['availability']);
      } finally {
        await moduleRef.close();
      }
    });

    it('refuses an invalid variable, naming it', async () => {
      await expect(
        Test.createTestingModule({
          imports: [ServiceClientsModule.forRoot({ environment: { UPSTREAM_TIMEOUT_MS: 'soon' } })],
        }).compile(),
      ).rejects.toThrow(/UPSTREAM_TIMEOUT_MS/);
    });
  });

  describe('forRootAsync', () => {
    it('takes its options from an injected env instance', async () => {
      const env = Object.assign(new AppEnv(), { PRODUCT_SERVICE_URL: products.url });
      const moduleRef = await Test.createTestingModule({
        imports: [
          ServiceClientsModule.forRootAsync({
            inject: [AppEnv],
            imports: [
              {
                module: class EnvModule {},
                providers: [{ provide: AppEnv, useValue: env }],
                exports: [AppEnv],
              },
            ],
            useFactory: (appEnv: AppEnv) => serviceClientsOptionsFromEnv(appEnv),
          }),
        ],
      }).compile();
      await moduleRef.init();
      try {
        await expect(moduleRef.get(ProductClient).getProduct('p1')).resolves.toMatchObject({
          id: 'p1',
        });
      } finally {
        await moduleRef.close();
      }
    });
  });

  describe('the env fragment', () => {
    it('has the contract’s defaults and keeps the fields of the class it extends', () => {
      const env = new AppEnv();
      expect(env).toMatchObject({
        HOST: '0.0.0.0',
        PRODUCT_SERVICE_URL: 'http://127.0.0.1:3101',
        INVENTORY_SERVICE_URL: 'http://127.0.0.1:3102',
        ORDER_SERVICE_URL: 'http://127.0.0.1:3103',
        UPSTREAM_TIMEOUT_MS: 2000,
        CIRCUIT_FAILURE_THRESHOLD: 5,
        CIRCUIT_RESET_MS: 10000,
      });
    });

    it('converts and validates variables', () => {
      expect(
        loadServiceClientsEnv({ CIRCUIT_RESET_MS: '250', UPSTREAM_TIMEOUT_MS: '' }),
      ).toMatchObject({
        CIRCUIT_RESET_MS: 250,
        UPSTREAM_TIMEOUT_MS: 2000,
      });
      expect(() => loadServiceClientsEnv({ ORDER_SERVICE_URL: 'ftp://orders' })).toThrow(
        /ORDER_SERVICE_URL/,
      );
      expect(() => loadServiceClientsEnv({ CIRCUIT_FAILURE_THRESHOLD: '0' })).toThrow(
        /CIRCUIT_FAILURE_THRESHOLD/,
      );
    });
  });

  describe('ServiceClientsHealth', () => {
    it('reports a live service as up and an unreachable one as down', async () => {
      const clients = await startClients({
        product: { baseUrl: products.url },
        inventory: { baseUrl: inventory.url },
        order: { baseUrl: await unusedUrl() },
      });
      try {
        const health = clients.health as ServiceClientsHealth;
        await expect(health.checkAll(['product', 'inventory', 'order'], 1000)).resolves.toEqual([
          { service: 'product', up: true },
          { service: 'inventory', up: false, error: 'BFF_ERR_UPSTREAM_NOT_FOUND' },
          { service: 'order', up: false, error: 'BFF_ERR_UPSTREAM_UNAVAILABLE' },
        ]);
        expect(products.calls.some((call) => call.path === '/health/live')).toBe(true);
      } finally {
        await clients.close();
      }
    });

    it('probes around an open circuit, so that it sees a service recover', async () => {
      const flaky = await startFakeUpstream(() => reply.problem(500));
      const clients = await startClients({
        product: { baseUrl: flaky.url, circuit: { failureThreshold: 1 } },
      });
      try {
        await expect(clients.products.getProduct('p1')).rejects.toMatchObject({
          code: 'BFF_ERR_UPSTREAM_BAD_RESPONSE',
        });
        await expect(clients.products.getProduct('p1')).rejects.toMatchObject({
          code: 'BFF_ERR_UPSTREAM_CIRCUIT_OPEN',
        });
        flaky.setHandler(() => reply.json({ status: 'ok' }));
        await expect(clients.health.check('product')).resolves.toEqual({
          service: 'product',
          up: true,
        });
      } finally {
        await clients.close();
        await flaky.close();
      }
    });

    it('gives up on a hung service within its short timeout', async () => {
      const clients = await startClients({ inventory: { baseUrl: inventory.url } });
      try {
        inventory.setHandler(() => reply.hang());
        await expect(clients.health.check('inventory', 100)).resolves.toEqual({
          service: 'inventory',
          up: false,
          error: 'BFF_ERR_UPSTREAM_TIMEOUT',
        });
      } finally {
        await clients.close();
      }
    });
  });
});
