import { plainToInstance, Type } from 'class-transformer';
import { IsIn, IsInt, IsString, Max, Min, getMetadataStorage, validateSync } from 'class-validator';
import type { Type as Class } from '@nestjs/common';

/**
 * The variables every app reads. Apps extend it with their own, using class-validator and
 * class-transformer decorators; property initialisers are the defaults.
 *
 * @example
 * export class WebBffEnv extends PlatformEnv {
 *   @IsUrl({ require_tld: false }) PRODUCT_SERVICE_URL = 'http://127.0.0.1:3101';
 * }
 */
export class PlatformEnv {
  /** Listen port; the app's default port when unset. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT: number;

  @IsString()
  HOST = '0.0.0.0';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';
}

/** A start-up configuration error; its message names the variables, never their values. */
export class InvalidConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration: ${problems.join('; ')}`);
    this.name = 'InvalidConfigError';
  }
}

function declaredVariables(envClass: Class<unknown>): string[] {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(envClass, '', true, false);
  return [...new Set(metadata.map((entry) => entry.propertyName))];
}

/**
 * Reads and validates the variables an env class declares from `source` (by default
 * `process.env`). Unset or empty variables take the class's defaults.
 *
 * @throws InvalidConfigError naming each bad variable and what it must be.
 */
export function loadEnv<E extends object>(
  envClass: Class<E>,
  source: Record<string, string | undefined> = process.env,
): E {
  const picked: Record<string, string> = {};
  for (const name of declaredVariables(envClass)) {
    const value = source[name];
    if (value !== undefined && value !== '') picked[name] = value;
  }
  const env = plainToInstance(envClass, picked, { exposeDefaultValues: true });
  const errors = validateSync(env, { skipMissingProperties: false });
  if (errors.length > 0) {
    throw new InvalidConfigError(
      errors.map(
        (error) => `${error.property}: ${Object.values(error.constraints ?? {}).join(', ')}`,
      ),
    );
  }
  return env;
}
