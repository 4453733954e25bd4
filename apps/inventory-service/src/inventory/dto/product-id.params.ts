import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { ID_PATTERN } from '@bff/util-models';

export class ProductIdParams {
  @ApiProperty({ example: 'p-0001', pattern: ID_PATTERN.source })
  @Matches(ID_PATTERN, { message: 'productId must be 1–64 of [A-Za-z0-9_-]' })
  productId: string;
}
