import { Controller, Get, Module, Param } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ProductClient } from '@bff/data-access-service-clients';
import { CurrentUser, type AuthenticatedUser, Public, RequireScopes } from '@bff/platform-auth';
import { createApp } from '@bff/platform-bootstrap';
import {
  type FakeUpstream,
  reply,
  startFakeUpstream,
  startTestIdentity,
  type TestIdentity,
} from '@bff/util-testing';
import { BffPlatformModule } from './bff-platform.module';
import { BffEnv } from './bff.env';

// The one route a team would write: everything else below comes from the platform.
@Controller('things')
class ThingsController {
  constructor(private readonly products: ProductClient) {}

  @Public()
  @Get(':id')
  thing(@Param('id') id: string) {
    return this.products.getProduct(id);
  }

  @RequireScopes('things:read')
  @Get()
  mine(@CurrentUser() user: AuthenticatedUser) {
    return { sub: user.sub };
  }
}

@Module({ controllers: [ThingsController], imports: [BffPlatformModule.forRoot()] })
class ThrowawayModule {}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const json = (response: Response): Promise<any> => response.json();

const product = {
  id: 'p1',
  sku: 'S1',
  name: 'One',
  description: 'd',
  category: 'c',
  price: { amount: 100, currency: 'USD' },
  images: ['https://img/1.jpg'],
  rating: 4.5,
  relatedIds: [],
};

describe('a throwaway BFF built only from the platform', () => {
  let identity: TestIdentity;
  let upstream: FakeUpstream;
  let app: NestFastifyApplication;
  let base: string;

  beforeAll(async () => {
    identity = await startTestIdentity();
    upstream = await startFakeUpstream({
      'GET /health/live': () => reply.json({ status: 'ok' }),
      'GET /products/:id': (request) =>
        request.params['id'] === 'p1' ? reply.json(product) : reply.problem(404),
    });
    app = await createApp(ThrowawayModule, {
      name: 'throwaway-bff',
      defaultPort: 0,
      env: BffEnv,
      globalPrefix: 'api/v1',
      swagger: { title: 'throwaway', bearerAuth: true },
      environment: {
        LOG_LEVEL: 'silent',
        AUTH_JWKS_URI: identity.jwksUri,
        AUTH_ISSUER: identity.issuer,
        PRODUCT_SERVICE_URL: upstream.url,
        THROTTLE_LIMIT: '5',
        THROTTLE_TTL_MS: '60000',
      },
    });
    await app.listen(0, '127.0.0.1');
    base = `${await app.getUrl()}/api/v1`;
  });

  afterAll(async () => {
    await app.close();
    await upstream.close();
    await identity.close();
  });

  it('serves a public route through a keep-alive service client, forwarding the request id', async () => {
    const response = await fetch(`${base}/things/p1`, { headers: { 'x-request-id': 'req-42' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe('req-42');
    expect((await json(response)).name).toBe('One');
    expect(upstream.calls.at(-1)?.headers['x-request-id']).toBe('req-42');
    expect(upstream.calls.at(-1)?.headers['traceparent']).toMatch(/^00-[0-9a-f]{32}-/);
  });

  it('answers a missing upstream resource with a 404 problem', async () => {
    const response = await fetch(`${base}/things/nope`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
  });

  it('rejects a bad path parameter before any downstream call', async () => {
    const calls = upstream.calls.length;
    const response = await fetch(`${base}/things/a.b`);
    expect(response.status).toBe(400);
    expect(upstream.calls.length).toBe(calls);
  });

  it('asks for a bearer token with WWW-Authenticate', async () => {
    const response = await fetch(`${base}/things`);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
  });

  it('refuses a token without the scope with 403 and accepts one with it', async () => {
    const without = await fetch(`${base}/things`, {
      headers: { authorization: `Bearer ${await identity.token('carol', 'other')}` },
    });
    expect(without.status).toBe(403);
    const withScope = await fetch(`${base}/things`, {
      headers: { authorization: `Bearer ${await identity.token('alice', 'things:read')}` },
    });
    expect(withScope.status).toBe(200);
    expect(await json(withScope)).toEqual({ sub: 'alice' });
  });

  it('rate-limits each client with X-RateLimit headers and a 429 problem with Retry-After', async () => {
    const token = await identity.token('dave', 'things:read');
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 6; i++) {
      last = await fetch(`${base}/things`, { headers: { authorization: `Bearer ${token}` } });
      statuses.push(last.status);
      if (i === 0) expect(last.headers.get('x-ratelimit-limit')).toBe('5');
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    expect(last?.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await json(last as Response)).code).toBe('BFF_ERR_RATE_LIMITED');
  });

  it('is ready while the product service answers, and documents the route', async () => {
    expect((await fetch(`${await app.getUrl()}/health/ready`)).status).toBe(200);
    const document = await json(await fetch(`${await app.getUrl()}/docs-json`));
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/api/v1/things/{id}', '/api/v1/things']),
    );
  });
});

describe('the platform under credential guessing', () => {
  let identity: TestIdentity;
  let app: NestFastifyApplication;

  beforeAll(async () => {
    identity = await startTestIdentity();
    app = await createApp(ThrowawayModule, {
      name: 'throwaway-bff',
      defaultPort: 0,
      env: BffEnv,
      environment: {
        LOG_LEVEL: 'silent',
        AUTH_JWKS_URI: identity.jwksUri,
        AUTH_ISSUER: identity.issuer,
        THROTTLE_LIMIT: '3',
        THROTTLE_TTL_MS: '60000',
      },
    });
    await app.listen(0, '127.0.0.1');
  });

  afterAll(async () => {
    await app.close();
    await identity.close();
  });

  it('counts requests with a bad token against the client IP, then answers 429', async () => {
    const forged = `${await identity.token('mallory', 'things:read')}x`;
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const response = await fetch(`${await app.getUrl()}/things`, {
        headers: { authorization: `Bearer ${forged}` },
      });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
  });
});
