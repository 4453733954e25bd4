import { RequestContext } from '@bff/util-request-context';
import { createLoader } from './loader';

interface Item {
  id: string;
  name: string;
}

function setup() {
  const calls: string[][] = [];
  const loader = createLoader<Item>(
    'items',
    async (ids) => {
      calls.push([...ids]);
      return ids.filter((id) => id !== 'missing').map((id) => ({ id, name: `item ${id}` }));
    },
    { idOf: (item) => item.id },
  );
  return { calls, loader };
}

const inRequest = <T>(requestId: string, fn: () => Promise<T>) =>
  RequestContext.run({ requestId }, fn);

describe('createLoader', () => {
  it('makes one batch call for lookups made in one tick of a request', async () => {
    const { calls, loader } = setup();
    const items = await inRequest('r1', () =>
      Promise.all(['a', 'b', 'c', 'd'].map((id) => loader.load(id))),
    );
    expect(calls).toEqual([['a', 'b', 'c', 'd']]);
    expect(items.map((item) => item?.name)).toEqual(['item a', 'item b', 'item c', 'item d']);
  });

  it('gives null for ids the batch answer left out', async () => {
    const { loader } = setup();
    await expect(inRequest('r1', () => loader.loadMany(['a', 'missing']))).resolves.toEqual([
      { id: 'a', name: 'item a' },
      null,
    ]);
  });

  it('fetches an id once per request', async () => {
    const { calls, loader } = setup();
    await inRequest('r1', async () => {
      await loader.load('a');
      await Promise.all([loader.load('a'), loader.load('b'), loader.load('b')]);
    });
    expect(calls).toEqual([['a'], ['b']]);
  });

  it('shares nothing between requests', async () => {
    const { calls, loader } = setup();
    await Promise.all([
      inRequest('r1', () => loader.load('a')),
      inRequest('r2', () => loader.load('a')),
    ]);
    expect(calls).toEqual([['a'], ['a']]);
  });

  it('coalesces lookups outside a request without caching them', async () => {
    const { calls, loader } = setup();
    await Promise.all([loader.load('a'), loader.load('b')]);
    await loader.load('a');
    expect(calls).toEqual([['a', 'b'], ['a']]);
  });

  it('rejects every lookup of a failed batch', async () => {
    const loader = createLoader<Item>('broken', () => Promise.reject(new Error('down')), {
      idOf: (item) => item.id,
    });
    const results = await Promise.allSettled([loader.load('a'), loader.load('b')]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
  });
});
