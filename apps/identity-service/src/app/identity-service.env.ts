import { FaultInjectionEnv } from '@bff/services/platform-fault-injection';
import { Type } from 'class-transformer';
import { IsInt, IsNotEmpty, IsOptional, IsString, IsUrl, Max, Min } from 'class-validator';

/** identity-service's configuration (with the `FAULT_*` variables); initialisers are the defaults. */
export class IdentityServiceEnv extends FaultInjectionEnv {
  /** `iss` of every token; `http://127.0.0.1:<bound port>` when unset. */
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  AUTH_ISSUER?: string;

  @IsString()
  @IsNotEmpty()
  AUTH_AUDIENCE = 'bff';

  @Type(() => Number)
  @IsInt()
  @Min(60)
  @Max(86_400)
  TOKEN_TTL_SECONDS = 3600;

  /** PKCS8 PEM of the RSA signing key; a new key is generated at start when unset. */
  @IsOptional()
  @IsString()
  IDENTITY_PRIVATE_KEY?: string;
}
