import { Module } from '@nestjs/common';
import { ProductPageController } from './product-page.controller';
import { ProductPageService } from './product-page.service';

/** `GET /products/:id`: the web product page. */
@Module({
  controllers: [ProductPageController],
  providers: [ProductPageService],
})
export class ProductPageModule {}
