import {
  Body,
  Controller,
  Get,
  type MiddlewareConsumer,
  Module,
  type NestModule,
  Param,
  Post,
} from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Type } from 'class-transformer';
import { IsInt, IsString, Max, Min, ValidateNested, ArrayMinSize } from 'class-validator';
import { BffError } from '@bff/util-errors';
import { RequestContext } from '@bff/util-request-context';
import { createApp, drain } from './create-app';
import { InvalidConfigError, PlatformEnv } from './platform-env';

class LineDto {
  @IsString() productId: string;
  @Type(() => Number) @IsInt() @Min(1) @Max(99) quantity: number;
}

class OrderDto {
  @ValidateNested({ each: true }) @Type(() => LineDto) @ArrayMinSize(1) lines: LineDto[];
}

let release: () => void = () => undefined;
let arrived: () => void = () => undefined;

// Response bodies are whatever the server sent: tests inspect them loosely.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const json = (response: Response): Promise<any> => response.json();

@Controller('things')
class ThingsController {
  @Get('context')
  context() {
    const context = RequestContext.current();
    return { requestId: context?.requestId, traceId: context?.traceId };
  }

  @Get('boom')
  boom() {
    throw new Error('secret internals at db.internal:5432');
  }

  @Get('typed')
  typed() {
    throw new BffError('BFF_ERR_UPSTREAM_TIMEOUT', {
      upstream: 'product',
      cause: new Error('http://product.internal'),
    });
  }

  @Get('slow')
  async slow() {
    arrived();
    await new Promise<void>((resolve) => (release = resolve));
    return { finished: true };
  }

  @Get(':id')
  one(@Param('id') id: string) {
    return { id };
  }

  @Post()
  create(@Body() body: OrderDto) {
    return { lines: body.lines.length, firstIsNumber: typeof body.lines[0].quantity === 'number' };
  }
}

@Module({ controllers: [ThingsController] })
class ThingsModule {}

describe('createApp', () => {
  let app: NestFastifyApplication;
  let base: string;

  beforeAll(async () => {
    app = await createApp(ThingsModule, {
      name: 'test-app',
      defaultPort: 0,
      environment: { LOG_LEVEL: 'silent' },
      globalPrefix: 'api/v1',
      swagger: { title: 'Test app' },
    });
    await app.listen(0, '127.0.0.1');
    base = await app.getUrl();
  });

  afterAll(() => app.close());

  describe('request ids', () => {
    it('keeps a valid incoming X-Request-Id and exposes it to the handler', async () => {
      const response = await fetch(`${base}/api/v1/things/context`, {
        headers: { 'x-request-id': 'abc.123_X-y' },
      });
      expect(response.headers.get('x-request-id')).toBe('abc.123_X-y');
      expect((await json(response)).requestId).toBe('abc.123_X-y');
    });

    it('replaces an invalid X-Request-Id with a new one', async () => {
      const response = await fetch(`${base}/api/v1/things/context`, {
        headers: { 'x-request-id': 'bad id!' },
      });
      const id = response.headers.get('x-request-id');
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      expect((await json(response)).requestId).toBe(id);
    });

    it('continues an incoming W3C trace', async () => {
      const response = await fetch(`${base}/api/v1/things/context`, {
        headers: { traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' },
      });
      expect((await json(response)).traceId).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    });
  });

  describe('errors', () => {
    async function problem(path: string, init?: RequestInit) {
      const response = await fetch(`${base}${path}`, init);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      return { status: response.status, body: await json(response), headers: response.headers };
    }

    it('answers an unknown route with a 404 problem carrying the request id', async () => {
      const { status, body, headers } = await problem('/nowhere');
      expect(status).toBe(404);
      expect(body).toMatchObject({
        status: 404,
        code: 'BFF_ERR_NOT_FOUND',
        requestId: headers.get('x-request-id'),
      });
    });

    it('lists each invalid field', async () => {
      const { status, body } = await problem('/api/v1/things', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ lines: [{ productId: 'p1', quantity: 0 }], extra: true }),
      });
      expect(status).toBe(400);
      expect(body.code).toBe('BFF_ERR_VALIDATION');
      expect(body.errors).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ field: 'lines.0.quantity' }),
          expect.objectContaining({ field: 'extra' }),
        ]),
      );
    });

    it('transforms a valid body to its DTO', async () => {
      const response = await fetch(`${base}/api/v1/things`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ lines: [{ productId: 'p1', quantity: 2 }] }),
      });
      expect(response.status).toBe(201);
      expect(await json(response)).toEqual({ lines: 1, firstIsNumber: true });
    });

    it('rejects malformed JSON with 400', async () => {
      const { status } = await problem('/api/v1/things', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"lines": [',
      });
      expect(status).toBe(400);
    });

    it('rejects a body over 100 KB with 413', async () => {
      const { status } = await problem('/api/v1/things', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ lines: 'x'.repeat(101 * 1024) }),
      });
      expect(status).toBe(413);
    });

    it.each(['text/plain', 'application/x-www-form-urlencoded', 'application/xml'])(
      'rejects a %s body with 415',
      async (type) => {
        const { status, body } = await problem('/api/v1/things', {
          method: 'POST',
          headers: { 'content-type': type },
          body: 'a=1',
        });
        expect(status).toBe(415);
        expect(body.code).toBe('BFF_ERR_UNSUPPORTED_MEDIA_TYPE');
      },
    );

    it('rejects malformed percent-encoding in the query with 400', async () => {
      const { status } = await problem('/api/v1/things/p1?q=%E0%A4%A');
      expect(status).toBe(400);
    });

    it('rejects malformed percent-encoding in the path with 400', async () => {
      const { status } = await problem('/api/v1/things/%E0%A4%A');
      expect(status).toBe(400);
    });

    it('hides the internals of an unexpected error', async () => {
      const { status, body } = await problem('/api/v1/things/boom');
      expect(status).toBe(500);
      expect(JSON.stringify(body)).not.toMatch(/secret|internal:|stack/);
    });

    it('maps a typed upstream error to its status without the upstream details', async () => {
      const { status, body } = await problem('/api/v1/things/typed');
      expect(status).toBe(504);
      expect(body).toMatchObject({
        code: 'BFF_ERR_UPSTREAM_TIMEOUT',
        type: 'urn:bff:error:upstream-timeout',
      });
      expect(JSON.stringify(body)).not.toContain('product.internal');
    });
  });

  describe('operations', () => {
    it('answers liveness and readiness', async () => {
      expect((await fetch(`${base}/health/live`)).status).toBe(200);
      expect((await fetch(`${base}/health/ready`)).status).toBe(200);
    });

    it('serves Prometheus metrics with request latency by route template', async () => {
      await fetch(`${base}/api/v1/things/p1`);
      const text = await (await fetch(`${base}/metrics`)).text();
      expect(text).toMatch(
        /bff_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/things\/:id",status="200"\} \d+/,
      );
    });

    it('serves the OpenAPI document and Swagger UI', async () => {
      const document = await json(await fetch(`${base}/docs-json`));
      expect(document.openapi).toMatch(/^3\./);
      expect(Object.keys(document.paths)).toContain('/api/v1/things/{id}');
      const ui = await fetch(`${base}/docs`);
      expect(ui.status).toBe(200);
      expect(await ui.text()).toContain('swagger');
    });

    it.each([
      ['a route', '/api/v1/things/p1', 200],
      ['an error', '/api/v1/things/boom', 500],
      ['an unknown route', '/nowhere', 404],
    ])('sets the security headers on %s', async (_, path, status) => {
      const response = await fetch(`${base}${path}`);
      expect(response.status).toBe(status);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(response.headers.get('strict-transport-security')).toMatch(/^max-age=\d+/);
      expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(response.headers.get('content-security-policy')).toContain("img-src 'self' data:");
      expect(response.headers.has('x-powered-by')).toBe(false);
    });
  });
});

