import { Module } from '@nestjs/common';
import { FaultInjectionModule } from '@bff/services/platform-fault-injection';
import { ProductsModule } from '../products/products.module';

@Module({
  imports: [FaultInjectionModule.forRoot(), ProductsModule],
})
export class AppModule {}
