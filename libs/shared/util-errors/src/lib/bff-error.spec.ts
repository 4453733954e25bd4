import { BffError, isBffError } from './bff-error';
import { ERROR_CATALOGUE, problemType } from './error-codes';

describe('BffError', () => {
  it('takes status and title from the catalogue', () => {
    const error = new BffError('BFF_ERR_UPSTREAM_TIMEOUT', { upstream: 'product' });
    expect(error.status).toBe(504);
    expect(error.title).toBe('Upstream timed out');
    expect(error.upstream).toBe('product');
  });

  it('lets a caller relay another status', () => {
    expect(new BffError('BFF_ERR_UPSTREAM_REJECTED', { status: 422 }).status).toBe(422);
  });

  it('is recognised by code', () => {
    const error = new BffError('BFF_ERR_NOT_FOUND');
    expect(isBffError(error)).toBe(true);
    expect(isBffError(error, 'BFF_ERR_NOT_FOUND')).toBe(true);
    expect(isBffError(error, 'BFF_ERR_CONFLICT')).toBe(false);
    expect(isBffError(new Error('x'))).toBe(false);
  });

  it('gives every code a distinct problem type', () => {
    const codes = Object.keys(ERROR_CATALOGUE) as (keyof typeof ERROR_CATALOGUE)[];
    const types = new Set(codes.map(problemType));
    expect(types.size).toBe(codes.length);
    expect(problemType('BFF_ERR_UPSTREAM_CIRCUIT_OPEN')).toBe(
      'urn:bff:error:upstream-circuit-open',
    );
  });
});
