import { DEFAULT_REDIS_TIMEOUT_MS, DEFAULT_SKIP_PATHS, DEFAULT_TIER } from './throttling.constants';
import type { ThrottleTierOptions, ThrottlingModuleOptions } from './throttling-options.interface';

export interface ResolvedThrottlingOptions {
  tiers: Array<ThrottleTierOptions & { name: string }>;
  redisUrl?: string;
  trustedHops: number;
  skipPaths: string[];
  redisTimeoutMs: number;
}

function positiveInt(value: number | string | undefined, name: string, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const number = typeof value === 'number' ? value : Number(value);
  if (!Number.isInteger(number) || number < 1) {
    throw new Error(`ThrottlingModule: ${name} must be a positive integer`);
  }
  return number;
}

function trustedHops(value: number | boolean | string | undefined): number {
  if (value === undefined || value === '' || value === false || value === 'false') return 0;
  if (value === true || value === 'true') return 1;
  const hops = Number(value);
  if (!Number.isInteger(hops) || hops < 0) {
    throw new Error('ThrottlingModule: TRUST_PROXY must be true, false or a number of proxy hops');
  }
  return hops;
}

/** Applies the CONTRACT defaults (`THROTTLE_LIMIT`, `THROTTLE_TTL_MS`, `REDIS_URL`, `TRUST_PROXY`). */
export function resolveThrottlingOptions(
  options: Partial<ThrottlingModuleOptions>,
  env: Record<string, string | undefined> = process.env,
): ResolvedThrottlingOptions {
  const defaultTier = {
    name: DEFAULT_TIER,
    limit: positiveInt(options.limit ?? env['THROTTLE_LIMIT'], 'limit (THROTTLE_LIMIT)', 120),
    ttlMs: positiveInt(options.ttlMs ?? env['THROTTLE_TTL_MS'], 'ttlMs (THROTTLE_TTL_MS)', 60_000),
  };
  const extra = Object.entries(options.tiers ?? {}).map(([name, tier]) => {
    if (name === DEFAULT_TIER) throw new Error('ThrottlingModule: "default" is set by limit/ttlMs');
    return {
      name,
      limit: positiveInt(tier.limit, `tiers.${name}.limit`, 0),
      ttlMs: positiveInt(tier.ttlMs, `tiers.${name}.ttlMs`, 0),
    };
  });
  const redisUrl = options.redisUrl ?? (env['REDIS_URL'] || undefined);
  if (redisUrl && !/^rediss?:\/\//.test(redisUrl)) {
    throw new Error('ThrottlingModule: redisUrl (REDIS_URL) must be a redis:// or rediss:// URL');
  }
  return {
    tiers: [defaultTier, ...extra],
    redisUrl,
    trustedHops: trustedHops(options.trustProxy ?? env['TRUST_PROXY']),
    skipPaths: (options.skipPaths ?? DEFAULT_SKIP_PATHS).map((path) => path.replace(/\/+$/, '')),
    redisTimeoutMs: positiveInt(options.redisTimeoutMs, 'redisTimeoutMs', DEFAULT_REDIS_TIMEOUT_MS),
  };
}
