import type { Type } from '@nestjs/common';
import type { PlatformEnv } from './platform-env';

/** How `createApp` sets up an app of the platform. */
export interface AppOptions<E extends PlatformEnv = PlatformEnv> {
  /** App name: on every log line and in the OpenAPI document. */
  name: string;
  /** Port when `PORT` is unset. */
  defaultPort: number;
  /** The env class, validated at start and injectable by its class. */
  env?: Type<E>;
  /** Overrides `process.env` (tests). */
  environment?: Record<string, string | undefined>;
  /** OpenAPI document served at `/docs` and `/docs-json`. */
  swagger?: {
    title: string;
    description?: string;
    version?: string;
    /** Security schemes the routes use. */
    bearerAuth?: boolean;
    apiKeyHeader?: string;
  };
  /** Prefix of the app's own routes (e.g. `api/v1`); `/health`, `/metrics` and `/docs` stay at the root. */
  globalPrefix?: string;
  /** Allowed CORS origins, read from the validated env; no CORS headers when absent. */
  corsOrigins?: (env: E) => string[];
  /** JSON body limit in bytes; 100 KB by default. */
  bodyLimitBytes?: number;
  /** How long SIGTERM waits for in-flight requests; 10 s by default. */
  drainTimeoutMs?: number;
  /**
   * Mount Nest middleware (`configure(consumer)`) through `@fastify/middie`. Off by default: the
   * platform's per-request work runs in Fastify hooks, guards and interceptors, and middie's
   * hook alone cost ~9% of a cached page's CPU. With it off, an app that applies middleware fails
   * at start rather than running without it.
   */
  nestMiddleware?: boolean;
}
