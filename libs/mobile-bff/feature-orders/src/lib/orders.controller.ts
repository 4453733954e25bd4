import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiSecurity,
  ApiTags,
} from '@nestjs/swagger';
import { CheckoutDto } from '@bff/data-access-checkout';
import { RequireScopes } from '@bff/platform-auth';
import { ApiProblems, IDEMPOTENCY_KEY_HEADER, IdempotencyKey, PageQuery } from '@bff/platform-bff';
import { CacheScope } from '@bff/platform-caching';
import { ThrottleTier } from '@bff/platform-throttling';
import { IDEMPOTENCY_KEY_PATTERN } from '@bff/util-models';
import { InsufficientStockProblemDto, OrderSummaryDto, OrderSummaryPageDto } from './orders.dto';
import type { OrderSummary, OrderSummaryPage } from './orders.mapper';
import { OrdersService } from './orders.service';

/** The signed-in user's orders: `Cache-Control: private, no-store` on every answer. */
@ApiTags('orders')
@ApiSecurity('apiKey')
@ApiBearerAuth()
@CacheScope('user')
@Controller('orders')
export class OrdersController {
  constructor(private readonly orders: OrdersService) {}

  @RequireScopes('orders:read')
  @Get()
  @ApiOperation({
    summary: "A page of the user's orders, as summaries",
    description: 'One order call. Needs the API key and a bearer token with orders:read.',
  })
  @ApiOkResponse({ type: OrderSummaryPageDto })
  @ApiProblems(400, 401, 403, 502, 503, 504)
  list(@Query() query: PageQuery): Promise<OrderSummaryPage> {
    return this.orders.list(query);
  }

  @RequireScopes('orders:write')
  @ThrottleTier('checkout')
  @Post()
  @ApiOperation({
    summary: 'Checkout: check stock, then create the order',
    description:
      'Needs the API key and a bearer token with orders:write. Stock is checked first; a short product ' +
      'is a 409 naming every short product and nothing is created. The same Idempotency-Key with the ' +
      'same body returns the same order; with another body, 422.',
  })
  @ApiHeader({
    name: IDEMPOTENCY_KEY_HEADER,
    required: true,
    description: 'Chosen by the app per checkout; reuse it only to retry the same checkout',
    schema: {
      type: 'string',
      minLength: 1,
      maxLength: 64,
      pattern: IDEMPOTENCY_KEY_PATTERN.source,
    },
  })
  @ApiCreatedResponse({ type: OrderSummaryDto })
  @ApiConflictResponse({
    description: 'Stock is short for some products; nothing was created',
    type: InsufficientStockProblemDto,
  })
  @ApiProblems(400, 401, 403, 413, 415, 422, 502, 503, 504)
  checkout(
    @IdempotencyKey() idempotencyKey: string,
    @Body() body: CheckoutDto,
  ): Promise<OrderSummary> {
    return this.orders.place(body.lines, idempotencyKey);
  }
}
