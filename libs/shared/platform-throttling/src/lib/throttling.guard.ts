import { createHash } from 'node:crypto';
import { type ExecutionContext, Inject, Injectable, Optional } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  InjectThrottlerOptions,
  InjectThrottlerStorage,
  ThrottlerGuard,
  type ThrottlerModuleOptions,
  type ThrottlerRequest,
  type ThrottlerStorage,
} from '@nestjs/throttler';
import { AuthService } from '@bff/platform-auth';
import { BffError } from '@bff/util-errors';
import { clientIpOf } from './client-ip.util';
import { routePathOf, underPrefix } from './route-path.util';
import { THROTTLE_TIERS_KEY, THROTTLING_MODULE_OPTIONS } from './throttling.constants';
import { rateLimitedTotal } from './throttling.metrics';
import type { ResolvedThrottlingOptions } from './throttling-options.util';

interface TierHit {
  tier: string;
  limit: number;
  ttlMs: number;
  totalHits: number;
  /** Seconds until the window resets. */
  resetSec: number;
  blocked: boolean;
  /** Seconds until a block ends. */
  retryAfterSec: number;
}

type Request = Parameters<typeof clientIpOf>[0] & Parameters<typeof routePathOf>[0];

/**
 * `@nestjs/throttler`'s guard with the platform's rules: one counter per client and tier (not
 * per route), the client being the verified token subject, else the verified API key, else the
 * IP; `X-RateLimit-*` from the tightest tier; 429 as a `BffError`. Its own defects reject the
 * request (500), never let it through.
 */
@Injectable()
export class BffThrottlerGuard extends ThrottlerGuard {
  private readonly hits = new WeakMap<object, TierHit[]>();

  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: Reflector,
    @Inject(THROTTLING_MODULE_OPTIONS) private readonly settings: ResolvedThrottlingOptions,
    @Optional() private readonly auth?: AuthService,
  ) {
    super(options, storage, reflector);
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const { req, res } = this.getRequestResponse(context);
    if (underPrefix(routePathOf(req as Request), this.settings.skipPaths)) return true;
    this.assertKnownTiers(context);

    const hits: TierHit[] = [];
    this.hits.set(req, hits);
    await super.canActivate(context);
    if (hits.length === 0) return true;

    const tightest = hits.reduce((a, b) =>
      a.limit - a.totalHits <= b.limit - b.totalHits ? a : b,
    );
    const headers: Record<string, string> = {
      'X-RateLimit-Limit': String(tightest.limit),
      'X-RateLimit-Remaining': String(Math.max(0, tightest.limit - tightest.totalHits)),
      'X-RateLimit-Reset': String(Math.max(0, tightest.resetSec)),
    };
    for (const [name, value] of Object.entries(headers)) this.setResponseHeader(res, name, value);

    const blocked = hits.filter((hit) => hit.blocked);
    if (blocked.length === 0) return true;
    const worst = blocked.reduce((a, b) => (a.retryAfterSec >= b.retryAfterSec ? a : b));
    rateLimitedTotal.inc({ tier: worst.tier });
    throw new BffError('BFF_ERR_RATE_LIMITED', {
      detail: `More than ${worst.limit} requests in ${worst.ttlMs / 1000} s; retry later`,
      headers: {
        ...headers,
        'X-RateLimit-Limit': String(worst.limit),
        'X-RateLimit-Remaining': '0',
        'Retry-After': String(Math.max(1, worst.retryAfterSec)),
      },
    });
  }

  /** A misspelt tier would silently not apply: refuse the request instead. */
  private assertKnownTiers(context: ExecutionContext): void {
    const requested =
      this.reflector.getAllAndMerge<string[]>(THROTTLE_TIERS_KEY, [
        context.getHandler(),
        context.getClass(),
      ]) ?? [];
    const unknown = requested.filter((tier) => !this.settings.tiers.some((t) => t.name === tier));
    if (unknown.length > 0) throw new Error(`Unknown throttle tier: ${unknown.join(', ')}`);
  }

  /** Counts the request in one tier; the verdict over all tiers is taken in `canActivate`. */
  protected override async handleRequest(request: ThrottlerRequest): Promise<boolean> {
    const { context, limit, ttl, throttler, blockDuration, getTracker, generateKey } = request;
    const { req } = this.getRequestResponse(context);
    const name = throttler.name as string;
    const tracker = await getTracker(req, context);
    const key = generateKey(context, tracker, name);
    const record = await this.storageService.increment(key, ttl, limit, blockDuration, name);
    const hits = this.hits.get(req);
    if (!hits) throw new Error('Throttling guard state lost');
    hits.push({
      tier: name,
      limit,
      ttlMs: ttl,
      totalHits: record.totalHits,
      resetSec: record.timeToExpire,
      blocked: record.isBlocked,
      retryAfterSec: record.timeToBlockExpire,
    });
    return true;
  }

  /** Verified identity only (from `@bff/platform-auth`, shared with its guard), else the IP. */
  protected override async getTracker(req: Record<string, any>): Promise<string> {
    const identity = await this.auth?.identify(req as Parameters<AuthService['identify']>[0]);
    return identity ?? `ip:${clientIpOf(req as Request, this.settings.trustedHops)}`;
  }

  /** Per client and tier, across routes: the limit is the client's, not each endpoint's. */
  protected override generateKey(
    _context: ExecutionContext,
    tracker: string,
    tier: string,
  ): string {
    return createHash('sha256').update(`${tier}\n${tracker}`).digest('hex');
  }
}
