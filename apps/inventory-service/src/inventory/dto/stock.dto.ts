import { ApiProperty } from '@nestjs/swagger';
import type { Batch, Stock, WarehouseStock } from '@bff/util-models';

export class WarehouseStockDto implements WarehouseStock {
  @ApiProperty({ example: 'wh-east' })
  id: string;

  @ApiProperty({ minimum: 0, example: 12 })
  available: number;
}

export class StockDto implements Stock {
  @ApiProperty({ example: 'p-0001' })
  productId: string;

  @ApiProperty({ description: 'Sum of the warehouses’ available units', minimum: 0 })
  available: number;

  @ApiProperty({ description: 'Units held for orders not yet shipped', minimum: 0 })
  reserved: number;

  @ApiProperty({ type: [WarehouseStockDto] })
  warehouses: WarehouseStockDto[];
}

export class StockBatchDto implements Batch<Stock> {
  @ApiProperty({
    type: [StockDto],
    description: 'In the order asked for; ids without stock left out',
  })
  items: StockDto[];
}
