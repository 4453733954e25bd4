import { CacheStore } from './cache-store';
import { resolveCachingOptions } from './caching-options.util';

// Start-up time: without REDIS_URL the Redis client library must never be loaded.
jest.mock('@keyv/redis', () => {
  throw new Error('@keyv/redis loaded');
});

describe('CacheStore.create', () => {
  it('keeps values in memory without loading the Redis library', async () => {
    const store = await CacheStore.create(resolveCachingOptions({ namespace: 'unit' }, {}));
    await store.keyv.set('k', { v: 1 });
    expect(await store.keyv.get('k')).toEqual({ v: 1 });
  });

  it('loads it only for a Redis URL', async () => {
    await expect(
      CacheStore.create(
        resolveCachingOptions({ namespace: 'unit', redisUrl: 'redis://127.0.0.1:1' }, {}),
      ),
    ).rejects.toThrow('@keyv/redis loaded');
  });
});
