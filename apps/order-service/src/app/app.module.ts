import { Module } from '@nestjs/common';
import { FaultInjectionModule } from '@bff/services/platform-fault-injection';
import { OrdersModule } from './orders/orders.module';

@Module({
  imports: [FaultInjectionModule.forRoot(), OrdersModule],
})
export class AppModule {}
