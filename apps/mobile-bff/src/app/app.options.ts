import type { AppOptions } from '@bff/platform-bootstrap';
import { MobileBffEnv } from './mobile-bff.env';

/** No CORS: the client is a native app, not a browser page. */
export const mobileBffOptions: AppOptions<MobileBffEnv> = {
  defaultPort: 3001,
  env: MobileBffEnv,
  globalPrefix: 'api/v1',
  name: 'mobile-bff',
  swagger: {
    apiKeyHeader: 'x-api-key',
    bearerAuth: true,
    description:
      'The mobile team’s BFF: lean payloads of the product, inventory and order services. Every ' +
      'route needs an X-Api-Key; order routes also a bearer token. Errors are ' +
      'application/problem+json (RFC 9457).',
    title: 'mobile-bff',
  },
};
