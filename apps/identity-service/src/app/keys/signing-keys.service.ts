import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { JWK } from 'jose';
import { IdentityServiceEnv } from '../identity-service.env';
import { loadSigningKey, type SigningKey } from './signing-key.loader';

/** Holds the signing key for the life of the process: loaded or generated once, at start. */
@Injectable()
export class SigningKeysService implements OnModuleInit {
  private key?: SigningKey;

  constructor(private readonly env: IdentityServiceEnv) {}

  async onModuleInit(): Promise<void> {
    this.key = await loadSigningKey(this.env.IDENTITY_PRIVATE_KEY);
  }

  get current(): SigningKey {
    if (!this.key) throw new Error('The signing key is not loaded yet');
    return this.key;
  }

  /** The public key set: never a private member. */
  jwks(): { keys: JWK[] } {
    return { keys: [this.current.publicJwk] };
  }
}
