export { decodeCursor, encodeCursor, type CursorPosition } from './lib/cursor.util';
export { PRODUCT_CATEGORIES, PRODUCT_COUNT, productId, seedProducts } from './lib/products.seed';
export { seedStock, WAREHOUSE_IDS } from './lib/stock.seed';
