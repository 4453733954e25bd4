/** Injection token of the resolved `AuthModuleOptions`. */
export const AUTH_MODULE_OPTIONS = Symbol('AuthModuleOptions');

export const AUTH_POLICY_KEY = 'bff:auth:policy';
export const REQUIRED_SCOPES_KEY = 'bff:auth:scopes';
export const REQUIRE_API_KEY_KEY = 'bff:auth:api-key';

/** Routes the platform registers itself; probes and scrapers carry no credentials. */
export const DEFAULT_PUBLIC_PATHS = ['/health', '/metrics', '/docs'];

export const DEFAULT_API_KEY_HEADER = 'x-api-key';

/** Asymmetric algorithms only: `none` and HMAC would let a public JWKS key sign tokens. */
export const ASYMMETRIC_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
] as const;

/** Once per 30 s at most, per CONTRACT: an unknown `kid` cannot make us hammer the JWKS. */
export const JWKS_COOLDOWN_MS = 30_000;
export const JWKS_CACHE_MAX_AGE_MS = 10 * 60_000;
