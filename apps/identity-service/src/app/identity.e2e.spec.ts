import { generateKeyPairSync } from 'node:crypto';
import { createApp } from '@bff/platform-bootstrap';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  calculateJwkThumbprint,
  createLocalJWKSet,
  decodeProtectedHeader,
  jwtVerify,
  type JSONWebKeySet,
} from 'jose';
import { AppModule } from './app.module';
import { identityServiceOptions } from './app.options';

async function start(environment: Record<string, string> = {}) {
  const app = await createApp(AppModule, {
    ...identityServiceOptions,
    environment: { LOG_LEVEL: 'silent', ...environment },
  });
  await app.listen(0, '127.0.0.1');
  return { app, base: await app.getUrl() };
}

function postToken(base: string, body: unknown, contentType = 'application/json') {
  return fetch(`${base}/token`, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function tokenFor(base: string, username: string): Promise<string> {
  const response = await postToken(base, { username, password: 'password' });
  expect(response.status).toBe(200);
  return ((await response.json()) as { access_token: string }).access_token;
}

describe('identity-service', () => {
  describe('with a generated key and no AUTH_ISSUER', () => {
    let app: NestFastifyApplication;
    let base: string;

    beforeAll(async () => ({ app, base } = await start()));
    afterAll(() => app.close());

    it('issues a Bearer token whose claims verify against the served JWKS', async () => {
      const response = await postToken(base, { username: 'alice', password: 'password' });
      const body = (await response.json()) as Record<string, unknown>;
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(body).toEqual({
        access_token: expect.any(String),
        token_type: 'Bearer',
        expires_in: 3600,
      });

      const jwks = (await (await fetch(`${base}/.well-known/jwks.json`)).json()) as JSONWebKeySet;
      const port = new URL(base).port;
      const { payload, protectedHeader } = await jwtVerify(
        body.access_token as string,
        createLocalJWKSet(jwks),
        { issuer: `http://127.0.0.1:${port}`, audience: 'bff', algorithms: ['RS256'] },
      );

      expect(protectedHeader).toMatchObject({ alg: 'RS256', kid: jwks.keys[0].kid });
      expect(payload).toMatchObject({ sub: 'alice', scope: 'orders:read orders:write' });
      const { exp = 0, iat = 0 } = payload;
      expect(exp - iat).toBe(3600);
      expect(Math.abs(iat - Date.now() / 1000)).toBeLessThan(60);
    });

    it('gives each user their own scopes', async () => {
      const scopeOf = async (user: string) =>
        (await jwtVerify(await tokenFor(base, user), createLocalJWKSet(await jwksOf(base)))).payload
          .scope;
      expect(await scopeOf('bob')).toBe('orders:read orders:write');
      expect(await scopeOf('carol')).toBe('orders:read');
      expect(await scopeOf('dave')).toBe('');
    });

    it('serves only the public key, cacheable for five minutes, with its thumbprint as kid', async () => {
      const response = await fetch(`${base}/.well-known/jwks.json`);
      const { keys } = (await response.json()) as JSONWebKeySet;

      expect(response.headers.get('cache-control')).toBe('public, max-age=300');
      expect(keys).toHaveLength(1);
      expect(Object.keys(keys[0]).sort()).toEqual(['alg', 'e', 'kid', 'kty', 'n', 'use']);
      expect(keys[0].kid).toBe(await calculateJwkThumbprint(keys[0], 'sha256'));
    });

    it('keeps the same key across requests', async () => {
      const first = await jwksOf(base);
      const second = await jwksOf(base);
      const headerA = decodeProtectedHeader(await tokenFor(base, 'alice'));
      const headerB = decodeProtectedHeader(await tokenFor(base, 'bob'));

      expect(second).toEqual(first);
      expect(headerA.kid).toBe(first.keys[0].kid);
      expect(headerB.kid).toBe(first.keys[0].kid);
    });

    it('describes itself at openid-configuration with the port it is bound to', async () => {
      const response = await fetch(`${base}/.well-known/openid-configuration`);
      const issuer = `http://127.0.0.1:${new URL(base).port}`;

      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({
        issuer,
        jwks_uri: `${issuer}/.well-known/jwks.json`,
        token_endpoint: `${issuer}/token`,
        id_token_signing_alg_values_supported: ['RS256'],
        scopes_supported: ['orders:read', 'orders:write'],
      });
    });

    it.each([
      ['a wrong password', { username: 'alice', password: 'wrong' }],
      ['an unknown user', { username: 'mallory', password: 'password' }],
    ])('answers 401 problem+json for %s', async (_case, body) => {
      const response = await postToken(base, body);
      const problem = (await response.json()) as Record<string, unknown>;

      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(problem).toMatchObject({ status: 401, code: 'BFF_ERR_UNAUTHORIZED' });
      expect(problem.requestId).toEqual(expect.any(String));
      expect(JSON.stringify(problem)).not.toContain('access_token');
    });

    it('answers 400 for unknown fields', async () => {
      const response = await postToken(base, {
        username: 'alice',
        password: 'password',
        scope: 'admin',
      });
      const problem = (await response.json()) as { errors: { field: string }[] };

      expect(response.status).toBe(400);
      expect(problem.errors.map((error) => error.field)).toContain('scope');
    });

    it.each([
      ['a missing password', { username: 'alice' }],
      ['a non-string username', { username: 42, password: 'password' }],
      ['an empty body', {}],
    ])('answers 400 for %s', async (_case, body) => {
      expect((await postToken(base, body)).status).toBe(400);
    });

    it('answers 400 for malformed JSON and 415 for a non-JSON body', async () => {
      expect((await postToken(base, '{"username":')).status).toBe(400);
      expect(
        (await postToken(base, 'username=alice', 'application/x-www-form-urlencoded')).status,
      ).toBe(415);
    });
  });

  describe('with IDENTITY_PRIVATE_KEY, AUTH_ISSUER, AUTH_AUDIENCE and TOKEN_TTL_SECONDS set', () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    let app: NestFastifyApplication;
    let base: string;

    beforeAll(
      async () =>
        ({ app, base } = await start({
          IDENTITY_PRIVATE_KEY: pem,
          AUTH_ISSUER: 'https://id.example.test',
          AUTH_AUDIENCE: 'mobile',
          TOKEN_TTL_SECONDS: '600',
        })),
    );
    afterAll(() => app.close());

    it('signs with the key from the environment and uses the configured claims', async () => {
      const response = await postToken(base, { username: 'carol', password: 'password' });
      const body = (await response.json()) as { access_token: string; expires_in: number };
      const { payload } = await jwtVerify(body.access_token, publicKey, {
        issuer: 'https://id.example.test',
        audience: 'mobile',
      });

      expect(body.expires_in).toBe(600);
      expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(600);
      expect(payload.sub).toBe('carol');
    });

    it('publishes the public half of that key', async () => {
      const [jwk] = (await jwksOf(base)).keys;
      expect(jwk.n).toBe(publicKey.export({ format: 'jwk' }).n);
    });

    it('advertises the configured issuer', async () => {
      const config = (await (await fetch(`${base}/.well-known/openid-configuration`)).json()) as {
        issuer: string;
        jwks_uri: string;
      };
      expect(config.issuer).toBe('https://id.example.test');
      expect(config.jwks_uri).toBe('https://id.example.test/.well-known/jwks.json');
    });
  });

  describe('with FAULT_ERROR_RATE=1 on /token', () => {
    let app: NestFastifyApplication;
    let base: string;

    beforeAll(
      async () => ({ app, base } = await start({ FAULT_ERROR_RATE: '1', FAULT_ROUTES: '/token' })),
    );
    afterAll(() => app.close());

    it('fails token requests with 503 but keeps serving the key set', async () => {
      const response = await postToken(base, { username: 'alice', password: 'password' });

      expect(response.status).toBe(503);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect((await fetch(`${base}/.well-known/jwks.json`)).status).toBe(200);
    });
  });

  it('refuses to start with an IDENTITY_PRIVATE_KEY that is not a key, naming the variable', async () => {
    await expect(start({ IDENTITY_PRIVATE_KEY: 'nope' })).rejects.toThrow(/IDENTITY_PRIVATE_KEY/);
  });
});

async function jwksOf(base: string): Promise<JSONWebKeySet> {
  return (await (await fetch(`${base}/.well-known/jwks.json`)).json()) as JSONWebKeySet;
}
