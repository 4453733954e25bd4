import { generateKeyPairSync } from 'node:crypto';
import { InvalidConfigError } from '@bff/platform-bootstrap';
import { calculateJwkThumbprint } from 'jose';
import { loadSigningKey } from './signing-key.loader';

describe('loadSigningKey', () => {
  const pem = generateKeyPairSync('rsa', { modulusLength: 2048 })
    .privateKey.export({ format: 'pem', type: 'pkcs8' })
    .toString();

  it('generates an RSA key whose kid is the RFC 7638 thumbprint of its public key', async () => {
    const key = await loadSigningKey();
    const { kty, n, e } = key.publicJwk;

    expect(key.privateKey.asymmetricKeyType).toBe('rsa');
    expect(key.kid).toBe(await calculateJwkThumbprint({ kty, n, e }, 'sha256'));
    expect(key.publicJwk).toMatchObject({ kty: 'RSA', use: 'sig', alg: 'RS256', kid: key.kid });
  });

  it('generates a new key on every start without a PEM', async () => {
    expect((await loadSigningKey()).kid).not.toBe((await loadSigningKey()).kid);
  });

  it('loads the same key, and so the same kid, from a PEM every time', async () => {
    const first = await loadSigningKey(pem);
    const second = await loadSigningKey(pem.replace(/\n/g, '\\n'));
    expect(second.kid).toBe(first.kid);
  });

  it('publishes only the public half', async () => {
    const { publicJwk } = await loadSigningKey(pem);
    expect(Object.keys(publicJwk).sort()).toEqual(['alg', 'e', 'kid', 'kty', 'n', 'use']);
  });

  it('names the variable when the PEM is not a key', async () => {
    await expect(loadSigningKey('not a pem')).rejects.toThrow(InvalidConfigError);
    await expect(loadSigningKey('not a pem')).rejects.toThrow(/IDENTITY_PRIVATE_KEY/);
  });

  it('refuses an RSA key shorter than 2048 bits', async () => {
    const short = generateKeyPairSync('rsa', { modulusLength: 1024 })
      .privateKey.export({ format: 'pem', type: 'pkcs8' })
      .toString();
    await expect(loadSigningKey(short)).rejects.toThrow(/at least 2048 bits/);
  });
});
