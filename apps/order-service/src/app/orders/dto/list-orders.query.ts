import { ApiPropertyOptional } from '@nestjs/swagger';
import { PAGE_LIMIT } from '@bff/util-models';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';

export class ListOrdersQuery {
  @ApiPropertyOptional({
    minimum: PAGE_LIMIT.min,
    maximum: PAGE_LIMIT.max,
    default: PAGE_LIMIT.default,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(PAGE_LIMIT.min)
  @Max(PAGE_LIMIT.max)
  limit: number = PAGE_LIMIT.default;

  @ApiPropertyOptional({ description: 'Opaque; the nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(512)
  cursor?: string;
}
