export * from './lib/orders.mapper';
export { OrdersModule } from './lib/orders.module';
