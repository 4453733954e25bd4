import { BffError, isBffError } from '@bff/util-errors';
import { after, compose, optional, required } from './compose';

function later<T>(ms: number, value: T): Promise<T> {
  return new Promise((resolve) => setTimeout(() => resolve(value), ms));
}

function never(signal?: AbortSignal): Promise<never> {
  return new Promise((_resolve, reject) =>
    signal?.addEventListener('abort', () => reject(signal.reason)),
  );
}

describe('compose', () => {
  it('returns every part value and no degraded part when all succeed', async () => {
    const result = await compose({
      product: required(() => later(5, { id: 'p1' })),
      availability: optional(() => ({ available: 3 })),
    });
    expect(result).toEqual({ product: { id: 'p1' }, availability: { available: 3 }, degraded: [] });
  });

  it('starts every part before any of them finishes', async () => {
    const started: string[] = [];
    const part = (name: string) => async () => {
      started.push(name);
      await later(20, null);
      expect(started).toHaveLength(3);
      return name;
    };
    await compose({ a: required(part('a')), b: required(part('b')), c: optional(part('c')) });
    expect(started).toEqual(['a', 'b', 'c']);
  });

  describe('when a required part fails', () => {
    it('rejects with that part’s own error', async () => {
      const notFound = new BffError('BFF_ERR_UPSTREAM_NOT_FOUND', { upstream: 'product' });
      await expect(
        compose({
          product: required(() => Promise.reject(notFound)),
          availability: optional(() => later(5, 1)),
        }),
      ).rejects.toBe(notFound);
    });

    it('aborts the other parts', async () => {
      let otherSignal: AbortSignal | undefined;
      const failure = new BffError('BFF_ERR_UPSTREAM_UNAVAILABLE');
      await expect(
        compose({
          product: required(() => later(5, null).then(() => Promise.reject(failure))),
          related: optional(({ signal }) => {
            otherSignal = signal;
            return never(signal);
          }),
        }),
      ).rejects.toBe(failure);
      expect(otherSignal?.aborted).toBe(true);
    });

    it('rejects with a timeout error when the part is late', async () => {
      const error = await compose({
        product: required(({ signal }) => never(signal), { timeoutMs: 20 }),
      }).catch((e: unknown) => e);
      expect(isBffError(error, 'BFF_ERR_UPSTREAM_TIMEOUT')).toBe(true);
    });
  });

  describe('when an optional part fails', () => {
    it('gives null and names the part in degraded', async () => {
      const result = await compose({
        product: required(() => 'p1'),
        availability: optional(() => Promise.reject(new BffError('BFF_ERR_UPSTREAM_CIRCUIT_OPEN'))),
      });
      expect(result).toEqual({ product: 'p1', availability: null, degraded: ['availability'] });
    });

    it('gives its fallback when one is set', async () => {
      const result = await compose({
        related: optional((): Promise<string[]> => Promise.reject(new Error('down')), {
          fallback: [],
        }),
      });
      expect(result.related).toEqual([]);
      expect(result.degraded).toEqual(['related']);
    });

    it('does not wait for it past its own deadline, and tells onDegraded why', async () => {
      const onDegraded = jest.fn();
      const started = Date.now();
      const result = await compose(
        {
          product: required(() => later(5, 'p1')),
          availability: optional(({ signal }) => never(signal), { timeoutMs: 30 }),
        },
        { onDegraded },
      );
      expect(result.availability).toBeNull();
      expect(result.degraded).toEqual(['availability']);
      expect(Date.now() - started).toBeLessThan(1000);
      expect(onDegraded).toHaveBeenCalledWith('availability', expect.any(BffError));
    });

    it('lists several degraded parts in declared order', async () => {
      const result = await compose({
        b: optional(() => later(10, null).then(() => Promise.reject(new Error('b')))),
        a: optional(() => Promise.reject(new Error('a'))),
        c: required(() => 1),
      });
      expect(result.degraded).toEqual(['b', 'a']);
    });
  });

  describe('with a composite deadline', () => {
    it('drops optional parts and fails required ones that are still running', async () => {
      const optionalOnly = await compose(
        { product: required(() => 'p1'), related: optional(({ signal }) => never(signal)) },
        { timeoutMs: 30 },
      );
      expect(optionalOnly).toEqual({ product: 'p1', related: null, degraded: ['related'] });

      const error = await compose(
        { product: required(({ signal }) => never(signal)) },
        { timeoutMs: 30 },
      ).catch((e: unknown) => e);
      expect(isBffError(error, 'BFF_ERR_UPSTREAM_TIMEOUT')).toBe(true);
    });

    it('rejects when the caller’s signal fires', async () => {
      const caller = new AbortController();
      const reason = new Error('client went away');
      setTimeout(() => caller.abort(reason), 10);
      await expect(
        compose({ product: required(({ signal }) => never(signal)) }, { signal: caller.signal }),
      ).rejects.toBe(reason);
    });
  });

  describe('with dependent parts', () => {
    it('gives a dependent part the value it needs while independent parts run alongside', async () => {
      const events: string[] = [];
      const product = required(async () => {
        await later(20, null);
        events.push('product done');
        return { id: 'p1', relatedIds: ['p2', 'p3'] };
      });
      const result = await compose({
        product,
        availability: optional(async () => {
          events.push('stock started');
          return later(5, 7);
        }),
        related: optional(async ({ get }) => {
          const { relatedIds } = await get(product);
          events.push('related started');
          return relatedIds.map((id) => ({ id }));
        }),
      });
      expect(events).toEqual(['stock started', 'product done', 'related started']);
      expect(result.related).toEqual([{ id: 'p2' }, { id: 'p3' }]);
      expect(result.availability).toBe(7);
    });

    it('reads naturally with after()', async () => {
      const product = required(() => ({ relatedIds: ['p2'] }));
      const result = await compose({
        product,
        related: optional(
          after(product, (p) => p.relatedIds),
          { fallback: [] },
        ),
      });
      expect(result.related).toEqual(['p2']);
    });

    it('degrades a part whose optional dependency failed', async () => {
      const stock = optional((): Promise<number> => Promise.reject(new Error('down')));
      const result = await compose({
        stock,
        badge: optional(after(stock, (available) => (available > 0 ? 'in stock' : 'sold out'))),
      });
      expect(result.degraded).toEqual(['stock', 'badge']);
    });

    it('refuses a part that is not in the composite', async () => {
      const stranger = required(() => 1);
      const result = await compose({ value: optional(after(stranger, (n) => n + 1)) });
      expect(result.degraded).toEqual(['value']);
    });
  });

  it('refuses a part named degraded', async () => {
    const parts = { degraded: required(() => 1) } as never;
    await expect(compose(parts)).rejects.toThrow(TypeError);
  });

  it('resolves an empty composite', async () => {
    await expect(compose({})).resolves.toEqual({ degraded: [] });
  });
});
