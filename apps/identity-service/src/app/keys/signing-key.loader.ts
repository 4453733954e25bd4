import { createPublicKey, type KeyObject } from 'node:crypto';
import { InvalidConfigError } from '@bff/platform-bootstrap';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importPKCS8, type JWK } from 'jose';

export const SIGNING_ALGORITHM = 'RS256';
const MIN_MODULUS_BITS = 2048;

/** The key tokens are signed with, and its public half as the JWKS serves it. */
export interface SigningKey {
  /** RFC 7638 thumbprint of the public key. */
  kid: string;
  privateKey: KeyObject;
  publicJwk: JWK & { kid: string; use: 'sig'; alg: typeof SIGNING_ALGORITHM };
}

/**
 * Loads the signing key from a PKCS8 PEM (as `IDENTITY_PRIVATE_KEY` carries it, real or `\n`
 * escaped newlines) or, without one, generates a fresh 2048-bit RSA key pair.
 *
 * @throws InvalidConfigError naming `IDENTITY_PRIVATE_KEY` when the PEM is not a usable RSA key.
 */
export async function loadSigningKey(pem?: string): Promise<SigningKey> {
  let privateKey: KeyObject;
  if (pem) {
    try {
      privateKey = (await importPKCS8(pem.replace(/\\n/g, '\n').trim(), SIGNING_ALGORITHM, {
        extractable: true,
      })) as KeyObject;
    } catch {
      throw invalidKey('must be a PKCS8 PEM of an RSA private key');
    }
    const bits = privateKey.asymmetricKeyDetails?.modulusLength ?? 0;
    if (privateKey.asymmetricKeyType !== 'rsa' || bits < MIN_MODULUS_BITS) {
      throw invalidKey(`must be an RSA key of at least ${MIN_MODULUS_BITS} bits`);
    }
  } else {
    ({ privateKey } = (await generateKeyPair(SIGNING_ALGORITHM, {
      extractable: true,
      modulusLength: MIN_MODULUS_BITS,
    })) as { privateKey: KeyObject });
  }

  const { kty, n, e } = await exportJWK(createPublicKey(privateKey));
  const kid = await calculateJwkThumbprint({ kty, n, e }, 'sha256');
  return {
    kid,
    privateKey,
    publicJwk: { kty, n, e, kid, use: 'sig', alg: SIGNING_ALGORITHM },
  };
}

function invalidKey(message: string): InvalidConfigError {
  return new InvalidConfigError([`IDENTITY_PRIVATE_KEY: ${message}`]);
}
