/** Injection token of the resolved `ThrottlingModuleOptions`. */
export const THROTTLING_MODULE_OPTIONS = Symbol('ThrottlingModuleOptions');

export const THROTTLE_TIERS_KEY = 'bff:throttling:tiers';

/** The tier every route counts against; other tiers apply where `@ThrottleTier()` says. */
export const DEFAULT_TIER = 'default';

/** Probes and scrapers must never be rate limited away. */
export const DEFAULT_SKIP_PATHS = ['/health', '/metrics', '/docs'];

/** Redis must answer within this, or the request is counted in memory instead. */
export const DEFAULT_REDIS_TIMEOUT_MS = 500;
