import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Controller, Get, Global, Module, Post } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { exportJWK, generateKeyPair, type KeyLike, SignJWT } from 'jose';
import { AuthModule, AuthService, Public, RequireScopes } from '@bff/platform-auth';
import { createApp } from '@bff/platform-bootstrap';
import { metricsRegistry } from '@bff/util-metrics';
import {
  SkipThrottle,
  ThrottleTier,
  ThrottlingModule,
  type ThrottlingModuleOptions,
} from '../index';

const ISSUER = 'http://issuer.test';

@Controller()
class ShopController {
  @Public()
  @Get('products')
  products() {
    return { items: [] };
  }

  @Public()
  @Get('catalog')
  catalog() {
    return { items: [] };
  }

  @RequireScopes('orders:write')
  @ThrottleTier('checkout')
  @Post('orders')
  checkout() {
    return { id: 'o1' };
  }

  @Public()
  @ThrottleTier('chekout')
  @Get('misspelt')
  misspelt() {
    return {};
  }

  @Public()
  @SkipThrottle()
  @Get('unlimited')
  unlimited() {
    return {};
  }
}

let privateKey: KeyLike;
let jwksServer: Server;
let jwksUri: string;

beforeAll(async () => {
  const pair = await generateKeyPair('RS256');
  privateKey = pair.privateKey;
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256' };
  jwksServer = createServer((_req, res) => res.end(JSON.stringify({ keys: [jwk] })));
  await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
  jwksUri = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/jwks.json`;
});

afterAll(() => new Promise((resolve) => jwksServer.close(resolve)));

function token(sub: string): Promise<string> {
  return new SignJWT({ scope: 'orders:write' })
    .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
    .setIssuer(ISSUER)
    .setAudience('bff')
    .setSubject(sub)
    .setExpirationTime('5m')
    .sign(privateKey);
}

async function startApp(
  options: Partial<ThrottlingModuleOptions>,
  extra: { apiKeys?: string[]; authStub?: Partial<AuthService> } = {},
): Promise<{ app: NestFastifyApplication; base: string }> {
  @Global()
  @Module({
    exports: [AuthService],
    providers: [{ provide: AuthService, useValue: extra.authStub }],
  })
  class StubAuthModule {}

  const auth = extra.authStub
    ? StubAuthModule
    : AuthModule.forRoot({
        jwksUri,
        issuer: ISSUER,
        audience: 'bff',
        apiKey: extra.apiKeys ? { keys: extra.apiKeys, mode: 'all-routes' } : undefined,
      });
  @Module({ controllers: [ShopController], imports: [ThrottlingModule.forRoot(options), auth] })
  class AppModule {}
  const app = await createApp(AppModule, {
    name: 'throttling-e2e',
    defaultPort: 0,
    environment: { LOG_LEVEL: 'silent' },
  });
  await app.listen(0, '127.0.0.1');
  return { app, base: await app.getUrl() };
}

const call = (base: string, path: string, headers: Record<string, string> = {}, method = 'GET') =>
  fetch(`${base}${path}`, { method, headers });

async function statuses(count: number, send: () => Promise<Response>): Promise<number[]> {
  const result: number[] = [];
  for (let i = 0; i < count; i++) result.push((await send()).status);
  return result;
}

async function rateLimitedCount(tier: string): Promise<number> {
  const metric = await metricsRegistry.getSingleMetric('bff_rate_limited_total')?.get();
  return metric?.values.find((v) => v.labels['tier'] === tier)?.value ?? 0;
}

describe('ThrottlingModule over HTTP (memory storage)', () => {
  describe('with a limit of 3 per minute', () => {
    let app: NestFastifyApplication;
    let base: string;

    beforeEach(async () => {
      ({ app, base } = await startApp({ limit: 3, ttlMs: 60_000 }));
    });

    afterEach(() => app.close());

    it('serves exactly the limit, then answers 429 problem+json with Retry-After', async () => {
      const before = await rateLimitedCount('default');
      const ok = [];
      for (let i = 0; i < 3; i++) ok.push(await call(base, '/products'));
      expect(ok.map((r) => r.status)).toEqual([200, 200, 200]);
      expect(ok.map((r) => r.headers.get('x-ratelimit-remaining'))).toEqual(['2', '1', '0']);
      expect(ok[0].headers.get('x-ratelimit-limit')).toBe('3');
      expect(Number(ok[0].headers.get('x-ratelimit-reset'))).toBeGreaterThan(0);
      expect(Number(ok[0].headers.get('x-ratelimit-reset'))).toBeLessThanOrEqual(60);

      const limited = await call(base, '/products');
      expect(limited.status).toBe(429);
      expect(limited.headers.get('content-type')).toContain('application/problem+json');
      const retryAfter = Number(limited.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
      expect(await limited.json()).toMatchObject({
        status: 429,
        code: 'BFF_ERR_RATE_LIMITED',
        requestId: expect.any(String),
      });
      expect(await rateLimitedCount('default')).toBe(before + 1);
    });

    it('counts a client across routes, not per route', async () => {
      await call(base, '/products');
      await call(base, '/catalog');
      await call(base, '/products');
      expect((await call(base, '/catalog')).status).toBe(429);
    });

    it('never limits the platform routes or a @SkipThrottle() route', async () => {
      await statuses(4, () => call(base, '/products'));
      expect(await statuses(5, () => call(base, '/health/live'))).toEqual(Array(5).fill(200));
      expect(await statuses(5, () => call(base, '/unlimited'))).toEqual(Array(5).fill(200));
    });

    it('gives each verified user their own budget', async () => {
      const alice = { authorization: `Bearer ${await token('alice')}` };
      const bob = { authorization: `Bearer ${await token('bob')}` };
      expect(await statuses(4, () => call(base, '/products', alice))).toEqual([200, 200, 200, 429]);
      expect((await call(base, '/products', bob)).status).toBe(200);
      expect((await call(base, '/products')).status).toBe(200);
    });

    it('does not trust an unverified token as an identity', async () => {
      const forged = await new SignJWT({})
        .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
        .setSubject('victim')
        .setExpirationTime('5m')
        .sign((await generateKeyPair('RS256')).privateKey);
      // Counted against the caller's IP, not against "victim".
      expect(
        await statuses(4, () => call(base, '/products', { authorization: `Bearer ${forged}` })),
      ).toEqual([200, 200, 200, 429]);
      const victim = await call(base, '/products', {
        authorization: `Bearer ${await token('victim')}`,
      });
      expect(victim.headers.get('x-ratelimit-remaining')).toBe('2');
    });

    it('ignores X-Forwarded-For when no proxy is trusted', async () => {
      const sent = await statuses(4, async () =>
        call(base, '/products', {
          'x-forwarded-for': `203.0.113.${Math.floor(Math.random() * 250)}`,
        }),
      );
      expect(sent).toEqual([200, 200, 200, 429]);
    });
  });

  describe('behind one trusted proxy (TRUST_PROXY=1)', () => {
    let app: NestFastifyApplication;
    let base: string;

    beforeAll(async () => {
      ({ app, base } = await startApp({ limit: 2, ttlMs: 60_000, trustProxy: 1 }));
    });

    afterAll(() => app.close());

    it('limits by the address the proxy saw, not by what the client prepended', async () => {
      const spoofing = (i: number) => ({ 'x-forwarded-for': `10.9.9.${i}, 198.51.100.7` });
      expect(
        await statuses(3, async () => call(base, '/products', spoofing(Math.random() * 250))),
      ).toEqual([200, 200, 429]);
      expect((await call(base, '/products', { 'x-forwarded-for': '198.51.100.8' })).status).toBe(
        200,
      );
    });
  });

  describe('with a stricter checkout tier', () => {
    let app: NestFastifyApplication;
    let base: string;

    beforeAll(async () => {
      ({ app, base } = await startApp({
        limit: 5,
        ttlMs: 60_000,
        tiers: { checkout: { limit: 2, ttlMs: 60_000 } },
      }));
    });

    afterAll(() => app.close());

    it('applies the tier where decorated, on top of the default tier', async () => {
      const alice = { authorization: `Bearer ${await token('carol')}` };
      const first = await call(base, '/orders', alice, 'POST');
      expect(first.status).toBe(201);
      expect(first.headers.get('x-ratelimit-limit')).toBe('2');
      expect(first.headers.get('x-ratelimit-remaining')).toBe('1');
      expect((await call(base, '/orders', alice, 'POST')).status).toBe(201);

      const before = await rateLimitedCount('checkout');
      const limited = await call(base, '/orders', alice, 'POST');
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(await rateLimitedCount('checkout')).toBe(before + 1);

      // Three requests of the default budget of five are spent: two remain.
      const browse = await call(base, '/products', alice);
      expect(browse.status).toBe(200);
      expect(browse.headers.get('x-ratelimit-limit')).toBe('5');
      expect(browse.headers.get('x-ratelimit-remaining')).toBe('1');
    });

    it('refuses a route that names an unknown tier rather than leave it unlimited', async () => {
      expect((await call(base, '/misspelt')).status).toBe(500);
    });
  });

  describe('before AuthModule, on an app that needs an API key everywhere', () => {
    let app: NestFastifyApplication;
    let base: string;

    beforeAll(async () => {
      ({ app, base } = await startApp(
        { limit: 3, ttlMs: 60_000 },
        { apiKeys: ['key-a', 'key-b'] },
      ));
    });

    afterAll(() => app.close());

    it('keys the limit on the API key, one budget per key', async () => {
      expect(await statuses(4, () => call(base, '/products', { 'x-api-key': 'key-a' }))).toEqual([
        200, 200, 200, 429,
      ]);
      expect((await call(base, '/products', { 'x-api-key': 'key-b' })).status).toBe(200);
    });

    it('counts wrong keys against the caller, so that guessing keys is slowed down', async () => {
      const guesses = await statuses(4, () =>
        call(base, '/products', { 'x-api-key': `guess-${Math.random()}` }),
      );
      expect(guesses).toEqual([401, 401, 401, 429]);
    });
  });

  describe('when the guard itself fails', () => {
    it('rejects the request with 500 rather than letting it through', async () => {
      const { app, base } = await startApp(
        { limit: 100, ttlMs: 60_000 },
        { authStub: { identify: () => Promise.reject(new TypeError('defect')) } },
      );
      try {
        const response = await call(base, '/products');
        expect(response.status).toBe(500);
        expect(JSON.stringify(await response.json())).not.toContain('defect');
      } finally {
        await app.close();
      }
    });
  });
});
