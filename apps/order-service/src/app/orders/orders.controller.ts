import {
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  Param,
  Post,
  Query,
  Res,
  UseGuards,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Order, Page } from '@bff/util-models';
import type { FastifyReply } from 'fastify';
import type { AuthenticatedUser } from '../auth/authenticated-user.interface';
import { CurrentUser } from '../auth/current-user.decorator';
import { JwtAuthGuard } from '../auth/jwt-auth.guard';
import { RequireScopes } from '../auth/scopes.decorator';
import { ScopesGuard } from '../auth/scopes.guard';
import { CreateOrderDto } from './dto/create-order.dto';
import { ListOrdersQuery } from './dto/list-orders.query';
import { IdempotencyKey } from './idempotency-key.decorator';
import { OrderIdPipe } from './order-id.pipe';
import { OrdersService } from './orders.service';

/** A user’s orders must never be kept by a shared cache. */
const PRIVATE = 'private, no-store';

/** The caller's own orders; nobody ever sees, or learns of, another user's order. */
@ApiTags('orders')
@ApiBearerAuth()
@Controller('orders')
@UseGuards(JwtAuthGuard, ScopesGuard)
export class OrdersController {
  constructor(private readonly orders: OrdersService) {}

  @Get()
  @RequireScopes(['orders:read'])
  @Header('Cache-Control', PRIVATE)
  @ApiOperation({ summary: 'The caller’s orders, newest first' })
  @ApiOkResponse({ description: '{ items: Order[], nextCursor: string | null }' })
  list(@CurrentUser() user: AuthenticatedUser, @Query() query: ListOrdersQuery): Page<Order> {
    return this.orders.list(user.sub, query.limit, query.cursor);
  }

  @Get(':id')
  @RequireScopes(['orders:read'])
  @Header('Cache-Control', PRIVATE)
  @ApiOperation({ summary: 'One of the caller’s orders; 404 for anyone else’s' })
  get(@CurrentUser() user: AuthenticatedUser, @Param('id', OrderIdPipe) id: string): Order {
    return this.orders.get(user.sub, id);
  }

  @Post()
  @HttpCode(201)
  @RequireScopes(['orders:write'])
  @Header('Cache-Control', PRIVATE)
  @ApiOperation({ summary: 'Places an order at the catalogue’s current prices, once per key' })
  @ApiHeader({ name: 'Idempotency-Key', required: true, description: '1–64 printable chars' })
  @ApiCreatedResponse({ description: 'The order; `Idempotent-Replayed: true` on a replay' })
  async create(
    @CurrentUser() user: AuthenticatedUser,
    @IdempotencyKey() key: string,
    @Body() body: CreateOrderDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Order> {
    const { value, replayed } = await this.orders.create(user.sub, key, body);
    if (replayed) reply.header('Idempotent-Replayed', 'true');
    return value;
  }
}
