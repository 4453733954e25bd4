import { Controller, Get, Headers, Module, Param } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Redis } from 'ioredis';
import { createApp } from '@bff/platform-bootstrap';
import { hasRedisServer, type RedisServer, startRedisServer } from '@bff/util-testing';
import { CacheScope, CacheService, CachingModule, type CachingModuleOptions } from '../index';

/** Stands for the upstream calls a composite makes; shared by every app of a test. */
const upstream = {
  calls: 0,
  delayMs: 50,
  async load(id: string) {
    upstream.calls++;
    await new Promise((resolve) => setTimeout(resolve, upstream.delayMs));
    return { id, name: `Product ${id}`, loadedAt: upstream.calls };
  },
};

@Controller()
class ProductsController {
  constructor(private readonly cache: CacheService) {}

  @CacheScope('public')
  @Get('products/:id')
  product(@Param('id') id: string) {
    return this.cache.getOrSet(`product-page:${id}`, { scope: 'public' }, () => upstream.load(id));
  }

  @CacheScope('public')
  @Get('broken/:id')
  broken(@Param('id') id: string) {
    return this.cache.getOrSet(`broken:${id}`, { scope: 'public' }, async () => {
      throw new Error('upstream went away');
    });
  }

  @CacheScope('user')
  @Get('me/orders')
  orders(@Headers('x-user') user: string) {
    return this.cache.getOrSet(`orders:${user}`, { scope: 'user' }, () => upstream.load(user));
  }

  @Get('me/profile')
  profile() {
    return { ok: true };
  }
}

async function startApp(
  options: Partial<CachingModuleOptions> = {},
): Promise<{ app: NestFastifyApplication; base: string }> {
  @Module({
    controllers: [ProductsController],
    imports: [CachingModule.forRoot({ namespace: 'caching-e2e', ttlMs: 30_000, ...options })],
  })
  class AppModule {}
  const app = await createApp(AppModule, {
    name: 'caching-e2e',
    defaultPort: 0,
    environment: { LOG_LEVEL: 'silent' },
  });
  await app.listen(0, '127.0.0.1');
  return { app, base: await app.getUrl() };
}

/** A request that fails the test instead of hanging it. */
const get = (base: string, path: string, headers: Record<string, string> = {}) =>
  fetch(`${base}${path}`, { headers, signal: AbortSignal.timeout(3000) });

beforeEach(() => {
  upstream.calls = 0;
  upstream.delayMs = 50;
});

describe('CachingModule over HTTP (memory store)', () => {
  let app: NestFastifyApplication;
  let base: string;

  beforeAll(async () => {
    ({ app, base } = await startApp());
  });

  afterAll(() => app.close());

  it('makes one upstream call for concurrent requests of one uncached composite', async () => {
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => get(base, '/products/single')),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(200));
    const bodies = await Promise.all(responses.map((r) => r.json()));
    expect(new Set(bodies.map((b) => JSON.stringify(b))).size).toBe(1);
    expect(upstream.calls).toBe(1);
  });

  it('serves the next request from the cache with a public Cache-Control', async () => {
    await get(base, '/products/p2');
    const cached = await get(base, '/products/p2');
    expect(await cached.json()).toMatchObject({ id: 'p2', loadedAt: 1 });
    expect(cached.headers.get('cache-control')).toBe('public, max-age=30');
    expect(upstream.calls).toBe(1);
  });

  it('never caches user-scoped values and marks them private, no-store', async () => {
    const first = await get(base, '/me/orders', { 'x-user': 'alice' });
    await get(base, '/me/orders', { 'x-user': 'alice' });
    expect(first.headers.get('cache-control')).toBe('private, no-store');
    expect(upstream.calls).toBe(2);
  });

  it('marks an error on a public route no-store, never public', async () => {
    const response = await get(base, '/broken/b1');
    expect(response.status).toBe(500);
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('marks an undecorated response to a request with credentials private, no-store', async () => {
    const withToken = await get(base, '/me/profile', { authorization: 'Bearer x' });
    expect(withToken.headers.get('cache-control')).toBe('private, no-store');
    expect((await get(base, '/me/profile')).headers.get('cache-control')).toBeNull();
  });

  it('reports hits and misses per keyspace at /metrics', async () => {
    await get(base, '/products/p3');
    await get(base, '/products/p3');
    const text = await (await get(base, '/metrics')).text();
    expect(text).toMatch(/bff_cache_hits_total\{cache="product-page"\} [1-9]/);
    expect(text).toMatch(/bff_cache_misses_total\{cache="product-page"\} [1-9]/);
  });
});

const describeWithRedis = hasRedisServer() ? describe : describe.skip;

async function keysIn(url: string): Promise<string[]> {
  const client = new Redis(url);
  try {
    return (await client.keys('*')).sort();
  } finally {
    client.disconnect();
  }
}

describeWithRedis('CachingModule with Redis', () => {
  let redis: RedisServer;
  let apps: Array<{ app: NestFastifyApplication; base: string }>;

  beforeEach(async () => {
    redis = await startRedisServer();
    apps = [await startApp({ redisUrl: redis.url }), await startApp({ redisUrl: redis.url })];
  });

  afterEach(async () => {
    redis.resume();
    await Promise.all(apps.map(({ app }) => app.close()));
    await redis.close();
  });

  it('shares public values between two instances', async () => {
    const [a, b] = apps;
    const loaded = await (await get(a.base, '/products/shared')).json();
    const fromB = await (await get(b.base, '/products/shared')).json();
    expect(fromB).toEqual(loaded);
    expect(upstream.calls).toBe(1);
    expect(await keysIn(redis.url)).toEqual(['caching-e2e::product-page:shared']);
  });

  it('never puts user values in Redis', async () => {
    const [a, b] = apps;
    await get(a.base, '/me/orders', { 'x-user': 'alice' });
    await get(b.base, '/me/orders', { 'x-user': 'alice' });
    expect(upstream.calls).toBe(2);
    expect(await keysIn(redis.url)).toEqual([]);
  });

  it('treats a Redis that went away as a miss and loads, without waiting', async () => {
    const [a] = apps;
    await redis.close();
    const response = await get(a.base, '/products/down');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ id: 'down' });
    expect(upstream.calls).toBe(1);
  });

  it('answers within the Redis timeout when Redis hangs', async () => {
    const [a] = apps;
    redis.pause();
    const response = await get(a.base, '/products/hung');
    expect(response.status).toBe(200);
    expect(upstream.calls).toBe(1);
  });
});

describe('CachingModule with an unreachable Redis at start', () => {
  it('starts and serves by loading', async () => {
    const { app, base } = await startApp({ redisUrl: 'redis://127.0.0.1:1' });
    try {
      const response = await get(base, '/products/nowhere');
      expect(response.status).toBe(200);
      expect(upstream.calls).toBe(1);
    } finally {
      await app.close();
    }
  });
});
