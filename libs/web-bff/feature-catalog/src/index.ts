export * from './lib/catalog.mapper';
export { CatalogModule } from './lib/catalog.module';
