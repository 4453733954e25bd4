import { PlatformEnv } from '@bff/platform-bootstrap';
import { withServiceClientsEnv } from '@bff/data-access-service-clients';
import { Transform, Type } from 'class-transformer';
import { IsInt, IsNotEmpty, IsOptional, IsString, IsUrl, Matches, Max, Min } from 'class-validator';

const URL_OPTIONS = { require_tld: false, require_protocol: true, protocols: ['http', 'https'] };

/** A comma-separated variable as a list, blanks dropped. */
export const commaSeparated = () =>
  Transform(({ value }) =>
    typeof value === 'string'
      ? value
          .split(',')
          .map((item) => item.trim())
          .filter(Boolean)
      : value,
  );

/**
 * The variables every BFF reads (CONTRACT section 1), with their defaults. A BFF's own env class
 * extends it.
 *
 * @example
 * export class WebBffEnv extends BffEnv {
 *   @commaSeparated() @IsUrl({ require_tld: false }, { each: true })
 *   CORS_ORIGINS = ['http://localhost:4200'];
 * }
 */
export class BffEnv extends withServiceClientsEnv(PlatformEnv) {
  @IsUrl(URL_OPTIONS)
  AUTH_JWKS_URI = 'http://127.0.0.1:3100/.well-known/jwks.json';

  @IsString()
  @IsNotEmpty()
  AUTH_ISSUER = 'http://127.0.0.1:3100';

  @IsString()
  @IsNotEmpty()
  AUTH_AUDIENCE = 'bff';

  /** Unset: cache and rate-limit state in process memory; set: shared in Redis. */
  @IsOptional()
  @Matches(/^rediss?:\/\/\S+$/, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  REDIS_URL?: string;

  /** TTL of cached public composites; 0 turns the cache off. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  CACHE_TTL_MS = 30_000;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  THROTTLE_LIMIT = 120;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  THROTTLE_TTL_MS = 60_000;

  /** Reverse proxies to trust for `X-Forwarded-For` (0: ignore the header). */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(10)
  TRUST_PROXY = 0;
}
