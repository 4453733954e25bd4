import { BffError } from '@bff/util-errors';
import { MAX_BATCH_IDS, type Money } from '@bff/util-models';
import { RequestContext } from '@bff/util-request-context';

export interface ProductPricesClientOptions {
  /** Base URL of product-service, e.g. `http://127.0.0.1:3101`. */
  baseUrl: string;
  timeoutMs: number;
}

const UPSTREAM = 'product-service';

/**
 * Current prices from product-service's batch route. Global fetch keeps connections alive; every
 * failure becomes a `BffError` whose detail names the service but never its address.
 */
export class ProductPricesClient {
  private readonly baseUrl: string;

  constructor(private readonly options: ProductPricesClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
  }

  /** Prices by product id; ids the catalogue does not know are absent from the map. */
  async pricesOf(productIds: readonly string[]): Promise<Map<string, Money>> {
    const ids = [...new Set(productIds)];
    const prices = new Map<string, Money>();
    for (let start = 0; start < ids.length; start += MAX_BATCH_IDS) {
      const batch = ids.slice(start, start + MAX_BATCH_IDS);
      for (const [id, price] of await this.fetchBatch(batch)) prices.set(id, price);
    }
    return prices;
  }

  private async fetchBatch(ids: readonly string[]): Promise<Map<string, Money>> {
    const url = `${this.baseUrl}/products?ids=${ids.map(encodeURIComponent).join(',')}`;
    const headers: Record<string, string> = { accept: 'application/json' };
    const requestId = RequestContext.current()?.requestId;
    const traceparent = RequestContext.traceparent();
    if (requestId) headers['x-request-id'] = requestId;
    if (traceparent) headers['traceparent'] = traceparent;

    let response: Response;
    let body: unknown;
    try {
      response = await fetch(url, { headers, signal: AbortSignal.timeout(this.options.timeoutMs) });
      body = response.ok ? await response.json() : await response.body?.cancel();
    } catch (error) {
      throw this.failure(error);
    }
    if (!response.ok) {
      throw new BffError('BFF_ERR_UPSTREAM_BAD_RESPONSE', {
        detail: 'The product service answered with an error',
        upstream: UPSTREAM,
        cause: new Error(`${UPSTREAM} answered ${response.status}`),
      });
    }
    return parsePrices(body);
  }

  private failure(error: unknown): BffError {
    // Read by name: errors from fetch may come from another realm (e.g. under Jest).
    const name = (error as { name?: unknown } | null)?.name;
    if (name === 'TimeoutError') {
      return new BffError('BFF_ERR_UPSTREAM_TIMEOUT', {
        detail: 'The product service did not answer in time',
        upstream: UPSTREAM,
        cause: error,
      });
    }
    if (name === 'SyntaxError') {
      return new BffError('BFF_ERR_UPSTREAM_BAD_RESPONSE', {
        detail: 'The product service answered with an unreadable body',
        upstream: UPSTREAM,
        cause: error,
      });
    }
    return new BffError('BFF_ERR_UPSTREAM_UNAVAILABLE', {
      detail: 'The product service is unavailable',
      upstream: UPSTREAM,
      cause: error,
    });
  }
}

function parsePrices(body: unknown): Map<string, Money> {
  const items = (body as { items?: unknown } | null)?.items;
  if (!Array.isArray(items)) {
    throw new BffError('BFF_ERR_UPSTREAM_BAD_RESPONSE', {
      detail: 'The product service answered with an unexpected body',
      upstream: UPSTREAM,
    });
  }
  const prices = new Map<string, Money>();
  for (const item of items as Array<{ id?: unknown; price?: Partial<Money> }>) {
    const amount = item?.price?.amount;
    if (
      typeof item?.id !== 'string' ||
      !Number.isSafeInteger(amount) ||
      (amount as number) < 0 ||
      item.price?.currency !== 'USD'
    ) {
      throw new BffError('BFF_ERR_UPSTREAM_BAD_RESPONSE', {
        detail: 'The product service answered with an unexpected body',
        upstream: UPSTREAM,
      });
    }
    prices.set(item.id, { amount: amount as number, currency: 'USD' });
  }
  return prices;
}
