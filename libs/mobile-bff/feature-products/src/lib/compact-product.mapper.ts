import type { Money, Page, Product, Stock } from '@bff/util-models';

/** A product as the mobile app lists and shows it: what a card needs, nothing more. */
export interface CompactProduct {
  id: string;
  name: string;
  price: Money;
  /** The product's first image. */
  image: string | null;
  /** null when stock could not be read. */
  inStock: boolean | null;
  rating: number;
}

export interface Feed {
  items: CompactProduct[];
  nextCursor: string | null;
}

/** Stock by product id, or null when the stock part was dropped. */
type StockIndex = ReadonlyMap<string, Stock> | null;

function indexStocks(stocks: readonly Stock[] | null): StockIndex {
  return stocks && new Map(stocks.map((stock) => [stock.productId, stock]));
}

function compact(product: Product, stockById: StockIndex): CompactProduct {
  return {
    id: product.id,
    name: product.name,
    price: product.price,
    image: product.images[0] ?? null,
    // A product without a stock record has none to sell.
    inStock: stockById ? (stockById.get(product.id)?.available ?? 0) > 0 : null,
    rating: product.rating,
  };
}

/**
 * The compact product from the product and the stocks read for it (null when the stock part was
 * dropped: `inStock` is then null).
 *
 * @example
 * toCompactProduct(product, [{ productId: product.id, available: 3, reserved: 0, warehouses: [] }]);
 * // { id, name, price, image: product.images[0], inStock: true, rating }
 */
export function toCompactProduct(
  product: Product,
  stocks: readonly Stock[] | null,
): CompactProduct {
  return compact(product, indexStocks(stocks));
}

/** A page of the catalogue as compact products, with the page's stocks (or null). */
export function toFeed(page: Page<Product>, stocks: readonly Stock[] | null): Feed {
  const stockById = indexStocks(stocks);
  return {
    items: page.items.map((product) => compact(product, stockById)),
    nextCursor: page.nextCursor,
  };
}
