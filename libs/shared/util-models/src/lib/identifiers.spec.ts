import { IDEMPOTENCY_KEY_PATTERN, isValidId, REQUEST_ID_PATTERN } from './identifiers';

describe('identifiers', () => {
  it.each(['p1', 'P-001_x', 'a'.repeat(64)])('accepts id %s', (id) => {
    expect(isValidId(id)).toBe(true);
  });

  it.each(['', '..', 'a/b', 'a%2Fb', 'a b', 'a\n', 'a'.repeat(65), 'é'])('rejects id %j', (id) => {
    expect(isValidId(id)).toBe(false);
  });

  it('bounds request ids to 128 safe characters', () => {
    expect(REQUEST_ID_PATTERN.test('abc.DEF-1_2')).toBe(true);
    expect(REQUEST_ID_PATTERN.test('x'.repeat(129))).toBe(false);
    expect(REQUEST_ID_PATTERN.test('a b')).toBe(false);
  });

  it('bounds idempotency keys to 64 printable characters', () => {
    expect(IDEMPOTENCY_KEY_PATTERN.test('k'.repeat(64))).toBe(true);
    expect(IDEMPOTENCY_KEY_PATTERN.test('k'.repeat(65))).toBe(false);
    expect(IDEMPOTENCY_KEY_PATTERN.test('')).toBe(false);
  });
});
