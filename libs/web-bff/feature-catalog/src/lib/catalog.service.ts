import { Injectable } from '@nestjs/common';
import { InventoryClient, ProductClient } from '@bff/data-access-service-clients';
import { CacheService } from '@bff/platform-caching';
import { after, compose, optional, required } from '@bff/util-composition';
import type { Stock } from '@bff/util-models';
import type { CatalogQuery } from './catalog.dto';
import { type CatalogPage, toCatalogPage } from './catalog.mapper';

/** Public, and kept only when complete: a degraded answer is not served for a whole TTL. */
const PUBLIC_COMPLETE = {
  scope: 'public',
  cacheIf: (value: { meta: { degraded: string[] } }) => value.meta.degraded.length === 0,
} as const;

@Injectable()
export class CatalogService {
  constructor(
    private readonly cache: CacheService,
    private readonly inventory: InventoryClient,
    private readonly products: ProductClient,
  ) {}

  /** Public and the same for every caller: cached per query. */
  get(query: CatalogQuery): Promise<CatalogPage> {
    const key = `catalog:${JSON.stringify([query.category, query.q, query.limit, query.cursor])}`;
    return this.cache.getOrSet(key, PUBLIC_COMPLETE, () => this.compose(query));
  }

  /** One page call (required), then one batch stock call for the page's products (optional). */
  private async compose(query: CatalogQuery): Promise<CatalogPage> {
    const page = required(({ signal }) => this.products.listProducts(query, { signal }));
    const result = await compose({
      page,
      availability: optional<Stock[]>(
        after(page, (products, { signal }) =>
          this.inventory.getStocks(
            products.items.map((product) => product.id),
            { signal },
          ),
        ),
      ),
    });
    return toCatalogPage(result.page, result.availability, result.degraded);
  }
}
