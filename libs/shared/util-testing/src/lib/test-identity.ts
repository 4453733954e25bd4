import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWTPayload, SignJWT } from 'jose';

export interface TestIdentity {
  /** Serves `{ keys: [<public key>] }`. */
  jwksUri: string;
  issuer: string;
  audience: string;
  /** How many times the JWKS was downloaded. */
  readonly jwksFetches: number;
  /**
   * An RS256 token for `sub` with `scope`, valid for an hour; `claims` override any claim
   * (e.g. `{ exp: past }`, `{ iss: 'other' }`).
   */
  token(sub: string, scope?: string, claims?: JWTPayload): Promise<string>;
  close(): Promise<void>;
}

/**
 * A stand-in identity provider for specs: an RSA key pair made in the test, its JWKS served
 * over real HTTP on port 0, and a signer for tokens with any claims.
 *
 * @example
 * const identity = await startTestIdentity();
 * const token = await identity.token('alice', 'orders:read');
 * // point the app at identity.jwksUri / identity.issuer / identity.audience
 */
export async function startTestIdentity(audience = 'bff'): Promise<TestIdentity> {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const kid = 'test-key';
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  let fetches = 0;
  const server: Server = createServer((_req, res) => {
    fetches++;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    jwksUri: `${issuer}/.well-known/jwks.json`,
    issuer,
    audience,
    get jwksFetches() {
      return fetches;
    },
    token: (sub, scope = '', claims = {}) => {
      const now = Math.floor(Date.now() / 1000);
      const payload = {
        sub,
        scope,
        iss: issuer,
        aud: audience,
        iat: now,
        exp: now + 3600,
        ...claims,
      };
      return new SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid }).sign(privateKey);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
