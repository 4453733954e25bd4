import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@bff/platform-auth';
import { ApiProblems, IdParams } from '@bff/platform-bff';
import { CacheScope } from '@bff/platform-caching';
import { ProductPageDto } from './product-page.dto';
import type { ProductPage } from './product-page.mapper';
import { ProductPageService } from './product-page.service';

@ApiTags('products')
@Controller('products')
export class ProductPageController {
  constructor(private readonly pages: ProductPageService) {}

  @Public()
  @CacheScope('public')
  @Get(':id')
  @ApiOperation({
    summary: 'Product page: the product, its availability and related products',
    description:
      'Availability and related products are optional: when they fail the page is still 200, with the part listed in meta.degraded.',
  })
  @ApiOkResponse({ type: ProductPageDto })
  @ApiProblems(400, 404, 502, 503, 504)
  product(@Param() { id }: IdParams): Promise<ProductPage> {
    return this.pages.get(id);
  }
}
