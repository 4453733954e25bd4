import { Injectable } from '@nestjs/common';
import { BffError } from '@bff/util-errors';
import { type Batch, type Page, PAGE_LIMIT, type Product } from '@bff/util-models';
import { decodeCursor, encodeCursor, seedProducts } from '@bff/services/util-seed';

const CURSOR_SCOPE = 'product-service/products';

export interface ProductFilter {
  category?: string;
  q?: string;
  limit?: number;
  cursor?: string;
}

/** The catalogue, indexed once at start: lookups by id and category never scan. */
@Injectable()
export class ProductsService {
  private readonly all: readonly Product[];
  private readonly byId: ReadonlyMap<string, Product>;
  private readonly byCategory: ReadonlyMap<string, readonly Product[]>;
  private readonly searchText: ReadonlyMap<string, string>;

  constructor() {
    this.all = [...seedProducts()].sort((a, b) => compareIds(a.id, b.id));
    this.byId = new Map(this.all.map((product) => [product.id, product]));
    const byCategory = new Map<string, Product[]>();
    for (const product of this.all) {
      const group = byCategory.get(product.category);
      if (group) group.push(product);
      else byCategory.set(product.category, [product]);
    }
    this.byCategory = byCategory;
    this.searchText = new Map(
      this.all.map((p) => [p.id, `${p.name}\n${p.description}`.toLowerCase()]),
    );
  }

  /** @throws BffError `BFF_ERR_NOT_FOUND` for an unknown id. */
  findOne(id: string): Product {
    const product = this.byId.get(id);
    if (!product) throw new BffError('BFF_ERR_NOT_FOUND', { detail: `No product ${id}` });
    return product;
  }

  /** The known products among `ids`, in the order asked for, each once. */
  findMany(ids: readonly string[]): Batch<Product> {
    const items = [...new Set(ids)]
      .map((id) => this.byId.get(id))
      .filter((product): product is Product => product !== undefined);
    return { items };
  }

  /**
   * One page of the products matching the filter, in id order. The cursor carries the last id
   * seen and the filter it was made for, so pages never repeat or skip an item.
   */
  findPage(filter: ProductFilter): Page<Product> {
    const category = filter.category?.toLowerCase();
    const q = filter.q?.toLowerCase();
    const limit = filter.limit ?? PAGE_LIMIT.default;
    const after =
      filter.cursor === undefined ? undefined : this.afterId(filter.cursor, category, q);

    const source = category === undefined ? this.all : (this.byCategory.get(category) ?? []);
    const items: Product[] = [];
    let hasMore = false;
    for (let i = after === undefined ? 0 : firstAfter(source, after); i < source.length; i++) {
      const product = source[i];
      if (q !== undefined && !this.searchText.get(product.id)?.includes(q)) continue;
      if (items.length === limit) {
        hasMore = true;
        break;
      }
      items.push(product);
    }
    const last = items.at(-1);
    const nextCursor =
      hasMore && last
        ? encodeCursor(CURSOR_SCOPE, { after: last.id, category: category ?? '', q: q ?? '' })
        : null;
    return { items, nextCursor };
  }

  private afterId(cursor: string, category: string | undefined, q: string | undefined): string {
    const position = decodeCursor(CURSOR_SCOPE, cursor);
    if (
      !position ||
      typeof position['after'] !== 'string' ||
      position['category'] !== (category ?? '') ||
      position['q'] !== (q ?? '')
    ) {
      throw new BffError('BFF_ERR_VALIDATION', {
        detail: 'The cursor was not issued for this list',
        errors: [{ field: 'cursor', message: 'cursor must be a nextCursor of the same query' }],
      });
    }
    return position['after'];
  }
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Index of the first product whose id sorts after `id` (binary search). */
function firstAfter(products: readonly Product[], id: string): number {
  let low = 0;
  let high = products.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (products[middle].id <= id) low = middle + 1;
    else high = middle;
  }
  return low;
}
