import { MemoryThrottlerStorage } from './memory-throttler.storage';

describe('MemoryThrottlerStorage', () => {
  let now: number;
  let storage: MemoryThrottlerStorage;
  const hit = (key = 'ip:1', ttl = 60_000, limit = 3, block = 60_000, tier = 'default') =>
    storage.increment(key, ttl, limit, block, tier);

  beforeEach(() => {
    now = 1_000_000;
    storage = new MemoryThrottlerStorage(() => now);
  });
  afterEach(() => storage.onApplicationShutdown());

  it('allows exactly the limit in a window and blocks the next call', async () => {
    const records = [await hit(), await hit(), await hit(), await hit()];
    expect(records.map((r) => [r.totalHits, r.isBlocked])).toEqual([
      [1, false],
      [2, false],
      [3, false],
      [4, true],
    ]);
    expect(records[0].timeToExpire).toBe(60);
    expect(records[3].timeToBlockExpire).toBe(60);
  });

  it('starts counting again when the window ends', async () => {
    for (let i = 0; i < 4; i++) await hit();
    now += 60_000;
    expect(await hit()).toMatchObject({ totalHits: 1, isBlocked: false, timeToBlockExpire: 0 });
  });

  it('keeps a block for its own duration, past the end of the window', async () => {
    for (let i = 0; i < 4; i++) await hit('ip:1', 1_000, 3, 10_000);
    now += 5_000;
    expect(await hit('ip:1', 1_000, 3, 10_000)).toMatchObject({
      totalHits: 1,
      isBlocked: true,
      timeToBlockExpire: 5,
    });
    now += 5_000;
    expect(await hit('ip:1', 1_000, 3, 10_000)).toMatchObject({ isBlocked: false });
  });

  it('counts clients and tiers apart', async () => {
    for (let i = 0; i < 3; i++) await hit('ip:1');
    expect(await hit('ip:2')).toMatchObject({ totalHits: 1, isBlocked: false });
    expect(await hit('ip:1', 60_000, 3, 60_000, 'checkout')).toMatchObject({ totalHits: 1 });
  });

  it('keeps one counter per client, not one entry per hit', async () => {
    for (let i = 0; i < 100_000; i++) await hit('ip:busy', 60_000, 1e9);
    expect(storage.size).toBe(1);
    expect(await hit('ip:busy', 60_000, 1e9)).toMatchObject({ totalHits: 100_001 });
  });

  it('forgets clients whose window and block have ended', async () => {
    for (let i = 0; i < 4; i++) await hit('ip:blocked', 1_000, 3, 10_000);
    await hit('ip:quiet', 1_000);
    now += 2_000;
    storage.sweep();
    expect(storage.size).toBe(1);
    now += 10_000;
    storage.sweep();
    expect(storage.size).toBe(0);
  });
});
