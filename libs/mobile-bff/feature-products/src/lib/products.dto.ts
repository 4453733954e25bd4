import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { MoneyDto, PageQuery } from '@bff/platform-bff';

export class FeedQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'beauty' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  category?: string;
}

export class CompactProductDto {
  @ApiProperty({ example: 'p-0001' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: MoneyDto }) price: MoneyDto;
  @ApiProperty({ type: String, nullable: true, description: "The product's first image" })
  image: string | null;
  @ApiProperty({
    type: Boolean,
    nullable: true,
    description: 'null when stock could not be read (the response then carries X-Degraded)',
  })
  inStock: boolean | null;
  @ApiProperty({ minimum: 0, maximum: 5 }) rating: number;
}

export class FeedDto {
  @ApiProperty({ type: [CompactProductDto] }) items: CompactProductDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Opaque; null on the last page' })
  nextCursor: string | null;
}
