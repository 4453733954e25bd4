import { Module } from '@nestjs/common';
import { FaultInjectionModule } from '@bff/services/platform-fault-injection';
import { InventoryModule } from '../inventory/inventory.module';

@Module({
  imports: [FaultInjectionModule.forRoot(), InventoryModule],
})
export class AppModule {}
