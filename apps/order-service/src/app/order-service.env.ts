import { FaultInjectionEnv } from '@bff/services/platform-fault-injection';
import { Type } from 'class-transformer';
import { IsInt, IsNotEmpty, IsString, IsUrl, Max, Min } from 'class-validator';

const HTTP_URL = { require_tld: false, require_protocol: true, protocols: ['http', 'https'] };

/** order-service's configuration (with the `FAULT_*` variables); initialisers are the defaults. */
export class OrderServiceEnv extends FaultInjectionEnv {
  @IsUrl(HTTP_URL)
  AUTH_JWKS_URI = 'http://127.0.0.1:3100/.well-known/jwks.json';

  @IsString()
  @IsNotEmpty()
  AUTH_ISSUER = 'http://127.0.0.1:3100';

  @IsString()
  @IsNotEmpty()
  AUTH_AUDIENCE = 'bff';

  @IsUrl(HTTP_URL)
  PRODUCT_SERVICE_URL = 'http://127.0.0.1:3101';

  /** Budget of one call to product-service (and of one JWKS fetch). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(60_000)
  UPSTREAM_TIMEOUT_MS = 2000;

  /** How long an `Idempotency-Key` is remembered per user. */
  @Type(() => Number)
  @IsInt()
  @Min(1000)
  IDEMPOTENCY_TTL_MS = 86_400_000;
}
