import { Injectable } from '@nestjs/common';
import type { Stock } from '@bff/util-models';
import type { CallOptions } from './call-options.interface';
import { batches, idSegment, queryString, validateIds } from './path.util';
import { batchOf, isStock } from './response-shape.util';
import type { ServiceTransport } from './service-transport';
import { ServiceTransports } from './service-transports';

const isStockBatch = batchOf(isStock);

/**
 * Typed client of the inventory service.
 *
 * @example
 * constructor(private readonly inventory: InventoryClient) {}
 * const stock = await this.inventory.getStock('p1');
 * const stocks = await this.inventory.getStocks(['p1', 'p2']);
 */
@Injectable()
export class InventoryClient {
  private readonly transport: ServiceTransport;

  constructor(transports: ServiceTransports) {
    this.transport = transports.get('inventory');
  }

  /** @throws BffError BFF_ERR_UPSTREAM_NOT_FOUND (404) when the product has no stock record. */
  async getStock(productId: string, options?: CallOptions): Promise<Stock> {
    const path = `/inventory/${idSegment(productId, 'productId')}`;
    return this.transport.send(
      { method: 'GET', route: '/inventory/:productId', path, shape: isStock },
      options,
    );
  }

  /**
   * Stock of many products, de-duplicated and fetched in parallel chunks of at most 100 ids.
   * Products without a stock record are left out.
   */
  async getStocks(productIds: readonly string[], options?: CallOptions): Promise<Stock[]> {
    const chunks = batches(validateIds(productIds, 'productIds'));
    const answers = await Promise.all(
      chunks.map((chunk) =>
        this.transport.send(
          {
            method: 'GET',
            route: '/inventory?productIds',
            path: `/inventory${queryString({ productIds: chunk.join(',') })}`,
            shape: isStockBatch,
          },
          options,
        ),
      ),
    );
    return answers.flatMap((answer) => answer.items);
  }
}
