import { SetMetadata } from '@nestjs/common';
import { THROTTLE_TIERS_KEY } from './throttling.constants';

/**
 * Counts the route (or every route of the class) against the named tiers too, on top of the
 * `default` tier; the tighter limit decides.
 *
 * @example
 * ThrottlingModule.forRoot({ tiers: { checkout: { limit: 10, ttlMs: 60_000 } } })
 *
 * @ThrottleTier('checkout')
 * @Post('me/orders')
 * checkout() {}
 */
export const ThrottleTier = (...tiers: string[]) => SetMetadata(THROTTLE_TIERS_KEY, tiers);
