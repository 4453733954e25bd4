import type { Money, Order, OrderLine, OrderStatus, Page, Product, Stock } from '@bff/util-models';

/** An order line with the product's name and first image (null when the product is unknown). */
export interface OrderLineView {
  productId: string;
  quantity: number;
  unitPrice: Money;
  name: string | null;
  image: string | null;
}

/** A line of the order detail: also whether the product is in stock now (null when unknown). */
export interface OrderDetailLineView extends OrderLineView {
  inStock: boolean | null;
}

/** An order as the web app shows it in lists. */
export interface OrderView {
  id: string;
  userId: string;
  status: OrderStatus;
  createdAt: string;
  lines: OrderLineView[];
  total: Money;
}

export interface Meta {
  degraded: string[];
}

/** `GET /me/orders`. */
export interface OrderPageView {
  items: OrderView[];
  nextCursor: string | null;
  meta: Meta;
}

/** `POST /me/orders`: the created order, enriched like the list's. */
export interface PlacedOrderView extends OrderView {
  meta: Meta;
}

/** `GET /me/orders/:id`. */
export interface OrderDetailView extends Omit<OrderView, 'lines'> {
  lines: OrderDetailLineView[];
  meta: Meta;
}

/**
 * The product ids of the lines of some orders, each once, in first-seen order: one batch call
 * for a whole page.
 *
 * @example
 * productIdsOf([{ lines: [{ productId: 'p1' }, { productId: 'p2' }] }, { lines: [{ productId: 'p1' }] }]);
 * // ['p1', 'p2']
 */
export function productIdsOf(
  orders: readonly { lines: readonly Pick<OrderLine, 'productId'>[] }[],
): string[] {
  return [...new Set(orders.flatMap((order) => order.lines.map((line) => line.productId)))];
}

function byProductId(stocks: readonly Stock[]): Map<string, Stock> {
  return new Map(stocks.map((stock) => [stock.productId, stock]));
}

function productsById(products: readonly Product[]): Map<string, Product> {
  return new Map(products.map((product) => [product.id, product]));
}

function toOrderView(order: Order, products: ReadonlyMap<string, Product>): OrderView {
  return {
    id: order.id,
    userId: order.userId,
    status: order.status,
    createdAt: order.createdAt,
    lines: order.lines.map((line) => {
      const product = products.get(line.productId);
      return {
        productId: line.productId,
        quantity: line.quantity,
        unitPrice: line.unitPrice,
        name: product?.name ?? null,
        image: product?.images[0] ?? null,
      };
    }),
    total: order.total,
  };
}

/** A page of orders with their lines enriched; `products` is empty when that part was dropped. */
export function toOrderPage(
  page: Page<Order>,
  products: readonly Product[],
  degraded: string[],
): OrderPageView {
  const known = productsById(products);
  return {
    items: page.items.map((order) => toOrderView(order, known)),
    nextCursor: page.nextCursor,
    meta: { degraded },
  };
}

/** A created order with its lines enriched. */
export function toPlacedOrder(
  order: Order,
  products: readonly Product[],
  degraded: string[],
): PlacedOrderView {
  return { ...toOrderView(order, productsById(products)), meta: { degraded } };
}

/**
 * An order with its lines enriched and each line's current stock: a product without a stock
 * record has none; `stocks` null (the part was dropped) makes every `inStock` null.
 */
export function toOrderDetail(
  order: Order,
  products: readonly Product[],
  stocks: readonly Stock[] | null,
  degraded: string[],
): OrderDetailView {
  const view = toOrderView(order, productsById(products));
  const stockById = stocks && byProductId(stocks);
  return {
    ...view,
    lines: view.lines.map((line) => ({
      ...line,
      inStock: stockById ? (stockById.get(line.productId)?.available ?? 0) > 0 : null,
    })),
    meta: { degraded },
  };
}
