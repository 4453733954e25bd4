import { Injectable } from '@nestjs/common';
import { InventoryClient, ProductClient } from '@bff/data-access-service-clients';
import { CacheService } from '@bff/platform-caching';
import { after, compose, optional, required } from '@bff/util-composition';
import type { Stock } from '@bff/util-models';
import { type ProductPage, toProductPage } from './product-page.mapper';

/** Public, and kept only when complete: a degraded answer is not served for a whole TTL. */
const PUBLIC_COMPLETE = {
  scope: 'public',
  cacheIf: (value: { meta: { degraded: string[] } }) => value.meta.degraded.length === 0,
} as const;

@Injectable()
export class ProductPageService {
  constructor(
    private readonly cache: CacheService,
    private readonly inventory: InventoryClient,
    private readonly products: ProductClient,
  ) {}

  /** Public: the same page for every caller, so it is cached and shared. */
  get(id: string): Promise<ProductPage> {
    return this.cache.getOrSet(`product-page:${id}`, PUBLIC_COMPLETE, () => this.compose(id));
  }

  /**
   * The product is required. Once it is known, its related products (one batch call) and the
   * stock of it and of them (one batch call) run in parallel; both are optional.
   */
  private async compose(id: string): Promise<ProductPage> {
    const product = required(({ signal }) => this.products.getProduct(id, { signal }));
    const page = await compose({
      product,
      availability: optional<Stock[]>(
        after(product, (p, { signal }) =>
          this.inventory.getStocks([p.id, ...p.relatedIds], { signal }),
        ),
      ),
      related: optional(
        after(product, (p, { signal }) => this.products.getProducts(p.relatedIds, { signal })),
        { fallback: [] },
      ),
    });
    return toProductPage(page.product, page.availability, page.related, page.degraded);
  }
}
