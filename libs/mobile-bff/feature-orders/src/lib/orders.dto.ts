import { ApiProperty } from '@nestjs/swagger';
import { MoneyDto, ProblemDto } from '@bff/platform-bff';
import type { OrderStatus } from '@bff/util-models';

const ORDER_STATUSES: OrderStatus[] = ['pending', 'confirmed', 'shipped', 'delivered', 'cancelled'];

export class OrderSummaryDto {
  @ApiProperty({ example: 'o-000001' }) id: string;
  @ApiProperty({ enum: ORDER_STATUSES }) status: OrderStatus;
  @ApiProperty({ type: MoneyDto }) total: MoneyDto;
  @ApiProperty({ type: 'integer', description: 'Sum of the quantities of every line' })
  itemCount: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class OrderSummaryPageDto {
  @ApiProperty({ type: [OrderSummaryDto] }) items: OrderSummaryDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Opaque; null on the last page' })
  nextCursor: string | null;
}

export class ShortLineDto {
  @ApiProperty() productId: string;
  @ApiProperty({ type: 'integer', description: 'Quantity asked for, over all lines of it' })
  requested: number;
  @ApiProperty({ type: 'integer', description: '0 when the product has no stock record' })
  available: number;
}

/** The 409 of a checkout whose stock is short: which products, and how short. */
export class InsufficientStockProblemDto extends ProblemDto {
  @ApiProperty({ type: [ShortLineDto] }) lines: ShortLineDto[];
}
