import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { ID_PATTERN, PAGE_LIMIT } from '@bff/util-models';

/** `{id}` of a route: 1–64 of `[A-Za-z0-9_-]`, so nothing else can reach a downstream URL. */
export class IdParams {
  @ApiProperty({ pattern: ID_PATTERN.source, example: 'p-0001' })
  @Matches(ID_PATTERN, { message: 'id must be 1–64 of [A-Za-z0-9_-]' })
  id: string;
}

/** `limit` and `cursor` of every list route. */
export class PageQuery {
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

  @ApiPropertyOptional({ description: 'Opaque: the nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  cursor?: string;
}
