import crypto from 'node:crypto';
import { ApiKeyVerifier } from './api-key.verifier';

describe('ApiKeyVerifier', () => {
  const verifier = new ApiKeyVerifier([
    'mobile-dev-key-0001',
    'a-much-longer-second-key-for-partners',
  ]);

  it('accepts each configured key and gives it a stable, non-secret id', () => {
    const first = verifier.match('mobile-dev-key-0001');
    expect(first).toMatch(/^[0-9a-f]{16}$/);
    expect(first).not.toContain('mobile');
    expect(new ApiKeyVerifier(['x', 'mobile-dev-key-0001']).match('mobile-dev-key-0001')).toBe(
      first,
    );
    expect(verifier.match('a-much-longer-second-key-for-partners')).toBeDefined();
  });

  it('refuses a wrong key, a prefix of a key, and an empty or missing key', () => {
    expect(verifier.match('mobile-dev-key-0002')).toBeUndefined();
    expect(verifier.match('mobile-dev-key')).toBeUndefined();
    expect(verifier.match('')).toBeUndefined();
    expect(verifier.match(undefined)).toBeUndefined();
  });

  it('compares against every key in constant time, even when the first one matches', () => {
    const spy = jest.spyOn(crypto, 'timingSafeEqual');
    try {
      verifier.match('mobile-dev-key-0001');
      expect(spy).toHaveBeenCalledTimes(2);
      for (const [a, b] of spy.mock.calls) {
        expect((a as Buffer).length).toBe(32);
        expect((b as Buffer).length).toBe(32);
      }
    } finally {
      spy.mockRestore();
    }
  });
});
