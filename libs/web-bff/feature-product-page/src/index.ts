export * from './lib/product-page.mapper';
export { ProductPageModule } from './lib/product-page.module';
