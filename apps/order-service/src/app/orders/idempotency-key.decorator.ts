import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { BffError } from '@bff/util-errors';
import { IDEMPOTENCY_KEY_PATTERN } from '@bff/util-models';
import type { FastifyRequest } from 'fastify';

/** The request's `Idempotency-Key`: required, 1–64 printable ASCII characters, else 400. */
export const IdempotencyKey = createParamDecorator(
  (_data: unknown, context: ExecutionContext): string => {
    const key = context.switchToHttp().getRequest<FastifyRequest>().headers['idempotency-key'];
    if (typeof key === 'string' && IDEMPOTENCY_KEY_PATTERN.test(key)) return key;
    throw new BffError('BFF_ERR_VALIDATION', {
      detail:
        key === undefined
          ? 'The Idempotency-Key header is required'
          : 'The Idempotency-Key header must be 1–64 printable ASCII characters',
      errors: [{ field: 'Idempotency-Key', message: 'must be 1–64 printable ASCII characters' }],
    });
  },
);
