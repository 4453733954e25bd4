import { ApiProperty } from '@nestjs/swagger';
import { MetaDto, MoneyDto, ProductDto } from '@bff/platform-bff';

class WarehouseDto {
  @ApiProperty() id: string;
  @ApiProperty() available: number;
}

class AvailabilityDto {
  @ApiProperty() inStock: boolean;
  @ApiProperty() available: number;
  @ApiProperty({ type: [WarehouseDto] }) warehouses: WarehouseDto[];
}

class RelatedProductDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: MoneyDto }) price: MoneyDto;
  @ApiProperty({ type: String, nullable: true }) image: string | null;
  @ApiProperty({ type: Boolean, nullable: true }) inStock: boolean | null;
}

export class ProductPageDto {
  @ApiProperty({ type: ProductDto }) product: ProductDto;
  @ApiProperty({ type: AvailabilityDto, nullable: true }) availability: AvailabilityDto | null;
  @ApiProperty({ type: [RelatedProductDto] }) related: RelatedProductDto[];
  @ApiProperty({ type: MetaDto, description: 'degraded may list availability and related' })
  meta: MetaDto;
}
