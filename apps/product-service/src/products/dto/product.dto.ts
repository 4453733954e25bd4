import { ApiProperty } from '@nestjs/swagger';
import type { Batch, Money, Page, Product } from '@bff/util-models';

export class MoneyDto implements Money {
  @ApiProperty({ description: 'Integer minor units (cents)', example: 1999 })
  amount: number;

  @ApiProperty({ enum: ['USD'] })
  currency: 'USD';
}

export class ProductDto implements Product {
  @ApiProperty({ example: 'p-0001' })
  id: string;

  @ApiProperty({ example: 'BEA-BOT-0001' })
  sku: string;

  @ApiProperty()
  name: string;

  @ApiProperty()
  description: string;

  @ApiProperty({ example: 'electronics' })
  category: string;

  @ApiProperty({ type: MoneyDto })
  price: MoneyDto;

  @ApiProperty({ type: [String], minItems: 1 })
  images: string[];

  @ApiProperty({ maximum: 5, minimum: 0, example: 4.3 })
  rating: number;

  @ApiProperty({ type: [String], description: 'Other products worth showing beside this one' })
  relatedIds: string[];
}

export class ProductPageDto implements Page<Product> {
  @ApiProperty({ type: [ProductDto] })
  items: ProductDto[];

  @ApiProperty({ type: String, nullable: true, description: 'null on the last page' })
  nextCursor: string | null;
}

export class ProductBatchDto implements Batch<Product> {
  @ApiProperty({ type: [ProductDto], description: 'In the order asked for; unknown ids left out' })
  items: ProductDto[];
}
