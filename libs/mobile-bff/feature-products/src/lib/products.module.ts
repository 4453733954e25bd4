import { Module } from '@nestjs/common';
import { FeedController } from './feed.controller';
import { ProductsController } from './products.controller';
import { ProductsService } from './products.service';

/** `GET /products/:id` (compact, ETag) and `GET /feed`: the mobile app's catalogue. */
@Module({
  controllers: [FeedController, ProductsController],
  providers: [ProductsService],
})
export class ProductsModule {}
