import { generateKeyPair } from 'jose';
import { FakeProductService } from '../testing/fake-product-service.fixture';
import { type RunningOrderService, startOrderService } from '../testing/order-service.fixture';
import { TestIssuer } from '../testing/test-issuer.fixture';

describe('order-service authentication', () => {
  const issuer = new TestIssuer();
  const products = new FakeProductService({ 'p-0001': 1999 });
  let service: RunningOrderService;
  const now = () => Math.floor(Date.now() / 1000);

  beforeAll(async () => {
    await Promise.all([issuer.start(), products.start()]);
    service = await startOrderService(issuer, products.url);
  });

  afterAll(async () => {
    await service.app.close();
    await Promise.all([issuer.stop(), products.stop()]);
  });

  const routes = [
    ['GET /orders', () => service.call('/orders')],
    ['GET /orders/:id', () => service.call('/orders/o-000001')],
    [
      'POST /orders',
      () =>
        service.call('/orders', {
          method: 'POST',
          idempotencyKey: 'k',
          body: JSON.stringify({ lines: [{ productId: 'p-0001', quantity: 1 }] }),
        }),
    ],
  ] as const;

  it.each(routes)(
    '%s answers 401 with a bare Bearer challenge without a token',
    async (_route, call) => {
      const response = await call();
      const problem = (await response.json()) as { code: string; status: number };

      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(response.headers.get('www-authenticate')).toBe('Bearer');
      expect(problem).toMatchObject({ code: 'BFF_ERR_UNAUTHORIZED', status: 401 });
    },
  );

  it('treats another authorization scheme as no bearer token', async () => {
    const response = await service.call('/orders', {
      headers: { authorization: 'Basic YWxpY2U6cGFzc3dvcmQ=' },
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
  });

  it('accepts a valid token', async () => {
    const response = await service.call('/orders', { token: await issuer.sign('alice') });
    expect(response.status).toBe(200);
  });

  const rejected: [string, () => Promise<string>][] = [
    ['not a JWT at all', async () => 'not-a-jwt'],
    ['expired', () => issuer.sign('alice', { claims: { iat: now() - 7200, exp: now() - 3600 } })],
    [
      'not yet valid (nbf in the future)',
      () => issuer.sign('alice', { claims: { nbf: now() + 3600 } }),
    ],
    ['from another issuer', () => issuer.sign('alice', { claims: { iss: 'https://evil.test' } })],
    ['for another audience', () => issuer.sign('alice', { claims: { aud: 'someone-else' } })],
    ['without exp', () => issuer.sign('alice', { claims: { exp: undefined } })],
    ['without sub', () => issuer.sign('alice', { claims: { sub: undefined } })],
    [
      'signed by another key under the trusted kid (forged)',
      async () => issuer.sign('alice', { key: (await generateKeyPair('RS256')).privateKey }),
    ],
    [
      'signed by another key with an unknown kid',
      async () =>
        issuer.sign('alice', { key: (await generateKeyPair('RS256')).privateKey, kid: 'mallory' }),
    ],
    ['unsigned (alg: none)', async () => issuer.unsigned('alice')],
    [
      'HS256 with the public key as the secret',
      async () => issuer.hmac('alice', new TextEncoder().encode(await issuer.publicKeyPem())),
    ],
    ['HS256 with any secret', () => issuer.hmac('alice', new TextEncoder().encode('secret'))],
  ];

  it.each(rejected)('answers 401 invalid_token for a token %s', async (_case, token) => {
    const response = await service.call('/orders', { token: await token() });
    const text = await response.text();

    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
    expect(JSON.parse(text).code).toBe('BFF_ERR_UNAUTHORIZED');
    expect(text).not.toMatch(/jwt|signature|kid/i);
  });

  it('does not fetch the key set again for every unknown kid', async () => {
    await service.call('/orders', { token: await issuer.sign('alice') });
    const hitsBefore = issuer.jwksHits;
    const { privateKey } = await generateKeyPair('RS256');

    for (let i = 0; i < 5; i++) {
      const token = await issuer.sign('alice', { key: privateKey, kid: `unknown-${i}` });
      expect((await service.call('/orders', { token })).status).toBe(401);
    }

    expect(issuer.jwksHits - hitsBefore).toBeLessThanOrEqual(1);
  });

  describe('scopes', () => {
    it('answers 403 insufficient_scope when a read-only token places an order', async () => {
      const token = await issuer.sign('carol', { claims: { scope: 'orders:read' } });
      const response = await service.call('/orders', {
        method: 'POST',
        token,
        idempotencyKey: 'carol-1',
        body: JSON.stringify({ lines: [{ productId: 'p-0001', quantity: 1 }] }),
      });

      expect(response.status).toBe(403);
      expect(response.headers.get('www-authenticate')).toBe(
        'Bearer error="insufficient_scope", scope="orders:write"',
      );
      expect(products.calls).toBe(0);
    });

    it('answers 403 when a token without scopes reads orders', async () => {
      const token = await issuer.sign('dave', { claims: { scope: '' } });
      expect((await service.call('/orders', { token })).status).toBe(403);
      expect((await service.call('/orders/o-000001', { token })).status).toBe(403);
    });

    it('lets a read-only token read', async () => {
      const token = await issuer.sign('carol', { claims: { scope: 'orders:read' } });
      expect((await service.call('/orders', { token })).status).toBe(200);
    });
  });
});
