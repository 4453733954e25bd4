import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsString,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { MetaDto, MoneyDto, ProblemDto } from '@bff/platform-bff';
import { ID_PATTERN, type OrderStatus } from '@bff/util-models';

/** Bounds of a checkout body (CONTRACT section 3). */
export const CHECKOUT_LIMITS = {
  lines: { min: 1, max: 50 },
  quantity: { min: 1, max: 99 },
} as const;

const ORDER_STATUSES: OrderStatus[] = ['pending', 'confirmed', 'shipped', 'delivered', 'cancelled'];

export class CheckoutLineDto {
  @ApiProperty({ pattern: ID_PATTERN.source, example: 'p-0001' })
  @IsString()
  // Also keeps anything but a plain id (dot segments, slashes) away from the services.
  @Matches(ID_PATTERN, { message: 'productId must be 1–64 of [A-Za-z0-9_-]' })
  productId: string;

  @ApiProperty({
    type: 'integer',
    minimum: CHECKOUT_LIMITS.quantity.min,
    maximum: CHECKOUT_LIMITS.quantity.max,
    example: 2,
  })
  @IsInt()
  @Min(CHECKOUT_LIMITS.quantity.min)
  @Max(CHECKOUT_LIMITS.quantity.max)
  quantity: number;
}

/** The checkout body: product ids and quantities only; prices come from the services. */
export class CheckoutDto {
  @ApiProperty({
    type: [CheckoutLineDto],
    minItems: CHECKOUT_LIMITS.lines.min,
    maxItems: CHECKOUT_LIMITS.lines.max,
  })
  @IsArray()
  @ArrayMinSize(CHECKOUT_LIMITS.lines.min)
  @ArrayMaxSize(CHECKOUT_LIMITS.lines.max)
  @ValidateNested({ each: true })
  @Type(() => CheckoutLineDto)
  lines: CheckoutLineDto[];
}

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