@Module({ controllers: [ThingsController] })
class StampingModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply((_req: unknown, res: { setHeader(n: string, v: string): void }, next: () => void) => {
        res.setHeader('x-stamped', 'yes');
        next();
      })
      .forRoutes(ThingsController);
  }
}

describe('Nest middleware', () => {
  const options = { name: 'test-app', defaultPort: 0, environment: { LOG_LEVEL: 'silent' } };

  it('is refused at start unless the app asks for it', async () => {
    await expect(createApp(StampingModule, options)).rejects.toThrow();
  });

  it('runs when the app asks for it', async () => {
    const app = await createApp(StampingModule, { ...options, nestMiddleware: true });
    try {
      await app.listen(0, '127.0.0.1');
      const response = await fetch(`${await app.getUrl()}/things/p1`);
      expect(response.status).toBe(200);
      expect(response.headers.get('x-stamped')).toBe('yes');
    } finally {
      await app.close();
    }
  });
});

describe('configuration', () => {
  it('refuses to start on a bad value, naming the variable but not the value', async () => {
    const start = createApp(ThingsModule, {
      name: 'test-app',
      defaultPort: 0,
      env: PlatformEnv,
      environment: { PORT: 'not-a-port-s3cret', LOG_LEVEL: 'silent' },
    });
    await expect(start).rejects.toThrow(InvalidConfigError);
    await expect(start).rejects.toThrow(/PORT/);
    await expect(start).rejects.not.toThrow(/s3cret/);
  });
});

describe('draining', () => {
  it('finishes in-flight requests, turns readiness to 503 and refuses new connections', async () => {
    const app = await createApp(ThingsModule, {
      name: 'test-app',
      defaultPort: 0,
      environment: { LOG_LEVEL: 'silent' },
    });
    await app.listen(0, '127.0.0.1');
    const base = await app.getUrl();
    const handling = new Promise<void>((resolve) => (arrived = resolve));
    const inFlight = fetch(`${base}/things/slow`);
    await handling;

    const drained = drain(app, 5000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await expect(fetch(`${base}/health/live`)).rejects.toThrow();

    release();
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(await json(response)).toEqual({ finished: true });
    await drained;
  });
});
