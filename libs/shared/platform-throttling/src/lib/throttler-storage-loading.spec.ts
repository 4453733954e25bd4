import { MemoryThrottlerStorage } from './memory-throttler.storage';
import { throttlerStorageFor } from './throttling.module';
import { resolveThrottlingOptions } from './throttling-options.util';

// Start-up time: without REDIS_URL the Redis client libraries must never be loaded.
jest.mock('ioredis', () => {
  throw new Error('ioredis loaded');
});

describe('throttlerStorageFor', () => {
  it('keeps counters in memory without loading the Redis libraries', async () => {
    const storage = await throttlerStorageFor(resolveThrottlingOptions({}, {}));
    expect(storage).toBeInstanceOf(MemoryThrottlerStorage);
    (storage as MemoryThrottlerStorage).onApplicationShutdown();
  });

  it('loads them only for a Redis URL', async () => {
    await expect(
      throttlerStorageFor(resolveThrottlingOptions({ redisUrl: 'redis://127.0.0.1:1' }, {})),
    ).rejects.toThrow('ioredis loaded');
  });
});
