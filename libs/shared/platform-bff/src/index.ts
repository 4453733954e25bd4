export { ApiProblems } from './lib/api-problems.decorator';
export type { BffPlatformOptions } from './lib/bff-platform-options.interface';
export { BffPlatformModule } from './lib/bff-platform.module';
export { BffEnv, commaSeparated } from './lib/bff.env';
export {
  IDEMPOTENCY_KEY_HEADER,
  IdempotencyKey,
  IdempotencyKeyPipe,
} from './lib/idempotency-key.decorator';
export { IdParams, PageQuery } from './lib/dto/request.dto';
export { FieldErrorDto, MetaDto, MoneyDto, ProblemDto, ProductDto } from './lib/dto/response.dto';
