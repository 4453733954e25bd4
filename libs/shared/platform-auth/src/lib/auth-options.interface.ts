import type { ModuleMetadata } from '@nestjs/common';
import type { ASYMMETRIC_ALGORITHMS } from './auth.constants';

export type JwtAlgorithm = (typeof ASYMMETRIC_ALGORITHMS)[number];

/** API keys identify a client application (e.g. the mobile app), not a user. */
export interface ApiKeyOptions {
  /** Accepted keys; compared in constant time. */
  keys: string[];
  /** Request header carrying the key; `x-api-key` by default. */
  header?: string;
  /**
   * `all-routes`: every route but `publicPaths` needs a key, `@Public()` included (mobile-bff).
   * `decorated`: only routes marked `@RequireApiKey()`. Default `all-routes`.
   */
  mode?: 'all-routes' | 'decorated';
}

export interface AuthModuleOptions {
  /** Where signing keys come from (`AUTH_JWKS_URI`). */
  jwksUri: string;
  /** Required `iss` (`AUTH_ISSUER`). */
  issuer: string;
  /** Required `aud` (`AUTH_AUDIENCE`). */
  audience: string | string[];
  /** Accepted signature algorithms; `['RS256']` by default. `none` and HS* are refused at start. */
  algorithms?: JwtAlgorithm[];
  /** Allowed clock skew for `exp`/`nbf`, in seconds; 5 by default. */
  clockToleranceSec?: number;
  /** Budget of one JWKS download; 2000 ms by default. */
  jwksTimeoutMs?: number;
  /** Route prefixes that need no credentials at all; `/health`, `/metrics`, `/docs` by default. */
  publicPaths?: string[];
  apiKey?: ApiKeyOptions;
}

export interface AuthModuleAsyncOptions extends Pick<ModuleMetadata, 'imports'> {
  /** Returns options; omitted fields fall back to the environment as in `forRoot`. */
  useFactory: (...args: any[]) => Partial<AuthModuleOptions> | Promise<Partial<AuthModuleOptions>>;
  inject?: any[];
}
