import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Controller, Get, Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  exportJWK,
  exportSPKI,
  generateKeyPair,
  type JWK,
  type JWTPayload,
  type KeyLike,
  SignJWT,
} from 'jose';
import { createApp } from '@bff/platform-bootstrap';
import { RequestContext } from '@bff/util-request-context';
import {
  AuthModule,
  type AuthModuleOptions,
  type AuthenticatedUser,
  CurrentUser,
  OptionalAuth,
  Public,
  RequireApiKey,
  RequireScopes,
} from '../index';

const ISSUER = 'http://issuer.test';
const AUDIENCE = 'bff';
const API_KEY = 'mobile-dev-key-0123456789';

/** A development identity provider: RS256 keys, a JWKS over real HTTP that counts downloads. */
class TestIssuer {
  fetches = 0;
  private readonly published: JWK[] = [];
  private readonly server: Server = createServer((_req, res) => {
    this.fetches++;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ keys: this.published }));
  });
  jwksUri = '';

  private constructor(readonly keys: Record<string, { privateKey: KeyLike; publicKey: KeyLike }>) {}

  static async start(...kids: string[]): Promise<TestIssuer> {
    const keys: TestIssuer['keys'] = {};
    for (const kid of kids) keys[kid] = await generateKeyPair('RS256');
    const issuer = new TestIssuer(keys);
    await new Promise<void>((resolve) => issuer.server.listen(0, '127.0.0.1', resolve));
    issuer.jwksUri = `http://127.0.0.1:${(issuer.server.address() as AddressInfo).port}/jwks.json`;
    return issuer;
  }

  async publish(kid: string): Promise<void> {
    this.published.push({ ...(await exportJWK(this.keys[kid].publicKey)), kid, alg: 'RS256' });
  }

  /** A token as the identity service issues it; `claims` override or (as `undefined`) drop claims. */
  sign(claims: Record<string, unknown> = {}, kid = 'key-1', key?: KeyLike): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const payload = Object.fromEntries(
      Object.entries({
        iss: ISSUER,
        aud: AUDIENCE,
        sub: 'alice',
        scope: 'orders:read orders:write',
        iat: now,
        exp: now + 300,
        ...claims,
      }).filter(([, value]) => value !== undefined),
    ) as JWTPayload;
    return new SignJWT(payload)
      .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
      .sign(key ?? this.keys[kid].privateKey);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

const b64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

@Controller()
class ProbeController {
  @Public()
  @Get('products/p1')
  product() {
    return { id: 'p1' };
  }

  @Get('me')
  me(@CurrentUser() user: AuthenticatedUser) {
    return user;
  }

  @RequireScopes('orders:read')
  @Get('me/orders')
  orders(@CurrentUser() user: AuthenticatedUser) {
    return { sub: user.sub, relayable: RequestContext.current()?.accessToken ?? null };
  }

  @RequireScopes('orders:write')
  @Get('me/checkout')
  checkout() {
    return { ok: true };
  }

  @OptionalAuth()
  @Get('catalog')
  catalog(@CurrentUser() user?: AuthenticatedUser) {
    return { user: user?.sub ?? null };
  }

  @RequireApiKey()
  @Public()
  @Get('partner/feed')
  feed() {
    return { items: [] };
  }
}

async function startApp(options: Partial<AuthModuleOptions>): Promise<{
  app: NestFastifyApplication;
  base: string;
}> {
  @Module({ controllers: [ProbeController], imports: [AuthModule.forRoot(options)] })
  class AppModule {}
  const app = await createApp(AppModule, {
    name: 'auth-e2e',
    defaultPort: 0,
    environment: { LOG_LEVEL: 'silent' },
  });
  await app.listen(0, '127.0.0.1');
  return { app, base: await app.getUrl() };
}

