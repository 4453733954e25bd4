import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CheckoutDto } from '@bff/data-access-checkout';
import { RequireScopes } from '@bff/platform-auth';
import {
  ApiProblems,
  IDEMPOTENCY_KEY_HEADER,
  IdempotencyKey,
  IdParams,
  PageQuery,
} from '@bff/platform-bff';
import { CacheScope } from '@bff/platform-caching';
import { ThrottleTier } from '@bff/platform-throttling';
import { IDEMPOTENCY_KEY_PATTERN } from '@bff/util-models';
import {
  InsufficientStockProblemDto,
  OrderDetailDto,
  OrderPageDto,
  PlacedOrderDto,
} from './orders.dto';
import type { OrderDetailView, OrderPageView, PlacedOrderView } from './orders.mapper';
import { OrdersService } from './orders.service';

/** The signed-in user's orders: `Cache-Control: private, no-store` on every answer. */
@ApiTags('orders')
@ApiBearerAuth()
@CacheScope('user')
@Controller('me/orders')
export class OrdersController {
  constructor(private readonly orders: OrdersService) {}

  @RequireScopes('orders:read')
  @Get()
  @ApiOperation({
    summary: "A page of the user's orders, lines with product name and image",
    description:
      'Products are optional: when they fail, name and image are null and meta.degraded lists products.',
  })
  @ApiOkResponse({ type: OrderPageDto })
  @ApiProblems(400, 401, 403, 502, 503, 504)
  list(@Query() query: PageQuery): Promise<OrderPageView> {
    return this.orders.list(query);
  }

  @RequireScopes('orders:read')
  @Get(':id')
  @ApiOperation({
    summary: "One of the user's orders, lines with product name, image and current stock",
    description:
      "Products and stock are optional: when they fail, their fields are null and meta.degraded lists products or stock. Another user's order is 404.",
  })
  @ApiOkResponse({ type: OrderDetailDto })
  @ApiProblems(400, 401, 403, 404, 502, 503, 504)
  detail(@Param() { id }: IdParams): Promise<OrderDetailView> {
    return this.orders.detail(id);
  }

  @RequireScopes('orders:write')
  @ThrottleTier('checkout')
  @Post()
  @ApiOperation({
    summary: 'Checkout: check stock, then create the order',
    description:
      'Stock is checked first; a short line is a 409 naming every short line and nothing is created. ' +
      'The same Idempotency-Key with the same body returns the same order; with another body, 422.',
  })
  @ApiHeader({
    name: IDEMPOTENCY_KEY_HEADER,
    required: true,
    description: 'Chosen by the client per checkout; reuse it only to retry the same checkout',
    schema: {
      type: 'string',
      minLength: 1,
      maxLength: 64,
      pattern: IDEMPOTENCY_KEY_PATTERN.source,
    },
  })
  @ApiCreatedResponse({ type: PlacedOrderDto })
  @ApiConflictResponse({
    description: 'Stock is short for some lines; nothing was created',
    type: InsufficientStockProblemDto,
  })
  @ApiProblems(400, 401, 403, 413, 415, 422, 502, 503, 504)
  checkout(
    @IdempotencyKey() idempotencyKey: string,
    @Body() body: CheckoutDto,
  ): Promise<PlacedOrderView> {
    return this.orders.checkout(body.lines, idempotencyKey);
  }
}
