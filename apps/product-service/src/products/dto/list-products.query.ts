import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { ID_PATTERN, MAX_BATCH_IDS, PAGE_LIMIT } from '@bff/util-models';
import { PRODUCT_CATEGORIES } from '@bff/services/util-seed';

/** `a,b` and `ids=a&ids=b` both mean two ids. */
const toList = ({ value }: { value: unknown }) =>
  typeof value === 'string'
    ? value.split(',')
    : Array.isArray(value)
      ? value.flatMap((v) => String(v).split(','))
      : value;

/** An empty filter (`?category=`) is the same as no filter. */
const emptyToUndefined = ({ value }: { value: unknown }) => (value === '' ? undefined : value);

/** Only plain digits become a number, so `1e1`, `0x10` or ` 5` stay invalid. */
const toInteger = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^\d{1,4}$/.test(value) ? Number(value) : value;

/**
 * `GET /products`: either a batch by `ids`, or a page filtered by `category` and `q`;
 * `ids` cannot be combined with the paging parameters.
 */
export class ListProductsQuery {
  @ApiPropertyOptional({
    description: `Comma-separated product ids (1–${MAX_BATCH_IDS}); unknown ids are left out`,
    example: 'p-0001,p-0002',
    type: String,
  })
  @IsOptional()
  @Transform(toList)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BATCH_IDS, { message: `ids must hold at most ${MAX_BATCH_IDS} ids` })
  @Matches(ID_PATTERN, { each: true, message: 'each id must be 1–64 of [A-Za-z0-9_-]' })
  ids?: string[];

  @ApiPropertyOptional({
    description: `Only products of this category (${PRODUCT_CATEGORIES.join(', ')}); another value gives an empty list`,
    example: PRODUCT_CATEGORIES[0],
  })
  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  @MaxLength(64)
  category?: string;

  @ApiPropertyOptional({
    description: 'Case-insensitive text to find in name or description',
    example: 'kettle',
    maxLength: 100,
  })
  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({
    default: PAGE_LIMIT.default,
    maximum: PAGE_LIMIT.max,
    minimum: PAGE_LIMIT.min,
    type: 'integer',
  })
  @IsOptional()
  @Transform(toInteger)
  @IsInt()
  @Min(PAGE_LIMIT.min)
  @Max(PAGE_LIMIT.max)
  limit?: number;

  @ApiPropertyOptional({ description: 'The `nextCursor` of the previous page, as is' })
  @IsOptional()
  @IsString()
  @MaxLength(1024)
  cursor?: string;
}
