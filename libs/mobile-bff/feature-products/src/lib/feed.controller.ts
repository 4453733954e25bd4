import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '@bff/platform-auth';
import { ApiProblems } from '@bff/platform-bff';
import { CacheScope } from '@bff/platform-caching';
import type { Feed } from './compact-product.mapper';
import { DEGRADED_HEADER, DEGRADED_HEADER_DOC } from './degraded-header.constants';
import { FeedDto, FeedQuery } from './products.dto';
import { ProductsService } from './products.service';

@ApiTags('feed')
@ApiSecurity('apiKey')
@Controller('feed')
export class FeedController {
  constructor(private readonly products: ProductsService) {}

  @Public()
  @CacheScope('public')
  @Get()
  @ApiOperation({
    summary: 'A page of compact products, optionally of one category',
    description:
      'One page call (required) and one batch stock call (optional): when stock fails, every inStock ' +
      'is null and X-Degraded names availability.',
  })
  @ApiOkResponse({ type: FeedDto, headers: { [DEGRADED_HEADER]: DEGRADED_HEADER_DOC } })
  @ApiProblems(400, 401, 502, 503, 504)
  async feed(
    @Query() query: FeedQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Feed> {
    const { feed, degraded } = await this.products.feed(query);
    if (degraded.length > 0) reply.header(DEGRADED_HEADER, degraded.join(', '));
    return feed;
  }
}
