import { Controller, Get, Param, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiExtraModels,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { BffError } from '@bff/util-errors';
import type { Batch, Page, Product } from '@bff/util-models';
import { ListProductsQuery } from './dto/list-products.query';
import { ProductBatchDto, ProductDto, ProductPageDto } from './dto/product.dto';
import { ProductIdParams } from './dto/product-id.params';
import { ProductsService } from './products.service';

@ApiTags('products')
@Controller('products')
export class ProductsController {
  constructor(private readonly products: ProductsService) {}

  @Get()
  @ApiOperation({
    summary: 'A batch of products by id, or a page of the catalogue',
    description:
      'With `ids`: `{ items }` of the known ids. Otherwise: a page filtered by `category` and `q`, ' +
      'with `nextCursor` for the next page (null on the last).',
  })
  @ApiExtraModels(ProductPageDto, ProductBatchDto)
  @ApiOkResponse({
    schema: {
      oneOf: [{ $ref: getSchemaPath(ProductPageDto) }, { $ref: getSchemaPath(ProductBatchDto) }],
    },
  })
  @ApiBadRequestResponse({
    description: 'Bad ids, limit or cursor, or ids combined with paging parameters',
  })
  list(@Query() query: ListProductsQuery): Page<Product> | Batch<Product> {
    const { ids, ...paging } = query;
    if (ids === undefined) return this.products.findPage(paging);
    const combined = Object.entries(paging).filter(([, value]) => value !== undefined);
    if (combined.length > 0) {
      throw new BffError('BFF_ERR_VALIDATION', {
        detail: 'ids cannot be combined with category, q, limit or cursor',
        errors: combined.map(([field]) => ({ field, message: `${field} cannot be used with ids` })),
      });
    }
    return this.products.findMany(ids);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One product' })
  @ApiOkResponse({ type: ProductDto })
  @ApiBadRequestResponse({ description: 'The id is not 1–64 of [A-Za-z0-9_-]' })
  @ApiNotFoundResponse({ description: 'No product with this id' })
  findOne(@Param() { id }: ProductIdParams): Product {
    return this.products.findOne(id);
  }
}
