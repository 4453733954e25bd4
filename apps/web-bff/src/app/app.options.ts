import type { AppOptions } from '@bff/platform-bootstrap';
import { WebBffEnv } from './web-bff.env';

export const webBffOptions: AppOptions<WebBffEnv> = {
  corsOrigins: (env) => env.CORS_ORIGINS,
  defaultPort: 3000,
  env: WebBffEnv,
  globalPrefix: 'api/v1',
  name: 'web-bff',
  swagger: {
    bearerAuth: true,
    description:
      'The web team’s BFF: rich composites of the product, inventory and order services. ' +
      'Errors are application/problem+json (RFC 9457).',
    title: 'web-bff',
  },
};
