import { resolveCachingOptions } from './caching-options.util';

describe('resolveCachingOptions', () => {
  it('defaults to 30 s in a bounded memory store', () => {
    expect(resolveCachingOptions({ namespace: 'web-bff' }, {})).toEqual({
      ttlMs: 30_000,
      redisUrl: undefined,
      namespace: 'web-bff',
      maxEntries: 10_000,
      redisTimeoutMs: 500,
    });
  });

  it('reads CACHE_TTL_MS and REDIS_URL, options winning', () => {
    const env = { CACHE_TTL_MS: '5000', REDIS_URL: 'redis://cache:6379' };
    expect(resolveCachingOptions({ namespace: 'm' }, env)).toMatchObject({
      ttlMs: 5000,
      redisUrl: 'redis://cache:6379',
    });
    expect(resolveCachingOptions({ namespace: 'm', ttlMs: 10 }, env).ttlMs).toBe(10);
  });

  it.each([
    [{ namespace: '' }, {}, /namespace/],
    [{ namespace: 'a b' }, {}, /namespace/],
    [{ namespace: 'x' }, { CACHE_TTL_MS: '-1' }, /CACHE_TTL_MS/],
    [{ namespace: 'x' }, { REDIS_URL: 'localhost' }, /REDIS_URL/],
  ])('refuses a bad setting at start (%j %j)', (options, env, message) => {
    expect(() => resolveCachingOptions(options, env)).toThrow(message);
  });
});
