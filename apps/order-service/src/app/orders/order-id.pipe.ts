import { Injectable, type PipeTransform } from '@nestjs/common';
import { BffError } from '@bff/util-errors';
import { isValidId } from '@bff/util-models';

/** A path id must be 1–64 of `[A-Za-z0-9_-]`; anything else is 400, never a lookup. */
@Injectable()
export class OrderIdPipe implements PipeTransform<unknown, string> {
  transform(value: unknown): string {
    if (isValidId(value)) return value;
    throw new BffError('BFF_ERR_VALIDATION', {
      detail: 'The order id is not valid',
      errors: [{ field: 'id', message: 'must be 1–64 of [A-Za-z0-9_-]' }],
    });
  }
}
