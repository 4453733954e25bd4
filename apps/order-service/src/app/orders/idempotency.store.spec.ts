import { BffError } from '@bff/util-errors';
import { IdempotencyStore } from './idempotency.store';

describe('IdempotencyStore', () => {
  let clock: number;
  let store: IdempotencyStore<string>;

  beforeEach(() => {
    clock = 1_000;
    store = new IdempotencyStore<string>({ ttlMs: 60_000, now: () => clock });
  });

  it('runs the operation once and replays its value for the same key and fingerprint', async () => {
    const operation = jest.fn(async () => 'order-1');

    const first = await store.run('alice', 'k1', 'body-a', operation);
    const second = await store.run('alice', 'k1', 'body-a', operation);

    expect(first).toEqual({ value: 'order-1', replayed: false });
    expect(second).toEqual({ value: 'order-1', replayed: true });
    expect(operation).toHaveBeenCalledTimes(1);
  });

  it('shares one run between requests that arrive together', async () => {
    let release!: (value: string) => void;
    const operation = jest.fn(() => new Promise<string>((resolve) => (release = resolve)));

    const pending = Array.from({ length: 10 }, () => store.run('alice', 'k1', 'body-a', operation));
    await Promise.resolve();
    release('order-1');
    const results = await Promise.all(pending);

    expect(operation).toHaveBeenCalledTimes(1);
    expect(results.map((result) => result.value)).toEqual(Array(10).fill('order-1'));
    expect(results.filter((result) => !result.replayed)).toHaveLength(1);
  });

  it('refuses the same key with another fingerprint with 422', async () => {
    await store.run('alice', 'k1', 'body-a', async () => 'order-1');

    const reuse = store.run('alice', 'k1', 'body-b', async () => 'order-2');

    await expect(reuse).rejects.toBeInstanceOf(BffError);
    await expect(reuse).rejects.toMatchObject({
      code: 'BFF_ERR_IDEMPOTENCY_KEY_REUSED',
      status: 422,
    });
  });

  it('refuses another fingerprint also while the first run is still in flight', async () => {
    const first = store.run('alice', 'k1', 'body-a', () => new Promise<string>(() => undefined));
    void first;

    await expect(store.run('alice', 'k1', 'body-b', async () => 'x')).rejects.toMatchObject({
      code: 'BFF_ERR_IDEMPOTENCY_KEY_REUSED',
    });
  });

  it('keeps keys of different scopes apart', async () => {
    const alice = await store.run('alice', 'k1', 'body-a', async () => 'order-a');
    const bob = await store.run('bob', 'k1', 'body-b', async () => 'order-b');

    expect(alice).toEqual({ value: 'order-a', replayed: false });
    expect(bob).toEqual({ value: 'order-b', replayed: false });
  });

  it('releases the key when the operation fails, so a retry runs again', async () => {
    const failure = new Error('product service down');
    await expect(
      store.run('alice', 'k1', 'body-a', async () => {
        throw failure;
      }),
    ).rejects.toBe(failure);

    const retry = await store.run('alice', 'k1', 'body-a', async () => 'order-1');

    expect(retry).toEqual({ value: 'order-1', replayed: false });
  });

  it('hands the failure to every request that shared the failed run', async () => {
    let fail!: (error: Error) => void;
    const operation = () => new Promise<string>((_, reject) => (fail = reject));

    const pending = [1, 2, 3].map(() => store.run('alice', 'k1', 'body-a', operation));
    await Promise.resolve();
    fail(new Error('boom'));

    const outcomes = await Promise.allSettled(pending);
    expect(outcomes.every((outcome) => outcome.status === 'rejected')).toBe(true);
    expect(store.size).toBe(0);
  });

  it('treats an operation that throws synchronously as a failed run', async () => {
    await expect(
      store.run('alice', 'k1', 'body-a', () => {
        throw new Error('sync');
      }),
    ).rejects.toThrow('sync');
    expect(store.size).toBe(0);
  });

  it('forgets a key after its time to live', async () => {
    await store.run('alice', 'k1', 'body-a', async () => 'order-1');
    clock += 60_000;

    const later = await store.run('alice', 'k1', 'body-b', async () => 'order-2');

    expect(later).toEqual({ value: 'order-2', replayed: false });
    expect(store.size).toBe(1);
  });
});
