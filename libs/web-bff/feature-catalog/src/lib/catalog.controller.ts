import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@bff/platform-auth';
import { ApiProblems } from '@bff/platform-bff';
import { CacheScope } from '@bff/platform-caching';
import { CatalogPageDto, CatalogQuery } from './catalog.dto';
import type { CatalogPage } from './catalog.mapper';
import { CatalogService } from './catalog.service';

@ApiTags('catalog')
@Controller('catalog')
export class CatalogController {
  constructor(private readonly catalog: CatalogService) {}

  @Public()
  @CacheScope('public')
  @Get()
  @ApiOperation({
    summary: 'A page of the catalogue with stock',
    description:
      'Stock is optional: when it fails, inStock and available are null and meta.degraded lists availability.',
  })
  @ApiOkResponse({ type: CatalogPageDto })
  @ApiProblems(400, 502, 503, 504)
  list(@Query() query: CatalogQuery): Promise<CatalogPage> {
    return this.catalog.get(query);
  }
}
