import { metricCount } from '@bff/util-testing';

/** A counter to read: an app's base URL, a metric and the labels a sample must carry. */
export interface CallCounter {
  url: string;
  metric?: string;
  labels: Record<string, string>;
}

const SERVED = 'bff_http_request_duration_seconds_count';

/**
 * The routes of the reference services a web-bff composite may call, counted by the services
 * themselves (requests they served, from their `/metrics`).
 */
export function serviceRoutes(urls: { product: string; inventory: string; order: string }) {
  return {
    productById: { url: urls.product, labels: { route: '/products/:id' } },
    // Both the batch (`?ids=`) and the page (`?category=&limit=`) calls.
    products: { url: urls.product, labels: { route: '/products' } },
    stockById: { url: urls.inventory, labels: { route: '/inventory/:productId' } },
    stockBatch: { url: urls.inventory, labels: { route: '/inventory' } },
    orderList: { url: urls.order, labels: { route: '/orders', method: 'GET' } },
    orderById: { url: urls.order, labels: { route: '/orders/:id' } },
    orderCreate: { url: urls.order, labels: { route: '/orders', method: 'POST' } },
  } satisfies Record<string, CallCounter>;
}

async function read<K extends string>(
  counters: Record<K, CallCounter>,
): Promise<Record<K, number>> {
  const entries = await Promise.all(
    Object.entries<CallCounter>(counters).map(
      async ([name, { url, metric, labels }]) =>
        [name, await metricCount(url, metric ?? SERVED, labels)] as const,
    ),
  );
  return Object.fromEntries(entries) as Record<K, number>;
}

/**
 * How many times each counter moved while `action` ran; `action` must have read its responses
 * to the end, so that every downstream call it caused has been answered.
 *
 * @example
 * const { calls } = await countCalls(serviceRoutes(services.urls), () => getJson(url));
 * expect(calls.productById).toBe(1);
 */
export async function countCalls<K extends string, T>(
  counters: Record<K, CallCounter>,
  action: () => Promise<T>,
): Promise<{ calls: Record<K, number>; result: T }> {
  const before = await read(counters);
  const result = await action();
  const after = await read(counters);
  const calls = {} as Record<K, number>;
  for (const name of Object.keys(counters) as K[]) calls[name] = after[name] - before[name];
  return { calls, result };
}
