import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { JWK } from 'jose';
import { SIGNING_ALGORITHM } from '../keys/signing-key.loader';
import { SigningKeysService } from '../keys/signing-keys.service';
import { DEMO_USERS } from '../users/demo-users';
import { IssuerService } from './issuer.service';

@ApiTags('discovery')
@Controller('.well-known')
export class DiscoveryController {
  constructor(
    private readonly keys: SigningKeysService,
    private readonly issuer: IssuerService,
  ) {}

  @Get('jwks.json')
  @Header('Cache-Control', 'public, max-age=300')
  @ApiOperation({ summary: 'Public keys that verify the tokens' })
  @ApiOkResponse({ description: '{ keys: JWK[] }' })
  jwks(): { keys: JWK[] } {
    return this.keys.jwks();
  }

  @Get('openid-configuration')
  @Header('Cache-Control', 'public, max-age=300')
  @ApiOperation({ summary: 'OpenID provider metadata' })
  openidConfiguration(): Record<string, unknown> {
    const issuer = this.issuer.issuer;
    return {
      issuer,
      jwks_uri: `${issuer}/.well-known/jwks.json`,
      token_endpoint: `${issuer}/token`,
      grant_types_supported: ['password'],
      response_types_supported: ['token'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: [SIGNING_ALGORITHM],
      token_endpoint_auth_methods_supported: ['none'],
      scopes_supported: [...new Set(DEMO_USERS.flatMap((user) => user.scopes))].sort(),
      claims_supported: ['iss', 'aud', 'sub', 'iat', 'exp', 'jti', 'scope'],
    };
  }
}
