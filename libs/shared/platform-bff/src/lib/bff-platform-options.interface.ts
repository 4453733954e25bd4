import type { ServiceName } from '@bff/data-access-service-clients';
import type { ThrottleTierOptions } from '@bff/platform-throttling';
import type { BffEnv } from './bff.env';

/** What a BFF chooses; everything else comes from its `BffEnv`. */
export interface BffPlatformOptions<E extends BffEnv = BffEnv> {
  /**
   * API keys every route but health, metrics and docs needs (e.g. the mobile app's). No keys:
   * routes need only what their decorators say.
   */
  apiKeys?: (env: E) => string[];
  /** Rate-limit tiers beyond `default`, applied with `@ThrottleTier(name)`. */
  throttleTiers?: Record<string, ThrottleTierOptions>;
  /**
   * Services without which the BFF cannot serve: `/health/ready` answers 503 while one is
   * unreachable. `['product']` by default: every composite needs the catalogue, while stock
   * degrades and orders concern signed-in routes only.
   */
  requiredServices?: ServiceName[];
}
