import type { Money, Page, Product, Stock } from '@bff/util-models';

export interface CatalogItem {
  id: string;
  sku: string;
  name: string;
  category: string;
  price: Money;
  rating: number;
  /** The product's first image. */
  image: string | null;
  /** null when stock could not be read. */
  inStock: boolean | null;
  available: number | null;
}

export interface CatalogPage {
  items: CatalogItem[];
  nextCursor: string | null;
  meta: { degraded: string[] };
}

/** A catalogue page with each product's stock (or nulls when the stock part was dropped). */
export function toCatalogPage(
  page: Page<Product>,
  stocks: Stock[] | null,
  degraded: string[],
): CatalogPage {
  const stockById = stocks && new Map(stocks.map((stock) => [stock.productId, stock]));
  return {
    items: page.items.map((product) => {
      const available = stockById ? (stockById.get(product.id)?.available ?? 0) : null;
      return {
        id: product.id,
        sku: product.sku,
        name: product.name,
        category: product.category,
        price: product.price,
        rating: product.rating,
        image: product.images[0] ?? null,
        inStock: available === null ? null : available > 0,
        available,
      };
    }),
    nextCursor: page.nextCursor,
    meta: { degraded },
  };
}
