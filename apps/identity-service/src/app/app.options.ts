import type { AppOptions } from '@bff/platform-bootstrap';
import { IdentityServiceEnv } from './identity-service.env';

export const identityServiceOptions: AppOptions<IdentityServiceEnv> = {
  defaultPort: 3100,
  env: IdentityServiceEnv,
  name: 'identity-service',
  swagger: {
    description: 'Development identity provider: RS256 access tokens for demo users, JWKS',
    title: 'identity-service',
  },
};
