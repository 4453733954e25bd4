import { Controller, Get } from '@nestjs/common';
import { constantBody } from './constant-body';

/** One route answering a constant JSON body: what a framework costs before any work. */
@Controller('constant')
export class ConstantController {
  private readonly body = constantBody();

  @Get()
  get(): object {
    return this.body;
  }
}
