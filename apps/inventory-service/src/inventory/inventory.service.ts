import { Injectable } from '@nestjs/common';
import { BffError } from '@bff/util-errors';
import type { Batch, Stock } from '@bff/util-models';
import { seedStock } from '@bff/services/util-seed';

/** Stock records indexed by product id once at start. */
@Injectable()
export class InventoryService {
  private readonly byProduct: ReadonlyMap<string, Stock> = new Map(
    seedStock().map((stock) => [stock.productId, stock]),
  );

  /** @throws BffError `BFF_ERR_NOT_FOUND` when the product has no stock record. */
  findOne(productId: string): Stock {
    const stock = this.byProduct.get(productId);
    if (!stock) {
      throw new BffError('BFF_ERR_NOT_FOUND', { detail: `No stock record for ${productId}` });
    }
    return stock;
  }

  /** The stock records among `productIds`, in the order asked for, each once. */
  findMany(productIds: readonly string[]): Batch<Stock> {
    const items = [...new Set(productIds)]
      .map((id) => this.byProduct.get(id))
      .filter((stock): stock is Stock => stock !== undefined);
    return { items };
  }
}
