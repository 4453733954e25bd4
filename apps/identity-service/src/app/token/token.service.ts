import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { SignJWT } from 'jose';
import { IssuerService } from '../discovery/issuer.service';
import { IdentityServiceEnv } from '../identity-service.env';
import { SIGNING_ALGORITHM } from '../keys/signing-key.loader';
import { SigningKeysService } from '../keys/signing-keys.service';
import type { DemoUser } from '../users/demo-users';
import type { TokenResponse } from './token-response.interface';

@Injectable()
export class TokenService {
  constructor(
    private readonly env: IdentityServiceEnv,
    private readonly keys: SigningKeysService,
    private readonly issuer: IssuerService,
  ) {}

  /** An RS256 access token for `user`, with `kid` in the header and scopes space-separated. */
  async issue(user: DemoUser): Promise<TokenResponse> {
    const { kid, privateKey } = this.keys.current;
    const now = Math.floor(Date.now() / 1000);
    const accessToken = await new SignJWT({ scope: user.scopes.join(' ') })
      .setProtectedHeader({ alg: SIGNING_ALGORITHM, kid, typ: 'JWT' })
      .setIssuer(this.issuer.issuer)
      .setAudience(this.env.AUTH_AUDIENCE)
      .setSubject(user.username)
      .setIssuedAt(now)
      .setExpirationTime(now + this.env.TOKEN_TTL_SECONDS)
      .setJti(randomUUID())
      .sign(privateKey);
    return {
      access_token: accessToken,
      token_type: 'Bearer',
      expires_in: this.env.TOKEN_TTL_SECONDS,
    };
  }
}
