import { Controller, Get, Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '@bff/platform-bootstrap';
import { metricsRegistry } from '@bff/util-metrics';
import { hasRedisServer, type RedisServer, startRedisServer } from '@bff/util-testing';
import { ThrottlingModule, type ThrottlingModuleOptions } from '../index';

@Controller()
class ProductsController {
  @Get('products')
  products() {
    return { items: [] };
  }
}

async function startApp(
  options: Partial<ThrottlingModuleOptions>,
): Promise<{ app: NestFastifyApplication; base: string }> {
  @Module({ controllers: [ProductsController], imports: [ThrottlingModule.forRoot(options)] })
  class AppModule {}
  const app = await createApp(AppModule, {
    name: 'throttling-redis-e2e',
    defaultPort: 0,
    environment: { LOG_LEVEL: 'silent' },
  });
  await app.listen(0, '127.0.0.1');
  return { app, base: await app.getUrl() };
}

/** A request that fails the test instead of hanging it. */
const get = (base: string) =>
  fetch(`${base}/products`, { signal: AbortSignal.timeout(3000) }).then((r) => r.status);

async function storeErrors(): Promise<number> {
  const metric = await metricsRegistry.getSingleMetric('bff_rate_limit_store_errors_total')?.get();
  return metric?.values[0]?.value ?? 0;
}

const describeWithRedis = hasRedisServer() ? describe : describe.skip;

describeWithRedis('ThrottlingModule with Redis storage', () => {
  let redis: RedisServer;
  let apps: Array<{ app: NestFastifyApplication; base: string }>;

  beforeEach(async () => {
    redis = await startRedisServer();
    apps = [
      await startApp({ limit: 4, ttlMs: 60_000, redisUrl: redis.url }),
      await startApp({ limit: 4, ttlMs: 60_000, redisUrl: redis.url }),
    ];
  });

  afterEach(async () => {
    await Promise.all(apps.map(({ app }) => app.close()));
    await redis.close();
  });

  it('holds one limit across two instances', async () => {
    const [a, b] = apps;
    const sequence = [await get(a.base), await get(b.base), await get(a.base), await get(b.base)];
    expect(sequence).toEqual([200, 200, 200, 200]);
    expect(await get(a.base)).toBe(429);
    expect(await get(b.base)).toBe(429);
  });

  it('counts concurrent requests to both instances atomically: exactly the limit succeeds', async () => {
    const [a, b] = apps;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => get(i % 2 ? a.base : b.base)),
    );
    expect(results.filter((status) => status === 200)).toHaveLength(4);
    expect(results.filter((status) => status === 429)).toHaveLength(16);
  });

  describe('when Redis goes away', () => {
    it('keeps answering without waiting and falls back to a per-instance limit', async () => {
      const [a] = apps;
      expect(await get(a.base)).toBe(200);
      await redis.close();
      const before = await storeErrors();

      // The Redis count (1) is not visible in memory: each instance now allows 4 of its own.
      expect([await get(a.base), await get(a.base), await get(a.base), await get(a.base)]).toEqual([
        200, 200, 200, 200,
      ]);
      expect(await get(a.base)).toBe(429);
      expect(await storeErrors()).toBeGreaterThan(before);
    });

    it('answers within the Redis timeout when Redis hangs', async () => {
      const [a] = apps;
      redis.pause();
      try {
        expect(await get(a.base)).toBe(200);
      } finally {
        redis.resume();
      }
    });
  });
});

describe('ThrottlingModule with an unreachable Redis at start', () => {
  it('starts, serves and still limits per instance', async () => {
    const { app, base } = await startApp({
      limit: 2,
      ttlMs: 60_000,
      redisUrl: 'redis://127.0.0.1:1',
    });
    try {
      expect([await get(base), await get(base), await get(base)]).toEqual([200, 200, 429]);
    } finally {
      await app.close();
    }
  });
});
