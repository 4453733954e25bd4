import { createApp } from '@bff/platform-bootstrap';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from '../app/app.module';
import { orderServiceOptions } from '../app/app.options';
import { TEST_AUDIENCE, TEST_ISSUER, type TestIssuer } from './test-issuer.fixture';

export interface RunningOrderService {
  app: NestFastifyApplication;
  base: string;
  /** fetch against the app with the bearer token (if any) and JSON content type set. */
  call(
    path: string,
    init?: RequestInit & { token?: string; idempotencyKey?: string },
  ): Promise<Response>;
}

/** The real order-service app on port 0, trusting `issuer` and pricing from `productServiceUrl`. */
export async function startOrderService(
  issuer: TestIssuer,
  productServiceUrl: string,
  environment: Record<string, string> = {},
): Promise<RunningOrderService> {
  const app = await createApp(AppModule, {
    ...orderServiceOptions,
    environment: {
      LOG_LEVEL: 'silent',
      AUTH_JWKS_URI: issuer.jwksUri,
      AUTH_ISSUER: TEST_ISSUER,
      AUTH_AUDIENCE: TEST_AUDIENCE,
      PRODUCT_SERVICE_URL: productServiceUrl,
      UPSTREAM_TIMEOUT_MS: '500',
      ...environment,
    },
  });
  await app.listen(0, '127.0.0.1');
  const base = await app.getUrl();
  return {
    app,
    base,
    call: (path, { token, idempotencyKey, headers, ...init } = {}) =>
      fetch(`${base}${path}`, {
        ...init,
        headers: {
          ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(idempotencyKey !== undefined ? { 'idempotency-key': idempotencyKey } : {}),
          ...(headers as Record<string, string> | undefined),
        },
      }),
  };
}
