import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsDefined, Matches } from 'class-validator';
import { ID_PATTERN, MAX_BATCH_IDS } from '@bff/util-models';

/** `a,b` and `productIds=a&productIds=b` both mean two ids. */
const toList = ({ value }: { value: unknown }) =>
  typeof value === 'string'
    ? value.split(',')
    : Array.isArray(value)
      ? value.flatMap((v) => String(v).split(','))
      : value;

/** `GET /inventory?productIds=`: stock of up to 100 products at once. */
export class BatchStockQuery {
  @ApiProperty({
    description: `Comma-separated product ids (1–${MAX_BATCH_IDS}); ids without stock are left out`,
    example: 'p-0001,p-0002',
    type: String,
  })
  @IsDefined()
  @Transform(toList)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BATCH_IDS, { message: `productIds must hold at most ${MAX_BATCH_IDS} ids` })
  @Matches(ID_PATTERN, { each: true, message: 'each id must be 1–64 of [A-Za-z0-9_-]' })
  productIds: string[];
}
