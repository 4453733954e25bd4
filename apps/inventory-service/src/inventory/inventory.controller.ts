import { Controller, Get, Param, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Batch, Stock } from '@bff/util-models';
import { BatchStockQuery } from './dto/batch-stock.query';
import { ProductIdParams } from './dto/product-id.params';
import { StockBatchDto, StockDto } from './dto/stock.dto';
import { InventoryService } from './inventory.service';

@ApiTags('inventory')
@Controller('inventory')
export class InventoryController {
  constructor(private readonly inventory: InventoryService) {}

  @Get()
  @ApiOperation({ summary: 'Stock of several products' })
  @ApiOkResponse({ type: StockBatchDto })
  @ApiBadRequestResponse({ description: 'productIds missing, over 100, or not valid ids' })
  findMany(@Query() { productIds }: BatchStockQuery): Batch<Stock> {
    return this.inventory.findMany(productIds);
  }

  @Get(':productId')
  @ApiOperation({ summary: 'Stock of one product across warehouses' })
  @ApiOkResponse({ type: StockDto })
  @ApiBadRequestResponse({ description: 'The id is not 1–64 of [A-Za-z0-9_-]' })
  @ApiNotFoundResponse({ description: 'The product has no stock record' })
  findOne(@Param() { productId }: ProductIdParams): Stock {
    return this.inventory.findOne(productId);
  }
}
