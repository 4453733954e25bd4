import { ApiProperty } from '@nestjs/swagger';
import { ID_PATTERN } from '@bff/util-models';
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

export class CreateOrderLineDto {
  @ApiProperty({ example: 'p-0001', pattern: ID_PATTERN.source })
  @IsString()
  @Matches(ID_PATTERN, { message: 'productId must be 1–64 of [A-Za-z0-9_-]' })
  productId: string;

  @ApiProperty({ minimum: 1, maximum: 99, example: 2 })
  @IsInt()
  @Min(1)
  @Max(99)
  quantity: number;
}

/** What a caller may send: products and quantities. Prices are the catalogue's, never the caller's. */
export class CreateOrderDto {
  @ApiProperty({ type: [CreateOrderLineDto], minItems: 1, maxItems: 50 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => CreateOrderLineDto)
  lines: CreateOrderLineDto[];
}
