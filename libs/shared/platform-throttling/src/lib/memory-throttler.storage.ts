import type { OnApplicationShutdown } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';

export type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

interface Window {
  hits: number;
  /** Epoch ms at which the window's count starts again from zero. */
  resetsAt: number;
  /** Epoch ms until which the client is refused (0: not blocked). */
  blockedUntil: number;
}

const SWEEP_INTERVAL_MS = 60_000;

/**
 * In-process counters with the same fixed-window rule as the Redis storage's Lua script
 * (`@nest-lab/throttler-storage-redis`), so a limit means the same with and without `REDIS_URL`,
 * and O(1) per check. `@nestjs/throttler`'s own memory storage keeps one timestamp per hit and
 * scans them on every request: with a limit of N per window a busy client costs O(N) per request.
 *
 * @example
 * const record = await storage.increment('ip:10.0.0.1', 60_000, 120, 60_000, 'default');
 * record.isBlocked; // true from the 121st call in the window
 */
export class MemoryThrottlerStorage implements ThrottlerStorage, OnApplicationShutdown {
  private readonly windows = new Map<string, Window>();
  private readonly sweeper = setInterval(() => this.sweep(), SWEEP_INTERVAL_MS).unref();

  constructor(private readonly now: () => number = Date.now) {}

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    const now = this.now();
    const id = `${key}:${throttlerName}`;
    let window = this.windows.get(id);
    if (!window || (window.resetsAt <= now && window.blockedUntil <= now)) {
      window = { hits: 0, resetsAt: now + ttl, blockedUntil: 0 };
      this.windows.set(id, window);
    } else if (window.resetsAt <= now) {
      window.hits = 0;
      window.resetsAt = now + ttl;
    }
    window.hits++;
    if (window.blockedUntil <= now && window.hits > limit) {
      window.blockedUntil = now + (blockDuration > 0 ? blockDuration : window.resetsAt - now);
    }
    const isBlocked = window.blockedUntil > now;
    return {
      totalHits: window.hits,
      timeToExpire: Math.ceil((window.resetsAt - now) / 1000),
      isBlocked,
      timeToBlockExpire: isBlocked ? Math.ceil((window.blockedUntil - now) / 1000) : 0,
    };
  }

  /** Windows tracked (for tests and the sweep). */
  get size(): number {
    return this.windows.size;
  }

  /** Forgets clients whose window and block have both ended. */
  sweep(): void {
    const now = this.now();
    for (const [id, window] of this.windows) {
      if (window.resetsAt <= now && window.blockedUntil <= now) this.windows.delete(id);
    }
  }

  onApplicationShutdown(): void {
    clearInterval(this.sweeper);
  }
}
