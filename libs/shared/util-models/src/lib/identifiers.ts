/**
 * What a path parameter id may be: 1–64 of `[A-Za-z0-9_-]`. Nothing else can become part of a
 * downstream URL, so no dot segment, slash or control character ever reaches another service.
 */
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** @example isValidId('p-001') // true; isValidId('../admin') // false */
export function isValidId(value: unknown): value is string {
  return typeof value === 'string' && ID_PATTERN.test(value);
}

/** Valid `X-Request-Id` values: 1–128 of `[A-Za-z0-9._-]`. */
export const REQUEST_ID_PATTERN = /^[A-Za-z0-9._-]{1,128}$/;

/** Valid `Idempotency-Key` values: 1–64 printable ASCII characters. */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,64}$/;
