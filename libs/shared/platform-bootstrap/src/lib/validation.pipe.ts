import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { BffError, type FieldError } from '@bff/util-errors';

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/**
 * The platform's global pipe: unknown fields are an error (never silently dropped), values are
 * transformed to their DTO types, and failures become `BFF_ERR_VALIDATION` with one entry per field.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) =>
      new BffError('BFF_ERR_VALIDATION', {
        detail: 'The request is not valid',
        errors: flatten(errors),
      }),
  });
}