function get(base: string, path: string, headers: Record<string, string> = {}) {
  return fetch(`${base}${path}`, { headers });
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('AuthModule over HTTP', () => {
  let issuer: TestIssuer;

  beforeAll(async () => {
    issuer = await TestIssuer.start('key-1', 'key-2', 'key-3', 'rogue');
    await issuer.publish('key-1');
  });

  afterAll(() => issuer.close());

  describe('with bearer tokens only (the web BFF)', () => {
    let app: NestFastifyApplication;
    let base: string;

    beforeAll(async () => {
      ({ app, base } = await startApp({
        jwksUri: issuer.jwksUri,
        issuer: ISSUER,
        audience: AUDIENCE,
      }));
    });

    afterAll(() => app.close());

    it('lets a valid token through and gives the route its subject and scopes', async () => {
      const response = await get(base, '/me', bearer(await issuer.sign()));
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({
        sub: 'alice',
        scopes: ['orders:read', 'orders:write'],
      });
    });

    it('puts the verified raw token in the request context for relay', async () => {
      const token = await issuer.sign();
      const response = await get(base, '/me/orders', bearer(token));
      expect(await response.json()).toEqual({ sub: 'alice', relayable: token });
    });

    it('answers a request without a token with 401 and a plain Bearer challenge', async () => {
      const response = await get(base, '/me');
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer');
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(await response.json()).toMatchObject({
        status: 401,
        code: 'BFF_ERR_UNAUTHORIZED',
        requestId: expect.any(String),
      });
    });

    const rejected: Array<[string, () => Promise<string>]> = [
      [
        'a forged token (signed by a key the JWKS does not hold)',
        async () => issuer.sign({}, 'key-1', issuer.keys['rogue'].privateKey),
      ],
      ['an expired token', () => issuer.sign({ exp: Math.floor(Date.now() / 1000) - 60 })],
      [
        'a token not valid yet (nbf)',
        () => issuer.sign({ nbf: Math.floor(Date.now() / 1000) + 600 }),
      ],
      ['a token from another issuer', () => issuer.sign({ iss: 'http://evil.test' })],
      ['a token for another audience', () => issuer.sign({ aud: 'another-api' })],
      ['a token without exp', () => issuer.sign({ exp: undefined })],
      ['a token without sub', () => issuer.sign({ sub: undefined })],
      [
        'an alg "none" token',
        async () =>
          `${b64url({ alg: 'none', kid: 'key-1', typ: 'JWT' })}.${b64url({
            iss: ISSUER,
            aud: AUDIENCE,
            sub: 'alice',
            exp: Math.floor(Date.now() / 1000) + 300,
          })}.`,
      ],
      [
        'an HS256 token keyed with the public RSA key (key confusion)',
        async () => {
          const pem = await exportSPKI(issuer.keys['key-1'].publicKey);
          return new SignJWT({
            iss: ISSUER,
            aud: AUDIENCE,
            sub: 'alice',
            exp: Math.floor(Date.now() / 1000) + 300,
          })
            .setProtectedHeader({ alg: 'HS256', kid: 'key-1' })
            .sign(new TextEncoder().encode(pem));
        },
      ],
      [
        'a token whose signature was tampered with',
        async () => {
          const [header, , signature] = (await issuer.sign()).split('.');
          return `${header}.${b64url({ iss: ISSUER, aud: AUDIENCE, sub: 'mallory', exp: 9_999_999_999 })}.${signature}`;
        },
      ],
      ['a string that is not a JWT', async () => 'not-a-jwt'],
    ];

    it.each(rejected)('rejects %s with 401 invalid_token', async (_name, token) => {
      const response = await get(base, '/me', bearer(await token()));
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
      const body = await response.json();
      expect(body).toMatchObject({ code: 'BFF_ERR_UNAUTHORIZED' });
      expect(JSON.stringify(body)).not.toMatch(/jwt|jsonwebtoken|stack/i);
    });

    it('answers a valid token without the required scope with 403', async () => {
      const response = await get(
        base,
        '/me/checkout',
        bearer(await issuer.sign({ scope: 'orders:read' })),
      );
      expect(response.status).toBe(403);
      expect(response.headers.get('www-authenticate')).toContain('insufficient_scope');
      expect(await response.json()).toMatchObject({
        code: 'BFF_ERR_FORBIDDEN',
        detail: 'Missing scope: orders:write',
      });
    });

    it('serves a public route without a token, and ignores an invalid one there', async () => {
      expect((await get(base, '/products/p1')).status).toBe(200);
      expect((await get(base, '/products/p1', bearer('not-a-jwt'))).status).toBe(200);
    });

    it('enriches an optional route with the user only when a valid token is sent', async () => {
      expect(await (await get(base, '/catalog')).json()).toEqual({ user: null });
      const withToken = await get(base, '/catalog', bearer(await issuer.sign({ sub: 'carol' })));
      expect(await withToken.json()).toEqual({ user: 'carol' });
      expect((await get(base, '/catalog', bearer('not-a-jwt'))).status).toBe(401);
    });

    it('leaves the platform routes (/health, /metrics) open', async () => {
      expect((await get(base, '/health/live')).status).toBe(200);
      expect((await get(base, '/metrics')).status).toBe(200);
    });

    it('fails closed when a route asks for an API key the app has none of', async () => {
      expect((await get(base, '/partner/feed')).status).toBe(500);
    });
  });

  describe('JWKS caching and refresh', () => {
    let app: NestFastifyApplication;
    let base: string;
    let jwks: TestIssuer;

    beforeAll(async () => {
      jwks = await TestIssuer.start('key-1', 'key-2', 'key-3');
      await jwks.publish('key-1');
      ({ app, base } = await startApp({
        jwksUri: jwks.jwksUri,
        issuer: ISSUER,
        audience: AUDIENCE,
      }));
    });

    afterAll(async () => {
      jest.restoreAllMocks();
      await app.close();
      await jwks.close();
    });

    it('downloads the JWKS once for many requests', async () => {
      const token = await jwks.sign();
      const statuses = await Promise.all(
        Array.from({ length: 10 }, async () => (await get(base, '/me', bearer(token))).status),
      );
      expect(statuses).toEqual(Array(10).fill(200));
      expect(jwks.fetches).toBe(1);
    });

    it('never downloads the JWKS for algorithms outside the pinned list, even past the cooldown', async () => {
      jest.spyOn(Date, 'now').mockReturnValue(Date.now() + 31_000);
      const pem = await exportSPKI(jwks.keys['key-1'].publicKey);
      const hs256 = await new SignJWT({ sub: 'x', exp: 9_999_999_999 })
        .setProtectedHeader({ alg: 'HS256', kid: 'unknown' })
        .sign(new TextEncoder().encode(pem));
      const rs384 = await new SignJWT({ iss: ISSUER, aud: AUDIENCE, sub: 'x', exp: 9_999_999_999 })
        .setProtectedHeader({ alg: 'RS384', kid: 'unknown' })
        .sign(jwks.keys['key-2'].privateKey);
      expect((await get(base, '/me', bearer(hs256))).status).toBe(401);
      expect((await get(base, '/me', bearer(rs384))).status).toBe(401);
      expect(jwks.fetches).toBe(1);
      jest.restoreAllMocks();
    });

    it('refetches on an unknown kid at most once per 30 s', async () => {
      // The identity provider rotates in key-2 right after our first download.
      await jwks.publish('key-2');
      const rotated = await jwks.sign({}, 'key-2');

      expect((await get(base, '/me', bearer(rotated))).status).toBe(401);
      expect((await get(base, '/me', bearer(rotated))).status).toBe(401);
      expect(jwks.fetches).toBe(1);

      const now = Date.now();
      jest.spyOn(Date, 'now').mockReturnValue(now + 31_000);
      expect((await get(base, '/me', bearer(rotated))).status).toBe(200);
      expect(jwks.fetches).toBe(2);

      // Another unknown kid right after a download: no new download, 401.
      expect((await get(base, '/me', bearer(await jwks.sign({}, 'key-3')))).status).toBe(401);
      expect(jwks.fetches).toBe(2);
    });
  });

  describe('when the JWKS cannot be reached', () => {
    it('answers 502 quickly rather than 401, so that clients keep their token', async () => {
      const down = await TestIssuer.start('key-1');
      const jwksUri = down.jwksUri;
      await down.close();
      const { app, base } = await startApp({ jwksUri, issuer: ISSUER, audience: AUDIENCE });
      try {
        const response = await get(base, '/me', bearer(await down.sign()));
        expect(response.status).toBe(502);
        expect(await response.json()).toMatchObject({ code: 'BFF_ERR_UPSTREAM_UNAVAILABLE' });
      } finally {
        await app.close();
      }
    });
  });

  describe('with an API key on every route (the mobile BFF)', () => {
    let app: NestFastifyApplication;
    let base: string;

    beforeAll(async () => {
      ({ app, base } = await startApp({
        jwksUri: issuer.jwksUri,
        issuer: ISSUER,
        audience: AUDIENCE,
        apiKey: { keys: ['another-key-abcdefgh', API_KEY], mode: 'all-routes' },
      }));
    });

    afterAll(() => app.close());

    it('answers a public route without a key with 401', async () => {
      const response = await get(base, '/products/p1');
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('ApiKey header="x-api-key"');
      expect(await response.json()).toMatchObject({
        code: 'BFF_ERR_UNAUTHORIZED',
        detail: 'An API key is required in x-api-key',
      });
    });

    it('answers a wrong key with 401', async () => {
      const response = await get(base, '/products/p1', { 'x-api-key': `${API_KEY}x` });
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ detail: 'The API key is invalid' });
    });

    it('serves a public route with the right key', async () => {
      expect((await get(base, '/products/p1', { 'x-api-key': API_KEY })).status).toBe(200);
    });

    it('needs both the key and a user token with the scope on a scoped route', async () => {
      const token = await issuer.sign();
      expect((await get(base, '/me/orders', bearer(token))).status).toBe(401);
      expect((await get(base, '/me/orders', { 'x-api-key': API_KEY })).status).toBe(401);
      const both = await get(base, '/me/orders', { 'x-api-key': API_KEY, ...bearer(token) });
      expect(both.status).toBe(200);
    });

    it('leaves /health and /metrics open without a key', async () => {
      expect((await get(base, '/health/live')).status).toBe(200);
      expect((await get(base, '/metrics')).status).toBe(200);
    });
  });

  describe('with an unsafe configuration', () => {
    it('fails when the app is created, naming the setting, rather than at import', async () => {
      let auth: ReturnType<typeof AuthModule.forRoot> | undefined;
      expect(() => (auth = AuthModule.forRoot({ algorithms: ['HS256' as 'RS256'] }))).not.toThrow();
      @Module({ imports: [auth as NonNullable<typeof auth>] })
      class UnsafeModule {}
      await expect(
        createApp(UnsafeModule, {
          name: 'auth-e2e',
          defaultPort: 0,
          environment: { LOG_LEVEL: 'silent' },
        }),
      ).rejects.toThrow(/refused: HS256/);
    });
  });

  describe('with API keys only on decorated routes', () => {
    let app: NestFastifyApplication;
    let base: string;

    beforeAll(async () => {
      ({ app, base } = await startApp({
        jwksUri: issuer.jwksUri,
        issuer: ISSUER,
        audience: AUDIENCE,
        apiKey: { keys: [API_KEY], header: 'X-Partner-Key', mode: 'decorated' },
      }));
    });

    afterAll(() => app.close());

    it('asks for the key only where @RequireApiKey() says so', async () => {
      expect((await get(base, '/products/p1')).status).toBe(200);
      expect((await get(base, '/partner/feed')).status).toBe(401);
      expect((await get(base, '/partner/feed', { 'x-partner-key': API_KEY })).status).toBe(200);
    });
  });
});
