export * from './lib/identifiers';
export * from './lib/list';
export * from './lib/money';
export * from './lib/order';
export * from './lib/product';
export * from './lib/stock';
