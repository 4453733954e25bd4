import { PlatformEnv } from '@bff/platform-bootstrap';
import { Transform } from 'class-transformer';
import { IsArray, IsInt, IsNumber, IsOptional, Matches, Max, Min } from 'class-validator';

const WHOLE_NUMBER = /^\d+$/;
const DECIMAL = /^(\d+\.?\d*|\.\d+)$/;
const PATH_PREFIX = /^\/[A-Za-z0-9/_.-]*$/;

/** Converts only plain decimal text, so that `0x10` or `1e3` fail validation instead of passing. */
function numberFrom(pattern: RegExp) {
  return ({ value }: { value: unknown }) =>
    typeof value === 'string' && pattern.test(value.trim()) ? Number(value) : value;
}

/**
 * The variables that make a reference service slow or failing on purpose, for demos and
 * resilience tests. A service's env class extends it (or is it); all faults are off by default.
 *
 * @example
 * export class ProductServiceEnv extends FaultInjectionEnv {}
 * // FAULT_DELAY_MS=300 FAULT_ERROR_RATE=0.2 FAULT_ROUTES=/products node dist/apps/product-service/main.js
 */
export class FaultInjectionEnv extends PlatformEnv {
  /** Added to every affected request before it is handled. */
  @Transform(numberFrom(WHOLE_NUMBER))
  @IsInt()
  @Min(0)
  @Max(60_000)
  FAULT_DELAY_MS = 0;

  /** Share of affected requests answered with 503 instead, from 0 (none) to 1 (all). */
  @Transform(numberFrom(DECIMAL))
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  FAULT_ERROR_RATE = 0;

  /** Comma-separated path prefixes the faults apply to (`/products,/inventory`); all when unset. */
  @IsOptional()
  @Transform(({ value }) =>
    typeof value === 'string'
      ? value
          .split(',')
          .map((prefix) => prefix.trim())
          .filter(Boolean)
      : value,
  )
  @IsArray()
  @Matches(PATH_PREFIX, { each: true, message: 'FAULT_ROUTES must be paths starting with /' })
  FAULT_ROUTES?: string[];
}
