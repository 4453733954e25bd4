import { Injectable } from '@nestjs/common';
import { InventoryClient, ProductClient } from '@bff/data-access-service-clients';
import { CacheService } from '@bff/platform-caching';
import { after, compose, optional, required } from '@bff/util-composition';
import type { Stock } from '@bff/util-models';
import { type Feed, toCompactProduct, toFeed } from './compact-product.mapper';
import type { FeedQuery } from './products.dto';
import { strongEtag } from './etag.util';

/** The compact product, serialised once with its entity tag, as it is cached and sent. */
export interface ProductRepresentation {
  body: string;
  etag: string;
  degraded: string[];
}

export interface FeedAnswer {
  feed: Feed;
  degraded: string[];
}

/** Public, and kept only when complete: a degraded answer is not served for a whole TTL. */
const PUBLIC_COMPLETE = {
  scope: 'public',
  cacheIf: (value: { degraded: string[] }) => value.degraded.length === 0,
} as const;

@Injectable()
export class ProductsService {
  constructor(
    private readonly cache: CacheService,
    private readonly inventory: InventoryClient,
    private readonly products: ProductClient,
  ) {}

  /**
   * Public: the same for every app and user, so cached and shared. The body and its ETag are
   * computed once per cached value, not per request.
   */
  product(id: string): Promise<ProductRepresentation> {
    return this.cache.getOrSet(`product-compact:${id}`, PUBLIC_COMPLETE, async () => {
      const result = await compose({
        product: required(({ signal }) => this.products.getProduct(id, { signal })),
        // Needs nothing from the product: both calls start at once.
        availability: optional<Stock[]>(({ signal }) => this.inventory.getStocks([id], { signal })),
      });
      const body = JSON.stringify(toCompactProduct(result.product, result.availability));
      return { body, etag: strongEtag(body), degraded: result.degraded };
    });
  }

  /** Public and cached per query: one page call (required), then one batch stock call (optional). */
  feed(query: FeedQuery): Promise<FeedAnswer> {
    const key = `feed:${JSON.stringify([query.category, query.limit, query.cursor])}`;
    return this.cache.getOrSet(key, PUBLIC_COMPLETE, async () => {
      const page = required(({ signal }) =>
        this.products.listProducts(
          { category: query.category, limit: query.limit, cursor: query.cursor },
          { signal },
        ),
      );
      const result = await compose({
        page,
        availability: optional<Stock[]>(
          after(page, ({ items }, { signal }) =>
            this.inventory.getStocks(
              items.map((product) => product.id),
              { signal },
            ),
          ),
        ),
      });
      return { feed: toFeed(result.page, result.availability), degraded: result.degraded };
    });
  }
}
