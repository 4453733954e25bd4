import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  exportJWK,
  exportSPKI,
  generateKeyPair,
  type JWTPayload,
  type KeyLike,
  SignJWT,
} from 'jose';

export const TEST_ISSUER = 'https://issuer.test';
export const TEST_AUDIENCE = 'bff';

export interface SignOptions {
  /** Claims to add or override; `undefined` removes a default claim. */
  claims?: Record<string, unknown>;
  kid?: string;
  /** Sign with another key than the one the JWKS publishes. */
  key?: KeyLike;
}

/**
 * A stand-in identity provider for specs: an RSA key pair made in the test, its JWKS served on
 * a real port (hits counted), and tokens signed on demand.
 */
export class TestIssuer {
  jwksHits = 0;
  private server?: Server;
  private port = 0;
  private privateKey!: KeyLike;
  private publicKey!: KeyLike;
  readonly kid = 'test-key-1';

  async start(): Promise<this> {
    ({ privateKey: this.privateKey, publicKey: this.publicKey } = await generateKeyPair('RS256'));
    const jwk = { ...(await exportJWK(this.publicKey)), kid: this.kid, use: 'sig', alg: 'RS256' };
    const server = createServer((_request, response) => {
      this.jwksHits += 1;
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
    return this;
  }

  get jwksUri(): string {
    return `http://127.0.0.1:${this.port}/.well-known/jwks.json`;
  }

  /** The public key as PEM: what an HMAC key-confusion attack would use as its secret. */
  publicKeyPem(): Promise<string> {
    return exportSPKI(this.publicKey);
  }

  async sign(subject: string, options: SignOptions = {}): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const claims = this.claims(subject, now, options.claims);
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: options.kid ?? this.kid, typ: 'JWT' })
      .sign(options.key ?? this.privateKey);
  }

  /** An unsigned token (`alg: none`), which no verifier may accept. */
  unsigned(subject: string): string {
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    return `${encode({ alg: 'none', typ: 'JWT' })}.${encode(this.claims(subject, now))}.`;
  }

  /** HS256 over the claims with `secret`, with this issuer's kid in the header. */
  hmac(subject: string, secret: Uint8Array): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT(this.claims(subject, now))
      .setProtectedHeader({ alg: 'HS256', kid: this.kid, typ: 'JWT' })
      .sign(secret);
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private claims(subject: string, now: number, overrides: Record<string, unknown> = {}) {
    const claims: Record<string, unknown> = {
      iss: TEST_ISSUER,
      aud: TEST_AUDIENCE,
      sub: subject,
      scope: 'orders:read orders:write',
      iat: now,
      exp: now + 600,
      ...overrides,
    };
    for (const [name, value] of Object.entries(claims))
      if (value === undefined) delete claims[name];
    return claims as JWTPayload;
  }
}
