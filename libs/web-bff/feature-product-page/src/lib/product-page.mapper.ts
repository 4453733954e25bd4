import type { Money, Product, Stock, WarehouseStock } from '@bff/util-models';

export interface Availability {
  inStock: boolean;
  available: number;
  warehouses: WarehouseStock[];
}

export interface RelatedProduct {
  id: string;
  name: string;
  price: Money;
  image: string | null;
  /** null when stock could not be read. */
  inStock: boolean | null;
}

export interface ProductPage {
  product: Product;
  availability: Availability | null;
  related: RelatedProduct[];
  meta: { degraded: string[] };
}

/** A product without a stock record has none to sell. */
export function availabilityOf(stock: Stock | undefined): Availability {
  return {
    inStock: (stock?.available ?? 0) > 0,
    available: stock?.available ?? 0,
    warehouses: stock?.warehouses ?? [],
  };
}

/**
 * The web product page from its parts: the product, the stock of it and its related products
 * (null when the stock part was dropped), and the related products (in the product's order).
 */
export function toProductPage(
  product: Product,
  stocks: Stock[] | null,
  related: Product[],
  degraded: string[],
): ProductPage {
  const stockById = stocks && new Map(stocks.map((stock) => [stock.productId, stock]));
  const relatedById = new Map(related.map((item) => [item.id, item]));
  return {
    product,
    availability: stockById ? availabilityOf(stockById.get(product.id)) : null,
    related: product.relatedIds.flatMap((id) => {
      const item = relatedById.get(id);
      if (!item) return [];
      return [
        {
          id: item.id,
          name: item.name,
          price: item.price,
          image: item.images[0] ?? null,
          inStock: stockById ? (stockById.get(id)?.available ?? 0) > 0 : null,
        },
      ];
    }),
    meta: { degraded },
  };
}
