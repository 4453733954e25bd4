import { Injectable } from '@nestjs/common';
import type { Page, Product } from '@bff/util-models';
import type { CallOptions } from './call-options.interface';
import { batches, idSegment, queryString, validateIds, validateLimit } from './path.util';
import { batchOf, isProduct, pageOf } from './response-shape.util';
import type { ServiceTransport } from './service-transport';
import { ServiceTransports } from './service-transports';

const isProductBatch = batchOf(isProduct);
const isProductPage = pageOf(isProduct);

/**
 * Query of a catalogue page; every field is optional.
 *
 * @example
 * products.listProducts({ category: 'kitchen', q: 'espresso', limit: 20, cursor });
 */
export interface ListProductsQuery {
  category?: string;
  /** Free-text search. */
  q?: string;
  /** 1–100; the service defaults to 20. */
  limit?: number;
  /** Opaque cursor from a previous page. */
  cursor?: string;
}

/**
 * Typed client of the product service. Ids are validated and encoded before any network call;
 * failures surface as `BffError`s with `upstream: 'product'`.
 *
 * @example
 * constructor(private readonly products: ProductClient) {}
 * const product = await this.products.getProduct('p1');
 * const related = await this.products.getProducts(product.relatedIds);
 * const page = await this.products.listProducts({ category: 'kitchen', limit: 20 });
 */
@Injectable()
export class ProductClient {
  private readonly transport: ServiceTransport;

  constructor(transports: ServiceTransports) {
    this.transport = transports.get('product');
  }

  /** @throws BffError BFF_ERR_UPSTREAM_NOT_FOUND (404) when there is no such product. */
  async getProduct(id: string, options?: CallOptions): Promise<Product> {
    const path = `/products/${idSegment(id)}`;
    return this.transport.send(
      { method: 'GET', route: '/products/:id', path, shape: isProduct },
      options,
    );
  }

  /**
   * Products by id, de-duplicated and fetched in parallel chunks of at most 100 ids. Unknown ids
   * are left out; the order follows the service's answers.
   */
  async getProducts(ids: readonly string[], options?: CallOptions): Promise<Product[]> {
    const chunks = batches(validateIds(ids));
    const answers = await Promise.all(
      chunks.map((chunk) =>
        this.transport.send(
          {
            method: 'GET',
            route: '/products?ids',
            path: `/products${queryString({ ids: chunk.join(',') })}`,
            shape: isProductBatch,
          },
          options,
        ),
      ),
    );
    return answers.flatMap((answer) => answer.items);
  }

  /** One page of the catalogue. */
  async listProducts(query: ListProductsQuery = {}, options?: CallOptions): Promise<Page<Product>> {
    const path = `/products${queryString({
      category: query.category,
      q: query.q,
      limit: validateLimit(query.limit),
      cursor: query.cursor,
    })}`;
    return this.transport.send(
      { method: 'GET', route: '/products', path, shape: isProductPage },
      options,
    );
  }
}
