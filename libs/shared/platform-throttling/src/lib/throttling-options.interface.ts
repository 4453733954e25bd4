import type { ModuleMetadata } from '@nestjs/common';

/** A named limit: `limit` requests per `ttlMs` per client. */
export interface ThrottleTierOptions {
  limit: number;
  ttlMs: number;
}

export interface ThrottlingModuleOptions {
  /** Requests per window per client in the `default` tier (`THROTTLE_LIMIT`, 120). */
  limit: number;
  /** Window of the `default` tier in ms (`THROTTLE_TTL_MS`, 60000). */
  ttlMs: number;
  /** Shared counters in Redis when set (`REDIS_URL`); in process memory otherwise. */
  redisUrl?: string;
  /** Extra tiers by name, applied to routes with `@ThrottleTier(name)` on top of `default`. */
  tiers?: Record<string, ThrottleTierOptions>;
  /**
   * How many reverse proxies in front of the app to trust (`TRUST_PROXY`): `X-Forwarded-For`
   * is read only when this is 1 or more, and then only the entry that many hops from the right.
   * `true` means 1, `false`/0 (default) ignores the header.
   */
  trustProxy?: number | boolean;
  /** Route prefixes never limited; `/health`, `/metrics`, `/docs` by default. */
  skipPaths?: string[];
  /** Budget of one Redis round trip before falling back to memory; 500 ms by default. */
  redisTimeoutMs?: number;
}

export interface ThrottlingModuleAsyncOptions extends Pick<ModuleMetadata, 'imports'> {
  /** Returns options; omitted fields fall back to the environment as in `forRoot`. */
  useFactory: (
    ...args: any[]
  ) => Partial<ThrottlingModuleOptions> | Promise<Partial<ThrottlingModuleOptions>>;
  inject?: any[];
}
