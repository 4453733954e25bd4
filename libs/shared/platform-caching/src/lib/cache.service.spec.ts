import { createCache } from 'cache-manager';
import { RequestContext } from '@bff/util-request-context';
import { metricsRegistry } from '@bff/util-metrics';
import { CacheService } from './cache.service';
import { CacheStore } from './cache-store';
import { resolveCachingOptions } from './caching-options.util';

function service(ttlMs = 1000) {
  const options = resolveCachingOptions({ namespace: 'unit', ttlMs, redisTimeoutMs: 50 }, {});
  const store = new CacheStore(options);
  const cache = createCache({ stores: [store.keyv] });
  return { cache, cacheService: new CacheService(cache as never, options, store) };
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

async function counterValue(name: string, cache: string): Promise<number> {
  const metric = await metricsRegistry.getSingleMetric(name)?.get();
  return metric?.values.find((v) => v.labels['cache'] === cache)?.value ?? 0;
}

describe('CacheService', () => {
  afterEach(() => jest.restoreAllMocks());

  it('does not store a value its caller says not to keep', async () => {
    const { cacheService } = service();
    const loader = jest.fn(async () => ({ degraded: ['availability'] }));
    const options = {
      scope: 'public' as const,
      cacheIf: (v: { degraded: string[] }) => v.degraded.length === 0,
    };
    await cacheService.getOrSet('page:d1', options, loader);
    await cacheService.getOrSet('page:d1', options, loader);
    expect(loader).toHaveBeenCalledTimes(2);
  });

  describe('when the TTL is 0 (caching off)', () => {
    it('stores nothing, so every sequential call loads', async () => {
      const { cacheService } = service(0);
      const loader = jest.fn(async () => 'value');
      await cacheService.getOrSet('page:p0', { scope: 'public' }, loader);
      await cacheService.getOrSet('page:p0', { scope: 'public' }, loader);
      expect(loader).toHaveBeenCalledTimes(2);
    });

    it('still coalesces concurrent misses into one load', async () => {
      const { cacheService } = service(0);
      const gate = deferred<string>();
      const loader = jest.fn(() => gate.promise);
      const callers = [1, 2, 3].map(() =>
        cacheService.getOrSet('page:p0', { scope: 'public' }, loader),
      );
      gate.resolve('value');
      expect(await Promise.all(callers)).toEqual(['value', 'value', 'value']);
      expect(loader).toHaveBeenCalledTimes(1);
    });
  });

  it('makes one loader call for concurrent misses of one key', async () => {
    const { cacheService } = service();
    const gate = deferred<string>();
    const loader = jest.fn(() => gate.promise);
    const callers = Array.from({ length: 10 }, () =>
      cacheService.getOrSet('page:p1', { scope: 'public' }, loader),
    );
    gate.resolve('value');
    expect(await Promise.all(callers)).toEqual(Array(10).fill('value'));
    expect(loader).toHaveBeenCalledTimes(1);
  });

  it('serves a fresh value from the store and counts hits and misses by keyspace', async () => {
    const { cacheService } = service();
    const [hits, misses] = [
      await counterValue('bff_cache_hits_total', 'counted'),
      await counterValue('bff_cache_misses_total', 'counted'),
    ];
    const loader = jest.fn(async () => ({ n: 1 }));
    await cacheService.getOrSet('counted:1', { scope: 'public' }, loader);
    expect(await cacheService.getOrSet('counted:1', { scope: 'public' }, loader)).toEqual({ n: 1 });
    expect(loader).toHaveBeenCalledTimes(1);
    expect(await counterValue('bff_cache_misses_total', 'counted')).toBe(misses + 1);
    expect(await counterValue('bff_cache_hits_total', 'counted')).toBe(hits + 1);
  });

  it('serves the stored value itself from memory, frozen so that no caller can change it', async () => {
    const { cacheService } = service();
    const loaded = { product: { name: 'Lamp', tags: ['home'] } };
    const first = await cacheService.getOrSet('page:f1', { scope: 'public' }, async () => loaded);
    const second = await cacheService.getOrSet('page:f1', { scope: 'public' }, async () => ({
      product: { name: 'other', tags: [] },
    }));
    expect(second).toBe(first);
    expect(Object.isFrozen(second.product.tags)).toBe(true);
    expect(() => {
      (second.product as { name: string }).name = 'changed';
    }).toThrow(TypeError);
    expect(second.product.name).toBe('Lamp');
  });

  it('loads again once the value is no longer fresh', async () => {
    const { cacheService } = service(1000);
    const loader = jest.fn(async () => 'v');
    await cacheService.getOrSet('ttl:1', { scope: 'public' }, loader);
    jest.spyOn(Date, 'now').mockReturnValue(Date.now() + 1001);
    await cacheService.getOrSet('ttl:1', { scope: 'public' }, loader);
    expect(loader).toHaveBeenCalledTimes(2);
  });

  it('serves a stale value while one background load refreshes it', async () => {
    const { cacheService } = service(1000);
    await cacheService.getOrSet(
      'swr:1',
      { scope: 'public', staleWhileRevalidateMs: 5000 },
      async () => 'old',
    );
    jest.spyOn(Date, 'now').mockReturnValue(Date.now() + 1500);
    const gate = deferred<string>();
    const refresh = jest.fn(() => gate.promise);
    const options = { scope: 'public' as const, staleWhileRevalidateMs: 5000 };
    expect(await cacheService.getOrSet('swr:1', options, refresh)).toBe('old');
    expect(await cacheService.getOrSet('swr:1', options, refresh)).toBe('old');
    expect(refresh).toHaveBeenCalledTimes(1);
    gate.resolve('new');
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await cacheService.getOrSet('swr:1', options, refresh)).toBe('new');
  });

  it('does not cache a failed load', async () => {
    const { cacheService } = service();
    const loader = jest
      .fn()
      .mockRejectedValueOnce(new Error('upstream down'))
      .mockResolvedValue('ok');
    await expect(cacheService.getOrSet('fail:1', { scope: 'public' }, loader)).rejects.toThrow(
      'upstream down',
    );
    expect(await cacheService.getOrSet('fail:1', { scope: 'public' }, loader)).toBe('ok');
  });

  it('never stores user values, and dedupes them only within one request', async () => {
    const { cache, cacheService } = service();
    const loader = jest.fn(async () => ({ orders: [] }));
    await RequestContext.run({ requestId: 'r1' }, () =>
      Promise.all([
        cacheService.getOrSet('me:alice', { scope: 'user' }, loader),
        cacheService.getOrSet('me:alice', { scope: 'user' }, loader),
      ]),
    );
    expect(loader).toHaveBeenCalledTimes(1);
    await RequestContext.run({ requestId: 'r2' }, () =>
      cacheService.getOrSet('me:alice', { scope: 'user' }, loader),
    );
    expect(loader).toHaveBeenCalledTimes(2);
    expect(await cache.get('me:alice')).toBeUndefined();
  });

  it('treats a store that does not answer in time as a miss', async () => {
    const { cache, cacheService } = service();
    jest.spyOn(cache, 'get').mockReturnValue(new Promise(() => undefined));
    jest.spyOn(cache, 'set').mockReturnValue(new Promise(() => undefined));
    expect(await cacheService.getOrSet('hung:1', { scope: 'public' }, async () => 'loaded')).toBe(
      'loaded',
    );
  });
});
