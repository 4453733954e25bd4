import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { MetaDto, MoneyDto, PageQuery } from '@bff/platform-bff';

export class CatalogQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'beauty' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  category?: string;

  @ApiPropertyOptional({ description: 'Free-text search in name and description' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

class CatalogItemDto {
  @ApiProperty() id: string;
  @ApiProperty() sku: string;
  @ApiProperty() name: string;
  @ApiProperty() category: string;
  @ApiProperty({ type: MoneyDto }) price: MoneyDto;
  @ApiProperty() rating: number;
  @ApiProperty({ type: String, nullable: true }) image: string | null;
  @ApiProperty({ type: Boolean, nullable: true }) inStock: boolean | null;
  @ApiProperty({ type: Number, nullable: true }) available: number | null;
}

export class CatalogPageDto {
  @ApiProperty({ type: [CatalogItemDto] }) items: CatalogItemDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
  @ApiProperty({ type: MetaDto, description: 'degraded may list availability' }) meta: MetaDto;
}
