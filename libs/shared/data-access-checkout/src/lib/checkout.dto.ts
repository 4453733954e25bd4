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
import { ID_PATTERN } from '@bff/util-models';

/** Bounds of a checkout body (CONTRACT sections 3 and 4). */
export const CHECKOUT_LIMITS = {
  lines: { min: 1, max: 50 },
  quantity: { min: 1, max: 99 },
} as const;

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

/** The checkout body: product ids and quantities only; prices come from the services. Unknown fields are a 400. */
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
