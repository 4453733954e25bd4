export * from './lib/orders.mapper';
export { OrdersFeatureModule } from './lib/orders.module';
