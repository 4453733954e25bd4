/**
 * The fixed data set the upstream fakes serve: CONTRACT section 2 shapes, deterministic, sized like
 * the seeded reference catalogue (a paragraph of description, a few images, 4 related products).
 */

export const PRODUCT_COUNT = 200;
export const RELATED_PER_PRODUCT = 4;

const CATEGORIES = ['electronics', 'home-kitchen', 'books', 'outdoor'];
const WAREHOUSES = ['wh-east', 'wh-west', 'wh-central'];
const IMAGE_BASE_URL = 'https://images.example.com/products';

/** `p-0001` … `p-0200`. */
export function productIdOf(index) {
  return `p-${String(index + 1).padStart(4, '0')}`;
}

export const PRODUCT_IDS = Array.from({ length: PRODUCT_COUNT }, (_, index) => productIdOf(index));

function productAt(index) {
  const id = productIdOf(index);
  const category = CATEGORIES[index % CATEGORIES.length];
  // The next products of the same category, wrapping around: every product has related ones.
  const relatedIds = Array.from({ length: RELATED_PER_PRODUCT }, (_, step) =>
    productIdOf((index + CATEGORIES.length * (step + 1)) % PRODUCT_COUNT),
  );
  return {
    id,
    sku: `${category.slice(0, 3).toUpperCase()}-BEN-${id.slice(2)}`,
    name: `Bench ${category} item ${index + 1}`,
    description:
      `The bench ${category} item number ${index + 1}. Dishwasher safe. ` +
      'Ships with a braided 1.5 m cable. Comes with a 5-year warranty.',
    category,
    price: { amount: 999 + ((index * 1234) % 50000), currency: 'USD' },
    images: Array.from(
      { length: 1 + (index % 3) },
      (_, n) => `${IMAGE_BASE_URL}/${id}/${n + 1}.jpg`,
    ),
    rating: Math.round((2.5 + ((index * 7) % 25) / 10) * 10) / 10,
    relatedIds,
  };
}

function stockAt(index) {
  // Every seventh product is out of stock, so `inStock` takes both values.
  const warehouses = WAREHOUSES.map((id, n) => ({
    id,
    available: index % 7 === 0 ? 0 : (index * (n + 3)) % 40,
  }));
  return {
    productId: productIdOf(index),
    available: warehouses.reduce((sum, warehouse) => sum + warehouse.available, 0),
    reserved: index % 5,
    warehouses,
  };
}

export const PRODUCTS = PRODUCT_IDS.map((_, index) => productAt(index));
export const STOCK = PRODUCT_IDS.map((_, index) => stockAt(index));
