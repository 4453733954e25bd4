export interface RetryPolicyOptions {
  /** Retries after the first attempt; the contract allows one. */
  maxRetries?: number;
  /** Mean backoff before a retry; the actual delay is jittered to 50–150 % of it. */
  backoffMs?: number;
  /** A retry is only worth making if at least this much of the deadline is left after the backoff. */
  minAttemptMs?: number;
  /** Source of jitter in [0, 1); injectable for tests. */
  random?: () => number;
}

/** What the transport knows about a failed attempt when it asks whether to retry. */
export interface FailedAttempt {
  /** 1 after the first attempt. */
  attempt: number;
  method: string;
  /** The request carries an idempotency key, so repeating it cannot create a second effect. */
  hasIdempotencyKey: boolean;
  /** The failure is one a retry may cure: a connection error, 502 or 503. */
  transient: boolean;
  /** Milliseconds left of the call's deadline. */
  remainingMs: number;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Decides whether and when a failed upstream call is retried: at most `maxRetries` times, only
 * for safe methods or requests with an idempotency key, only for transient failures, and only
 * if the deadline leaves room for the jittered backoff plus a useful attempt.
 *
 * @example
 * const policy = new RetryPolicy({ backoffMs: 50 });
 * const delay = policy.nextDelay({ attempt: 1, method: 'GET', hasIdempotencyKey: false,
 *   transient: true, remainingMs: 1500 }); // ~25–75, or null when no retry
 */
export class RetryPolicy {
  private readonly maxRetries: number;
  private readonly backoffMs: number;
  private readonly minAttemptMs: number;
  private readonly random: () => number;

  constructor(options: RetryPolicyOptions = {}) {
    this.maxRetries = options.maxRetries ?? 1;
    this.backoffMs = options.backoffMs ?? 50;
    this.minAttemptMs = options.minAttemptMs ?? 100;
    this.random = options.random ?? Math.random;
  }

  /** Milliseconds to wait before the next attempt, or `null` when the failure is final. */
  nextDelay(failed: FailedAttempt): number | null {
    if (failed.attempt > this.maxRetries) return null;
    if (!failed.transient) return null;
    if (!SAFE_METHODS.has(failed.method.toUpperCase()) && !failed.hasIdempotencyKey) return null;
    const delay = Math.round(this.backoffMs * (0.5 + this.random()));
    if (failed.remainingMs - delay < this.minAttemptMs) return null;
    return delay;
  }
}
