export * from './lib/compact-product.mapper';
export { DEGRADED_HEADER } from './lib/degraded-header.constants';
export { ifNoneMatchHits, strongEtag } from './lib/etag.util';
export { ProductsModule } from './lib/products.module';
