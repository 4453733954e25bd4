import { plainToInstance, Type } from 'class-transformer';
import { getMetadataStorage, IsInt, IsUrl, Max, Min, validateSync } from 'class-validator';

const URL_OPTIONS = { require_tld: false, require_protocol: true, protocols: ['http', 'https'] };

// TypeScript requires a mixin's constructor to take `any[]`.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Constructor<T = object> = new (...args: any[]) => T;

/**
 * The variables the service clients read, with the contract's defaults.
 *
 * @example
 * const options = serviceClientsOptionsFromEnv(env satisfies ServiceClientsVariables);
 */
export interface ServiceClientsVariables {
  PRODUCT_SERVICE_URL: string;
  INVENTORY_SERVICE_URL: string;
  ORDER_SERVICE_URL: string;
  UPSTREAM_TIMEOUT_MS: number;
  UPSTREAM_CONNECTIONS: number;
  CIRCUIT_FAILURE_THRESHOLD: number;
  CIRCUIT_RESET_MS: number;
}

/**
 * Adds the service-client variables of the contract, with their defaults and validation, to an
 * app's env class. Use it to compose them with the platform's env.
 *
 * @example
 * export class WebBffEnv extends withServiceClientsEnv(PlatformEnv) {
 *   @IsUrl({ require_tld: false }) AUTH_JWKS_URI = 'http://127.0.0.1:3100/.well-known/jwks.json';
 * }
 * ServiceClientsModule.forRootAsync({ inject: [WebBffEnv], useFactory: serviceClientsOptionsFromEnv });
 */
export function withServiceClientsEnv<TBase extends Constructor>(Base: TBase) {
  class ServiceClientsEnvFields extends Base implements ServiceClientsVariables {
    @IsUrl(URL_OPTIONS)
    PRODUCT_SERVICE_URL = 'http://127.0.0.1:3101';

    @IsUrl(URL_OPTIONS)
    INVENTORY_SERVICE_URL = 'http://127.0.0.1:3102';

    @IsUrl(URL_OPTIONS)
    ORDER_SERVICE_URL = 'http://127.0.0.1:3103';

    /** Budget of one downstream call, retries included. */
    @Type(() => Number)
    @IsInt()
    @Min(1)
    UPSTREAM_TIMEOUT_MS = 2000;

    /** Keep-alive connections per downstream service (not in the contract's minimum set). */
    @Type(() => Number)
    @IsInt()
    @Min(1)
    @Max(1024)
    UPSTREAM_CONNECTIONS = 32;

    @Type(() => Number)
    @IsInt()
    @Min(1)
    CIRCUIT_FAILURE_THRESHOLD = 5;

    @Type(() => Number)
    @IsInt()
    @Min(1)
    CIRCUIT_RESET_MS = 10000;
  }
  return ServiceClientsEnvFields;
}

/**
 * The service-client variables on their own, for apps or tests that do not use the platform's env.
 *
 * @example
 * const env = loadServiceClientsEnv({ PRODUCT_SERVICE_URL: 'http://product:3101' });
 * env.UPSTREAM_TIMEOUT_MS; // 2000
 */
export class ServiceClientsEnv extends withServiceClientsEnv(class {}) {}

/**
 * Reads and validates the service-client variables from `source`; unset or empty variables take
 * the contract's defaults.
 *
 * @throws Error naming each bad variable (never its value).
 * @example
 * loadServiceClientsEnv(process.env).PRODUCT_SERVICE_URL;
 */
export function loadServiceClientsEnv(
  source: Record<string, string | undefined> = process.env,
): ServiceClientsEnv {
  const names = getMetadataStorage()
    .getTargetValidationMetadatas(ServiceClientsEnv, '', true, false)
    .map((metadata) => metadata.propertyName);
  const picked: Record<string, string> = {};
  for (const name of names) {
    const value = source[name];
    if (value !== undefined && value !== '') picked[name] = value;
  }
  const env = plainToInstance(ServiceClientsEnv, picked, { exposeDefaultValues: true });
  const errors = validateSync(env);
  if (errors.length > 0) {
    throw new Error(
      `Invalid configuration: ${errors
        .map((error) => `${error.property}: ${Object.values(error.constraints ?? {}).join(', ')}`)
        .join('; ')}`,
    );
  }
  return env;
}
