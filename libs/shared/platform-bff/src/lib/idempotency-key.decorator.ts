import {
  createParamDecorator,
  type ExecutionContext,
  Injectable,
  type PipeTransform,
} from '@nestjs/common';
import { BffError } from '@bff/util-errors';
import { IDEMPOTENCY_KEY_PATTERN } from '@bff/util-models';

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';

/** A present, well-formed `Idempotency-Key`, else 400 before anything is called. */
@Injectable()
export class IdempotencyKeyPipe implements PipeTransform<unknown, string> {
  transform(value: unknown): string {
    if (typeof value === 'string' && IDEMPOTENCY_KEY_PATTERN.test(value)) return value;
    throw new BffError('BFF_ERR_VALIDATION', {
      detail: `A valid ${IDEMPOTENCY_KEY_HEADER} header is required`,
      errors: [
        {
          field: IDEMPOTENCY_KEY_HEADER,
          message: value === undefined ? 'is required' : 'must be 1–64 printable ASCII characters',
        },
      ],
    });
  }
}

const idempotencyKeyHeader = createParamDecorator(
  (_data: unknown, context: ExecutionContext): unknown =>
    context.switchToHttp().getRequest<{ headers: Record<string, unknown> }>().headers[
      IDEMPOTENCY_KEY_HEADER.toLowerCase()
    ],
);

/** The request's validated `Idempotency-Key` header (400 when missing or malformed). */
export const IdempotencyKey = () => idempotencyKeyHeader(IdempotencyKeyPipe);
