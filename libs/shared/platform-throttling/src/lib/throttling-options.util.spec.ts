import { resolveThrottlingOptions } from './throttling-options.util';

describe('resolveThrottlingOptions', () => {
  it('defaults to 120 requests per minute in memory, trusting no proxy', () => {
    expect(resolveThrottlingOptions({}, {})).toEqual({
      tiers: [{ name: 'default', limit: 120, ttlMs: 60_000 }],
      redisUrl: undefined,
      trustedHops: 0,
      skipPaths: ['/health', '/metrics', '/docs'],
      redisTimeoutMs: 500,
    });
  });

  it('reads THROTTLE_LIMIT, THROTTLE_TTL_MS, REDIS_URL and TRUST_PROXY', () => {
    const resolved = resolveThrottlingOptions(
      {},
      {
        THROTTLE_LIMIT: '10',
        THROTTLE_TTL_MS: '1000',
        REDIS_URL: 'redis://cache:6379',
        TRUST_PROXY: '2',
      },
    );
    expect(resolved).toMatchObject({
      tiers: [{ name: 'default', limit: 10, ttlMs: 1000 }],
      redisUrl: 'redis://cache:6379',
      trustedHops: 2,
    });
    expect(resolveThrottlingOptions({}, { TRUST_PROXY: 'true' }).trustedHops).toBe(1);
  });

  it('adds named tiers after the default one', () => {
    const tiers = resolveThrottlingOptions(
      { tiers: { checkout: { limit: 5, ttlMs: 10_000 } } },
      {},
    ).tiers;
    expect(tiers.map((tier) => tier.name)).toEqual(['default', 'checkout']);
  });

  it.each([
    [{}, { THROTTLE_LIMIT: 'many' }, /THROTTLE_LIMIT/],
    [{}, { THROTTLE_TTL_MS: '0' }, /THROTTLE_TTL_MS/],
    [{}, { TRUST_PROXY: 'yes' }, /TRUST_PROXY/],
    [{}, { REDIS_URL: 'cache:6379' }, /REDIS_URL/],
    [{ tiers: { default: { limit: 1, ttlMs: 1 } } }, {}, /default/],
    [{ tiers: { checkout: { limit: 0, ttlMs: 1000 } } }, {}, /tiers.checkout.limit/],
  ])('refuses a bad setting at start (%j %j)', (options, env, message) => {
    expect(() => resolveThrottlingOptions(options, env)).toThrow(message);
  });
});
