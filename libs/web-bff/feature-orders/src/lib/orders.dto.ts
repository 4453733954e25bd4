import { ApiProperty } from '@nestjs/swagger';
import { MetaDto, MoneyDto, ProblemDto } from '@bff/platform-bff';
import type { OrderStatus } from '@bff/util-models';

const ORDER_STATUSES: OrderStatus[] = ['pending', 'confirmed', 'shipped', 'delivered', 'cancelled'];

export class OrderLineDto {
  @ApiProperty({ example: 'p-0001' }) productId: string;
  @ApiProperty({ type: 'integer', minimum: 1 }) quantity: number;
  @ApiProperty({ type: MoneyDto }) unitPrice: MoneyDto;
  @ApiProperty({
    type: String,
    nullable: true,
    description: "The product's name; null when the product could not be read",
  })
  name: string | null;
  @ApiProperty({ type: String, nullable: true, description: "The product's first image" })
  image: string | null;
}

export class OrderDetailLineDto extends OrderLineDto {
  @ApiProperty({
    type: Boolean,
    nullable: true,
    description: 'Whether the product is in stock now; null when stock could not be read',
  })
  inStock: boolean | null;
}

export class OrderDto {
  @ApiProperty({ example: 'o-0001' }) id: string;
  @ApiProperty() userId: string;
  @ApiProperty({ enum: ORDER_STATUSES }) status: OrderStatus;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: [OrderLineDto] }) lines: OrderLineDto[];
  @ApiProperty({ type: MoneyDto }) total: MoneyDto;
}

export class OrderPageDto {
  @ApiProperty({ type: [OrderDto] }) items: OrderDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
  @ApiProperty({ type: MetaDto, description: 'degraded may list products' }) meta: MetaDto;
}

export class PlacedOrderDto extends OrderDto {
  @ApiProperty({ type: MetaDto, description: 'degraded may list products' }) meta: MetaDto;
}

export class OrderDetailDto extends OrderDto {
  @ApiProperty({ type: [OrderDetailLineDto] }) override lines: OrderDetailLineDto[];
  @ApiProperty({ type: MetaDto, description: 'degraded may list products and stock' })
  meta: MetaDto;
}

export class ShortLineDto {
  @ApiProperty() productId: string;
  @ApiProperty({ type: 'integer', description: 'Quantity asked for, over all lines of it' })
  requested: number;
  @ApiProperty({ type: 'integer', description: '0 when the product has no stock record' })
  available: number;
}

/** The 409 of a checkout whose stock is short: which lines, and how short. */
export class InsufficientStockProblemDto extends ProblemDto {
  @ApiProperty({ type: [ShortLineDto] }) lines: ShortLineDto[];
}
