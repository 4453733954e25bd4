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
import { MoneyDto, ProblemDto } from '@bff/platform-bff';
import { ID_PATTERN, type OrderStatus } from '@bff/util-models';

/** Bounds of a checkout body (CONTRACT sections 3 and 4). */
export const CHECKOUT_LIMITS = {
  lines: { min: 1, max: 50 },
  quantity: { min: 1, max: 99 },
} as const;

const ORDER_STATUSES: OrderStatus[] = ['pending', 'confirmed', 'shipped', 'delivered', 'cancelled'];

export class CheckoutLineDto {
  @ApiProperty({ pattern: ID_PATTERN.source, example: 'p-0002' })
  @IsString()
  // Also keeps anything but a plain id (dot segments, slashes) away from the services.
  @Matches(ID_PATTERN, { message: 'productId must be 1–64 of [A-Za-z0-9_-]' })
  productId: string;

  @ApiProperty({
    type: 'integer',
    minimum: CHECKOUT_LIMITS.quantity.min,
    maximum: CHECKOUT_LIMITS.quantity.max,
    example: 1,
  })
  @IsInt()
  @Min(CHECKOUT_LIMITS.quantity.min)
  @Max(CHECKOUT_LIMITS.quantity.max)
  quantity: number;
}

/** Product ids and quantities only: prices come from the services. Unknown fields are a 400. */
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
