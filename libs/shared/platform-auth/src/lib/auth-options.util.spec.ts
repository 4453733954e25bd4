import { resolveAuthOptions } from './auth-options.util';

describe('resolveAuthOptions', () => {
  it('takes the CONTRACT defaults when neither options nor environment say otherwise', () => {
    expect(resolveAuthOptions({}, {})).toEqual({
      jwksUri: 'http://127.0.0.1:3100/.well-known/jwks.json',
      issuer: 'http://127.0.0.1:3100',
      audience: 'bff',
      algorithms: ['RS256'],
      clockToleranceSec: 5,
      jwksTimeoutMs: 2000,
      publicPaths: ['/health', '/metrics', '/docs'],
    });
  });

  it('reads AUTH_JWKS_URI, AUTH_ISSUER and AUTH_AUDIENCE, and lets options win over them', () => {
    const env = {
      AUTH_JWKS_URI: 'http://idp:3100/jwks.json',
      AUTH_ISSUER: 'http://idp:3100',
      AUTH_AUDIENCE: 'web',
    };
    expect(resolveAuthOptions({}, env)).toMatchObject({
      jwksUri: 'http://idp:3100/jwks.json',
      issuer: 'http://idp:3100',
      audience: 'web',
    });
    expect(resolveAuthOptions({ audience: 'mobile' }, env).audience).toBe('mobile');
  });

  it.each([['none'], ['HS256'], ['HS512']])('refuses the %s algorithm at start', (alg) => {
    expect(() => resolveAuthOptions({ algorithms: ['RS256', alg as 'RS256'] }, {})).toThrow(
      new RegExp(`refused: ${alg}`),
    );
  });

  it('refuses an empty algorithm list, a relative JWKS URI and an empty audience', () => {
    expect(() => resolveAuthOptions({ algorithms: [] }, {})).toThrow(/algorithms/);
    expect(() => resolveAuthOptions({ jwksUri: '/jwks.json' }, {})).toThrow(/AUTH_JWKS_URI/);
    expect(() => resolveAuthOptions({ audience: [] }, {})).toThrow(/AUTH_AUDIENCE/);
  });

  it('defaults API keys to the x-api-key header on all routes and refuses an empty key list', () => {
    expect(resolveAuthOptions({ apiKey: { keys: ['k1', ''] } }, {}).apiKey).toEqual({
      keys: ['k1'],
      header: 'x-api-key',
      mode: 'all-routes',
    });
    expect(() => resolveAuthOptions({ apiKey: { keys: [''] } }, {})).toThrow(/apiKey.keys/);
  });
});
