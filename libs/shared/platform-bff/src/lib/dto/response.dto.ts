import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class MoneyDto {
  @ApiProperty({ description: 'Integer minor units', example: 1999 })
  amount: number;

  @ApiProperty({ enum: ['USD'] })
  currency: 'USD';
}

export class ProductDto {
  @ApiProperty({ example: 'p-0001' }) id: string;
  @ApiProperty() sku: string;
  @ApiProperty() name: string;
  @ApiProperty() description: string;
  @ApiProperty() category: string;
  @ApiProperty({ type: MoneyDto }) price: MoneyDto;
  @ApiProperty({ type: [String] }) images: string[];
  @ApiProperty({ minimum: 0, maximum: 5 }) rating: number;
  @ApiProperty({ type: [String] }) relatedIds: string[];
}

export class MetaDto {
  @ApiProperty({
    type: [String],
    description: 'Optional parts that failed, timed out or had an open circuit, and were left out',
  })
  degraded: string[];
}

export class FieldErrorDto {
  @ApiProperty() field: string;
  @ApiProperty() message: string;
}

/** RFC 9457 problem details, as every error of the platform is written. */
export class ProblemDto {
  @ApiProperty({ example: 'urn:bff:error:upstream-timeout' }) type: string;
  @ApiProperty() title: string;
  @ApiProperty() status: number;
  @ApiPropertyOptional() detail?: string;
  @ApiPropertyOptional() instance?: string;
  @ApiProperty({ example: 'BFF_ERR_UPSTREAM_TIMEOUT' }) code: string;
  @ApiProperty() requestId: string;
  @ApiPropertyOptional({ type: [FieldErrorDto] }) errors?: FieldErrorDto[];
}
