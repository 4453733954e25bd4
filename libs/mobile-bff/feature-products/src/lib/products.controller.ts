import { Controller, Get, Headers, Param, Res } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '@bff/platform-auth';
import { ApiProblems, BffEnv, IdParams } from '@bff/platform-bff';
import { PlatformEnv } from '@bff/platform-bootstrap';
import { CacheScope } from '@bff/platform-caching';
import { DEGRADED_HEADER, DEGRADED_HEADER_DOC } from './degraded-header.constants';
import { ifNoneMatchHits } from './etag.util';
import { CompactProductDto } from './products.dto';
import { ProductsService } from './products.service';

@ApiTags('products')
@ApiSecurity('apiKey')
@Controller('products')
export class ProductsController {
  /**
   * `public` although the route needs an API key: the key names the client app, not a user, and
   * the answer is the same for every key (the web BFF serves the same data with no credentials
   * at all). A shared cache that serves it without checking the key gives away nothing.
   */
  private readonly cacheControl: string;

  constructor(
    private readonly products: ProductsService,
    env: PlatformEnv,
  ) {
    const ttlMs = env instanceof BffEnv ? env.CACHE_TTL_MS : 0;
    this.cacheControl = `public, max-age=${Math.floor(ttlMs / 1000)}`;
  }

  /**
   * Sends the reply itself: a 304 needs its own status, which Nest's response handling would
   * overwrite. The ETag and Cache-Control go on the 304 too (RFC 9110 15.4.5).
   */
  @Public()
  @CacheScope('public')
  @Get(':id')
  @ApiOperation({
    summary: 'Compact product with a strong ETag',
    description:
      'The product is required; stock is optional and fetched in parallel with it. When stock fails, ' +
      'inStock is null and X-Degraded names availability. If-None-Match with the current ETag (or *) ' +
      'answers 304 without a body.',
  })
  @ApiHeader({
    name: 'If-None-Match',
    required: false,
    description: 'ETags of representations the app already has',
  })
  @ApiOkResponse({
    type: CompactProductDto,
    headers: {
      ETag: { description: 'Strong entity tag of the body', schema: { type: 'string' } },
      'Cache-Control': { description: 'public, max-age=<CACHE_TTL_MS / 1000>' },
      [DEGRADED_HEADER]: DEGRADED_HEADER_DOC,
    },
  })
  @ApiProblems(304, 400, 401, 404, 502, 503, 504)
  async product(
    @Param() { id }: IdParams,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const representation = await this.products.product(id);
    reply.header('cache-control', this.cacheControl).header('etag', representation.etag);
    if (ifNoneMatchHits(ifNoneMatch, representation.etag)) {
      await reply.status(304).send();
      return;
    }
    if (representation.degraded.length > 0) {
      reply.header(DEGRADED_HEADER, representation.degraded.join(', '));
    }
    // The cached bytes as they are: exactly what the ETag was computed from.
    await reply
      .status(200)
      .header('content-type', 'application/json; charset=utf-8')
      .send(representation.body);
  }
}
