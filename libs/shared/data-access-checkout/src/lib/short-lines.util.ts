import type { CreateOrderLine, Stock } from '@bff/util-models';

/** A product of a checkout that the stock cannot cover, as a 409 names it. */
export interface ShortLine {
  productId: string;
  /** Quantity asked for, summed over every line naming the product. */
  requested: number;
  /** What the inventory has; 0 when the product has no stock record. */
  available: number;
}

/**
 * The products whose requested quantity, summed over the lines naming them, exceeds the available
 * stock, in first-seen order. A product without a stock record has 0 available. Empty when the
 * stock covers every line.
 *
 * @example
 * shortLines(
 *   [{ productId: 'p1', quantity: 2 }, { productId: 'p1', quantity: 2 }, { productId: 'p2', quantity: 1 }],
 *   [{ productId: 'p1', available: 3, reserved: 0, warehouses: [] }],
 * );
 * // [{ productId: 'p1', requested: 4, available: 3 }, { productId: 'p2', requested: 1, available: 0 }]
 */
export function shortLines(
  lines: readonly CreateOrderLine[],
  stocks: readonly Stock[],
): ShortLine[] {
  const requested = new Map<string, number>();
  for (const line of lines) {
    requested.set(line.productId, (requested.get(line.productId) ?? 0) + line.quantity);
  }
  const available = new Map(stocks.map((stock) => [stock.productId, stock.available]));
  return [...requested].flatMap(([productId, quantity]) => {
    const inStock = available.get(productId) ?? 0;
    return quantity > inStock ? [{ productId, requested: quantity, available: inStock }] : [];
  });
}
