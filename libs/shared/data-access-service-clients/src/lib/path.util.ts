import { BffError, type FieldError } from '@bff/util-errors';
import { isValidId, MAX_BATCH_IDS, PAGE_LIMIT } from '@bff/util-models';

const ID_MESSAGE = 'must be 1–64 characters of A–Z, a–z, 0–9, _ or -';

/**
 * A path segment from an id: validated against the contract's id pattern and percent-encoded,
 * so that nothing but the intended resource can be addressed downstream.
 *
 * @throws BffError BFF_ERR_VALIDATION (400) before any network call.
 */
export function idSegment(id: unknown, field = 'id'): string {
  if (!isValidId(id)) {
    throw new BffError('BFF_ERR_VALIDATION', {
      detail: `Invalid ${field}`,
      errors: [{ field, message: ID_MESSAGE }],
    });
  }
  return encodeURIComponent(id);
}

/** Validates every id of a batch, reporting each bad one by its index. */
export function validateIds(ids: readonly unknown[], field = 'ids'): string[] {
  const errors: FieldError[] = [];
  ids.forEach((id, index) => {
    if (!isValidId(id)) errors.push({ field: `${field}[${index}]`, message: ID_MESSAGE });
  });
  if (errors.length > 0) {
    throw new BffError('BFF_ERR_VALIDATION', { detail: `Invalid ${field}`, errors });
  }
  return ids as string[];
}

/** Unique ids in first-seen order, split into chunks the services accept in one call. */
export function batches(ids: readonly string[], size = MAX_BATCH_IDS): string[][] {
  const unique = [...new Set(ids)];
  const chunks: string[][] = [];
  for (let start = 0; start < unique.length; start += size) {
    chunks.push(unique.slice(start, start + size));
  }
  return chunks;
}

/** A query string from defined values, each percent-encoded; empty when none are set. */
export function queryString(params: Record<string, string | number | undefined>): string {
  const pairs: string[] = [];
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined) continue;
    pairs.push(`${name}=${encodeURIComponent(String(value))}`);
  }
  return pairs.length > 0 ? `?${pairs.join('&')}` : '';
}

/** Checks an optional page size against the platform's bounds. */
export function validateLimit(limit: number | undefined): number | undefined {
  if (limit === undefined) return undefined;
  if (!Number.isInteger(limit) || limit < PAGE_LIMIT.min || limit > PAGE_LIMIT.max) {
    throw new BffError('BFF_ERR_VALIDATION', {
      detail: 'Invalid limit',
      errors: [{ field: 'limit', message: 'must be an integer from 1 to 100' }],
    });
  }
  return limit;
}
