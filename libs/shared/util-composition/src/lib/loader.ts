import { RequestContext } from '@bff/util-request-context';
import DataLoader from 'dataloader';

/**
 * Loads single values by id; lookups made in one tick become one batch call.
 *
 * @example
 * const product = await productLoader.load('p1'); // Product | null
 */
export interface Loader<V> {
  /** The value with this id, or `null` when the batch answer left it out. */
  load(id: string): Promise<V | null>;
  loadMany(ids: readonly string[]): Promise<(V | null)[]>;
}

/**
 * How a loader reads a batch answer.
 *
 * @example
 * createLoader('stock', (ids) => inventory.getStocks(ids), { idOf: (stock) => stock.productId });
 */
export interface LoaderOptions<V> {
  /** The id of a value in the batch answer (answers may leave ids out and come in any order). */
  idOf: (value: V) => string;
  /** Most ids per batch call; unlimited by default (service clients split batches themselves). */
  maxBatchSize?: number;
}

/**
 * A request-scoped batching loader on `dataloader`. Within a request (`RequestContext`), one
 * loader instance serves the whole request: single-id lookups made in the same tick are
 * coalesced into one `batch` call and each id is fetched at most once. Outside a request, lookups
 * in one tick are still coalesced, but nothing is cached, so no value is ever shared between
 * requests. No Nest REQUEST scope is involved.
 *
 * @example
 * const productLoader = createLoader('products', (ids) => products.getProducts(ids), {
 *   idOf: (product) => product.id,
 * });
 * // Anywhere in the same request, in the same tick: one GET /products?ids=p1,p2
 * const [p1, p2] = await Promise.all([productLoader.load('p1'), productLoader.load('p2')]);
 */
export function createLoader<V>(
  name: string,
  batch: (ids: readonly string[]) => Promise<Iterable<V>>,
  options: LoaderOptions<V>,
): Loader<V> {
  const key = Symbol(`loader:${name}`);
  const make = (cache: boolean) =>
    new DataLoader<string, V | null>(
      async (ids) => {
        const found = new Map<string, V>();
        for (const value of await batch(ids)) found.set(options.idOf(value), value);
        return ids.map((id) => found.get(id) ?? null);
      },
      { cache, maxBatchSize: options.maxBatchSize, name },
    );
  let outsideRequests: DataLoader<string, V | null> | undefined;
  const current = () =>
    RequestContext.current()
      ? RequestContext.scoped(key, () => make(true))
      : (outsideRequests ??= make(false));

  return {
    load: (id) => current().load(id),
    loadMany: (ids) => Promise.all(ids.map((id) => current().load(id))),
  };
}
